#pragma once
#include <string_view>
#include <vector>

namespace svc::engine {

// Text of rules/<id>.yaml and docs/rules/<id>.md, compiled in (see cmake/embed.cmake).
struct EmbeddedRule {
  std::string_view id;
  std::string_view yaml;
  std::string_view doc;
};

const std::vector<EmbeddedRule>& embedded_rules();

}  // namespace svc::engine
