#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace svc::engine {

// Ordered so that a larger value is more severe; `off` disables a rule.
enum class Severity { off = 0, info = 1, warning = 2, error = 3 };

std::string_view to_string(Severity s);
std::optional<Severity> parse_severity(std::string_view text);

}  // namespace svc::engine
