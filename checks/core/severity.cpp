#include "checks/core/severity.h"

namespace svc::engine {

std::string_view to_string(Severity s) {
  switch (s) {
    case Severity::off: return "off";
    case Severity::info: return "info";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "off";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "off") return Severity::off;
  if (text == "info") return Severity::info;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

}  // namespace svc::engine
