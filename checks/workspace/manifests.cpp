#include "checks/workspace/manifests.h"
#include "common/ascii.h"
#include "common/toml.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

namespace svc::engine {
namespace {

// "fastapi[all]>=0.110 ; python_version>'3.8'" -> "fastapi"; '_' and '.' fold to '-' (PEP 503).
std::string requirement_name(const std::string& spec) {
  static const RE2 re(R"(^\s*([A-Za-z0-9][A-Za-z0-9._-]*))");
  std::string name;
  if (!RE2::PartialMatch(spec, re, &name)) return {};
  name = ascii_lower(name);
  std::replace(name.begin(), name.end(), '_', '-');
  std::replace(name.begin(), name.end(), '.', '-');
  return name;
}

// Calls `visit` with each line of `text`, without its newline.
template <typename Visit>
void for_each_line(const std::string& text, Visit&& visit) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    visit(text.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

bool is_manifest(const std::string& file_name) {
  return file_name == "package.json" || file_name == "pyproject.toml" || file_name == "go.mod" ||
         (file_name.rfind("requirements", 0) == 0 && file_name.size() > 4 &&
          file_name.substr(file_name.size() - 4) == ".txt");
}

PackageJson read_package_json(const std::string& text) {
  PackageJson out;
  auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return out;
  for (const char* key : {"dependencies", "devDependencies", "peerDependencies", "optionalDependencies"}) {
    auto it = json.find(key);
    if (it == json.end() || !it->is_object()) continue;
    for (const auto& [dep, _] : it->items()) out.dependencies.insert(ascii_lower(dep));
  }
  if (auto it = json.find("scripts"); it != json.end() && it->is_object())
    for (const auto& [script, command] : it->items())
      out.scripts[script] = command.is_string() ? command.get<std::string>() : std::string();
  if (auto it = json.find("name"); it != json.end() && it->is_string()) out.name = it->get<std::string>();
  out.workspaces = json.contains("workspaces");
  return out;
}

std::set<std::string> package_json_dependencies(const std::string& text, std::string* name) {
  PackageJson manifest = read_package_json(text);
  if (name && !manifest.name.empty()) *name = manifest.name;
  return std::move(manifest.dependencies);
}

std::set<std::string> pyproject_dependencies(const std::string& text, std::string* name) {
  std::set<std::string> out;
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error&) {
    return out;
  }
  auto add_array = [&](const toml::array* arr) {
    if (!arr) return;
    for (const auto& item : *arr)
      if (auto s = item.value<std::string>()) {
        if (auto n = requirement_name(*s); !n.empty()) out.insert(n);
      }
  };
  add_array(table["project"]["dependencies"].as_array());
  if (auto* optional = table["project"]["optional-dependencies"].as_table())
    for (const auto& [_, group] : *optional) add_array(group.as_array());
  if (auto* groups = table["dependency-groups"].as_table())
    for (const auto& [_, group] : *groups) add_array(group.as_array());
  for (const char* section : {"dependencies", "dev-dependencies"})
    if (auto* poetry = table["tool"]["poetry"][section].as_table())
      for (const auto& [key, _] : *poetry) out.insert(requirement_name(std::string(key.str())));
  if (name)
    if (auto n = table["project"]["name"].value<std::string>()) *name = *n;
  out.erase("python");
  out.erase("");
  return out;
}

std::set<std::string> requirements_dependencies(const std::string& text) {
  std::set<std::string> out;
  for_each_line(text, [&](std::string line) {
    auto hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    if (line.find_first_not_of(" \t\r") == std::string::npos || line.find_first_not_of(" \t") == line.find('-'))
      return;  // blank, or an option such as -r / -e
    if (auto n = requirement_name(line); !n.empty()) out.insert(n);
  });
  return out;
}

std::set<std::string> go_mod_dependencies(const std::string& text, std::string* name) {
  std::set<std::string> out;
  static const RE2 module_line(R"((?m)^module\s+"?([^\s"]+))");
  std::string module_path;
  if (name && RE2::PartialMatch(text, module_line, &module_path)) {
    auto slash = module_path.rfind('/');
    static const RE2 major(R"(v\d+)");
    if (slash != std::string::npos && RE2::FullMatch(module_path.substr(slash + 1), major)) {
      module_path.resize(slash);
      slash = module_path.rfind('/');
    }
    *name = slash == std::string::npos ? module_path : module_path.substr(slash + 1);
  }
  // `require x v1` and the lines of a `require ( ... )` block; `// indirect` ones too,
  // since a framework reached only through a helper module still serves the requests.
  static const RE2 single(R"re(^\s*require\s+"?([^\s"()]+)\s)re");
  static const RE2 in_block(R"re(^\s*"?([A-Za-z0-9][^\s"]*)"?\s+v\S+)re");
  static const RE2 suffix(R"(/v\d+$)");
  bool block = false;
  for_each_line(text, [&](std::string line) {
    if (auto c = line.find("//"); c != std::string::npos && line.find("indirect") == std::string::npos) line.resize(c);
    std::string dep;
    if (line.find("require") != std::string::npos && line.find('(') != std::string::npos) {
      block = true;
      return;
    }
    if (block && line.find(')') != std::string::npos && line.find_first_not_of(" \t)\r") == std::string::npos) {
      block = false;
      return;
    }
    if ((block && RE2::PartialMatch(line, in_block, &dep)) || RE2::PartialMatch(line + " ", single, &dep)) {
      dep = ascii_lower(dep);
      RE2::Replace(&dep, suffix, "");
      out.insert(dep);
    }
  });
  return out;
}

}  // namespace svc::engine
