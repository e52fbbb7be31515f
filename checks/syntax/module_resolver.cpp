#include "checks/syntax/module_resolver.h"
#include "common/paths.h"

#include <algorithm>

namespace svc::engine {
namespace {

// "a/b/../c/./d" -> "a/c/d"; "" when it climbs above the workspace.
std::string normalize(const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    auto end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out;
}

std::string join(const std::string& dir, const std::string& rest) { return dir.empty() ? rest : dir + "/" + rest; }

bool is_python(const std::string& path) { return path.ends_with(".py"); }
bool is_go(const std::string& path) { return path.ends_with(".go"); }

}  // namespace

std::string normalize_path(const std::string& path) { return normalize(path); }

ModuleMap::ModuleMap(const std::string& service_root, const std::vector<std::string>& files,
                     const std::string& go_module)
    : root_(service_root == "." || service_root.empty() ? "" : service_root + "/"), go_module_(go_module) {
  for (std::size_t i = 0; i < files.size(); ++i) {
    by_path_[files[i]] = static_cast<int>(i);
    if (is_go(files[i])) go_folders_.emplace(dir_of(files[i]), static_cast<int>(i));
    if (!is_python(files[i])) continue;
    std::string rel = files[i].substr(std::min(root_.size(), files[i].size()));
    for (std::size_t start = 0, end; (end = rel.find('/', start)) != std::string::npos; start = end + 1)
      python_names_.insert(rel.substr(start, end - start));
    std::string stem = rel.substr(rel.rfind('/') == std::string::npos ? 0 : rel.rfind('/') + 1);
    python_names_.insert(stem.substr(0, stem.size() - 3));
  }
}

int ModuleMap::find(const std::vector<std::string>& candidates) const {
  for (const auto& c : candidates)
    if (auto it = by_path_.find(c); it != by_path_.end()) return it->second;
  return -1;
}

ModuleMap::Target ModuleMap::resolve(const std::string& from, const std::string& specifier) const {
  if (is_go(from)) return resolve_go(specifier);
  return is_python(from) ? resolve_python(from, specifier) : resolve_js(from, specifier);
}

// "github.com/acme/orders/internal/http" in module "github.com/acme/orders": the folder
// internal/http of the service; any other path is a dependency.
ModuleMap::Target ModuleMap::resolve_go(const std::string& import_path) const {
  if (go_module_.empty()) return {};
  std::string folder;
  if (import_path == go_module_) folder = root_.empty() ? "" : root_.substr(0, root_.size() - 1);
  else if (import_path.starts_with(go_module_ + "/")) folder = root_ + import_path.substr(go_module_.size() + 1);
  else return {};
  auto it = go_folders_.find(folder);
  return {it == go_folders_.end() ? -1 : it->second, true};
}

ModuleMap::Target ModuleMap::resolve_js(const std::string& from, const std::string& spec) const {
  std::vector<std::string> bases;
  if (spec.rfind(".", 0) == 0) {
    bases.push_back(normalize(join(dir_of(from), spec)));
  } else if (spec.rfind("@/", 0) == 0 || spec.rfind("~/", 0) == 0) {  // tsconfig path aliases, by convention
    bases.push_back(normalize(root_ + "src/" + spec.substr(2)));
    bases.push_back(normalize(root_ + spec.substr(2)));
  } else if (spec.rfind("src/", 0) == 0) {
    bases.push_back(normalize(root_ + spec));
  } else {
    return {};  // a package
  }
  static const char* exts[] = {".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx", ".mts", ".cts"};
  std::vector<std::string> candidates;
  for (std::string base : bases) {
    if (base.empty()) continue;
    candidates.push_back(base);
    for (const char* from_ext : {".js", ".mjs", ".cjs", ".jsx"})  // ESM TypeScript imports './x.js' for x.ts
      if (base.ends_with(from_ext)) base = base.substr(0, base.size() - std::string_view(from_ext).size());
    for (const char* ext : exts) candidates.push_back(base + ext);
    for (const char* ext : exts) candidates.push_back(base + "/index" + ext);
  }
  return {find(candidates), true};
}

ModuleMap::Target ModuleMap::resolve_python(const std::string& from, const std::string& module) const {
  std::size_t dots = module.find_first_not_of('.');
  if (dots == std::string::npos) dots = module.size();
  std::string rest = module.substr(dots);
  std::replace(rest.begin(), rest.end(), '.', '/');
  auto file_candidates = [](const std::string& base) {
    return base.empty() ? std::vector<std::string>{"__init__.py"}
                        : std::vector<std::string>{base + ".py", base + "/__init__.py"};
  };
  if (dots > 0) {  // relative: one dot is this package, each further dot one level up
    std::string dir = dir_of(from);
    for (std::size_t i = 1; i < dots; ++i) dir = dir_of(dir);
    std::string base = rest.empty() ? dir : join(dir, rest);
    auto candidates = rest.empty() ? std::vector<std::string>{join(dir, "__init__.py")} : file_candidates(base);
    return {find(candidates), true};
  }
  std::string first = rest.substr(0, rest.find('/'));
  bool local = python_names_.count(first) > 0;
  if (!local) return {};
  std::vector<std::string> candidates;
  for (const std::string& base : {root_ + rest, root_ + "src/" + rest, root_ + "app/" + rest})
    for (const auto& c : file_candidates(base)) candidates.push_back(c);
  int found = find(candidates);
  if (found < 0) {  // deeper layouts (backend/app/...): match by suffix
    for (const auto& [path, index] : by_path_)
      if (path.ends_with("/" + rest + ".py") || path.ends_with("/" + rest + "/__init__.py")) return {index, true};
  }
  return {found, true};
}

}  // namespace svc::engine
