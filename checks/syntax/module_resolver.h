#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

namespace svc::engine {

// "a/b/../c/./d" -> "a/c/d"; "" when it climbs above the workspace.
std::string normalize_path(const std::string& path);

// Which file of one service an import names: JavaScript/TypeScript specifiers
// ('./routes/users', '../app.js', '@/routes/users') and Python modules ('.routers',
// 'app.routers.health'). Only the files given are known; `local` still tells that a
// specifier points into the service when its file is not among them.
// Go imports a package (a folder) by its path under the module (go.mod's `module`):
// the target is one file of that folder, standing for the package.
class ModuleMap {
 public:
  struct Target {
    int file = -1;       // index into the files given, or -1
    bool local = false;  // the specifier names code of this service (not a package)
  };

  ModuleMap(const std::string& service_root, const std::vector<std::string>& files,
            const std::string& go_module = "");
  Target resolve(const std::string& from, const std::string& specifier) const;

 private:
  Target resolve_js(const std::string& from, const std::string& specifier) const;
  Target resolve_python(const std::string& from, const std::string& module) const;
  Target resolve_go(const std::string& import_path) const;
  int find(const std::vector<std::string>& candidates) const;

  std::string root_;  // "" for a service at the workspace root, else "services/x/"
  std::map<std::string, int> by_path_;
  std::set<std::string> python_names_;  // folders and module stems holding the service's Python files
  std::string go_module_;               // "github.com/acme/orders"; "" outside Go
  std::map<std::string, int> go_folders_;  // folder -> its first .go file
};

}  // namespace svc::engine
