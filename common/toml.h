#pragma once
// toml++, as every file of svc includes it. toml++ 3.3 asserts on some malformed
// documents ("[[[x") before it would throw its parse_error, so a user's broken
// pyproject.toml or fly.toml would abort a build with assertions instead of being
// reported. The library is inline code: one file including it with the assertion on is
// a definition the linker may keep for all of them, so none may include it otherwise.
#define TOML_ASSERT(expr) static_cast<void>(0)
#include <toml++/toml.h>
