#pragma once
#include <string>

namespace svc::cli {

bool stdout_is_tty();
bool stderr_is_tty();
bool stdin_is_tty();
// --color auto|always|never for stdout; `NO_COLOR` (any value) turns auto off.
bool want_color(const std::string& mode, bool is_tty);

}  // namespace svc::cli
