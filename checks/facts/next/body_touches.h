#pragma once
// What a Server Action's or a tRPC resolver's body does: queue, HTTP and mail calls,
// and loops that await a round trip per item. Shared by both extractors.
#include <optional>
#include <string_view>

#include <tree_sitter/api.h>

#include "checks/facts/next/next_facts.h"

namespace svc::engine {

// The kind of a call by its member path ("resend.emails.send"); nullopt for others.
std::optional<TouchKind> touch_kind(std::string_view callee);

// `body` is a function's body (a statement block or an arrow's expression).
BodyTouches summarize_touches(const SyntaxTree& tree, TSNode body);

}  // namespace svc::engine
