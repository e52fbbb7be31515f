#include "common/yaml_reader.h"

#include <set>
#include <stdexcept>

#include <fmt/format.h>

namespace svc::engine {
namespace {

const char* type_name(YAML::NodeType::value t) {
  switch (t) {
    case YAML::NodeType::Map: return "a mapping";
    case YAML::NodeType::Sequence: return "a list";
    default: return "a single value";
  }
}

}  // namespace

void YamlReader::fail(const YAML::Node& at, const std::string& message) const {
  const YAML::Mark m = at.Mark();
  thrower_(m.line + 1, m.column + 1, message);
  throw std::logic_error("YamlReader: the thrower returned");  // keeps [[noreturn]] honest
}

void YamlReader::expect(const YAML::Node& n, YAML::NodeType::value type, const std::string& what) const {
  if (n.Type() != type) fail(n, fmt::format("{} must be {}", what, type_name(type)));
}

std::string YamlReader::scalar(const YAML::Node& n, const std::string& what) const {
  expect(n, YAML::NodeType::Scalar, what);
  return n.Scalar();
}

std::vector<std::string> YamlReader::scalars(const YAML::Node& n, const std::string& what) const {
  expect(n, YAML::NodeType::Sequence, what);
  std::vector<std::string> out;
  for (const auto& item : n) out.push_back(scalar(item, what + " entries"));
  return out;
}

bool YamlReader::boolean(const YAML::Node& n, const std::string& what) const {
  std::string v = scalar(n, what);
  if (v != "true" && v != "false") fail(n, fmt::format("{} must be true or false", what));
  return v == "true";
}

void YamlReader::keys(const YAML::Node& map, std::initializer_list<const char*> allowed,
                      const std::string& where) const {
  expect(map, YAML::NodeType::Map, where);
  for (const auto& kv : map) {
    std::string key = kv.first.Scalar();
    bool known = false;
    for (const char* a : allowed) known = known || key == a;
    if (known) continue;
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    fail(kv.first, fmt::format("unknown key '{}' in {} (expected one of: {})", key, where, list));
  }
}

void YamlReader::unique_keys(const YAML::Node& node) const {
  if (node.IsSequence())
    for (const auto& item : node) unique_keys(item);
  if (!node.IsMap()) return;
  std::set<std::string> seen;
  for (const auto& kv : node) {
    if (kv.first.IsScalar() && !seen.insert(kv.first.Scalar()).second)
      fail(kv.first, fmt::format("'{}' is given twice in this mapping", kv.first.Scalar()));
    unique_keys(kv.second);
  }
}

}  // namespace svc::engine
