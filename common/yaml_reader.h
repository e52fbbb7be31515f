#pragma once
// Reading YAML that people write by hand (.svc.yaml, a template's template.yaml): each
// complaint points at the node, as file:line:column, through the owner's own error.
#include <functional>
#include <initializer_list>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace svc::engine {

class YamlReader {
 public:
  // Throws the owner's error for a 1-based line and column; never returns.
  using Thrower = std::function<void(int line, int column, const std::string& message)>;
  explicit YamlReader(Thrower thrower) : thrower_(std::move(thrower)) {}

  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  // "<what> must be a mapping / a list / a single value".
  void expect(const YAML::Node& n, YAML::NodeType::value type, const std::string& what) const;
  std::string scalar(const YAML::Node& n, const std::string& what) const;
  std::vector<std::string> scalars(const YAML::Node& n, const std::string& what) const;
  // `true` or `false`, nothing else (yes/on are YAML 1.1 spellings people do not mean).
  bool boolean(const YAML::Node& n, const std::string& what) const;
  // A mapping whose keys are all in `allowed` (listed in that order when one is not).
  void keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& where) const;
  // No mapping anywhere below `node` gives a key twice: yaml-cpp keeps both and reads the
  // first, while the person who wrote it meant one of them, so neither is guessed.
  void unique_keys(const YAML::Node& node) const;

 private:
  Thrower thrower_;
};

}  // namespace svc::engine
