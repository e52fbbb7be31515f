#include "checks/facts/links/link_facts_yaml.h"

#include <algorithm>

namespace svc::engine {

SourceSpan yaml_span(const SourceFile& file, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return {};
  std::size_t begin = file.offset_of(mark.line + 1, mark.column + 1);
  std::string_view line = file.line(mark.line + 1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  std::size_t end = std::max(begin, file.offset_of(mark.line + 1, static_cast<int>(line.size()) + 1));
  return {file.position_of(begin), file.position_of(end)};
}

std::optional<std::string> yaml_scalar(const YAML::Node& node) {
  if (!node || !node.IsScalar()) return std::nullopt;
  return node.Scalar();
}

std::string yaml_string(const YAML::Node& node) { return yaml_scalar(node).value_or(""); }

void for_each_pair(const YAML::Node& map,
                   const std::function<void(const YAML::Node& key, const YAML::Node& value)>& fn) {
  if (!map || !map.IsMap()) return;
  for (const auto& kv : map) {
    if (kv.first.Scalar() != "<<") continue;
    if (kv.second.IsMap()) for_each_pair(kv.second, fn);
    if (kv.second.IsSequence())
      for (const auto& item : kv.second) for_each_pair(item, fn);
  }
  for (const auto& kv : map)
    if (kv.first.Scalar() != "<<") fn(kv.first, kv.second);
}

std::vector<YAML::Node> yaml_list(const YAML::Node& node) {
  std::vector<YAML::Node> out;
  if (!node) return out;
  if (node.IsScalar()) out.push_back(node);
  if (node.IsSequence())
    for (const auto& item : node) out.push_back(item);
  return out;
}

void add_env_var(std::vector<EnvVar>& env, EnvVar var) {
  // Files in ConfigMaps and certificates in variables are no address: facts stay small.
  if (var.value.size() > 2048 || var.value.find('\n') != std::string::npos) return;
  auto same = [&](const EnvVar& v) { return v.name == var.name; };
  env.erase(std::remove_if(env.begin(), env.end(), same), env.end());
  env.push_back(std::move(var));
}

}  // namespace svc::engine
