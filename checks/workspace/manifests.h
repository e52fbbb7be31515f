#pragma once
#include <map>
#include <set>
#include <string>

namespace svc::engine {

// What svc reads of a package.json: its name, its dependency names (every kind,
// lower-case) and the names of its scripts.
struct PackageJson {
  std::string name;
  std::set<std::string> dependencies;
  std::map<std::string, std::string> scripts;  // name -> command
  bool workspaces = false;  // declares workspace packages: the root of a monorepo
};
PackageJson read_package_json(const std::string& text);

// Dependency names (lower-case, no version) declared by one manifest's text.
// Malformed manifests yield what could be read; they never stop an audit.
std::set<std::string> package_json_dependencies(const std::string& text, std::string* name = nullptr);
std::set<std::string> pyproject_dependencies(const std::string& text, std::string* name = nullptr);
std::set<std::string> requirements_dependencies(const std::string& text);
// go.mod: the required module paths, lower-case, with their major-version suffix
// dropped (`github.com/go-chi/chi/v5` -> `github.com/go-chi/chi`); `name` gets the
// module path's last element.
std::set<std::string> go_mod_dependencies(const std::string& text, std::string* name = nullptr);

bool is_manifest(const std::string& file_name);

}  // namespace svc::engine
