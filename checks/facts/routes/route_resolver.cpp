#include "checks/facts/routes/route_resolver.h"
#include "common/paths.h"

#include <re2/re2.h>

namespace svc::engine {
namespace {

constexpr int kMaxDepth = 12;  // import chains longer than this are cycles or noise

std::vector<std::string> paths_of(const std::vector<const FileFacts*>& files) {
  std::vector<std::string> out;
  for (const auto* f : files) out.push_back(f->path);
  return out;
}

bool is_python(const std::string& path) { return path.size() > 3 && path.compare(path.size() - 3, 3, ".py") == 0; }
bool is_go(const std::string& path) { return path.ends_with(".go"); }

}  // namespace

std::vector<const FileFacts*> service_facts(const std::vector<FileFacts>& facts, int service) {
  std::vector<const FileFacts*> out;
  for (const auto& f : facts)
    if (f.service == service && !is_test_path(f.path)) out.push_back(&f);
  return out;
}

std::string join_route_path(const std::string& prefix, const std::string& path) {
  std::string out;
  for (char c : "/" + prefix + "/" + path)
    if (c != '/' || out.empty() || out.back() != '/') out.push_back(c);
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

ServiceRoutes::ServiceRoutes(const Service& service, std::vector<const FileFacts*> files)
    : files_(std::move(files)),
      modules_(service.path, paths_of(files_), service.go_module),
      autoload_(service.dependencies.count("@fastify/autoload") > 0) {
  for (std::size_t i = 0; i < files_.size(); ++i) {
    file_index_[files_[i]] = static_cast<int>(i);
    if (is_go(files_[i]->path)) go_packages_[dir_of(files_[i]->path)].push_back(static_cast<int>(i));
  }
  build_graph();
  walk_all();
  if (service.is_nextjs()) add_file_routes(service);
}

ServiceRoutes::Symbol ServiceRoutes::resolve(int file, const NameRef& ref, int depth) const {
  if (depth > kMaxDepth || file < 0) return {};
  if (!ref.module.empty()) {  // require('./x') / import('./x')
    auto target = modules_.resolve(files_[file]->path, ref.module);
    if (target.file < 0) return {target.local ? Symbol::unknown_local : Symbol::none};
    return exported(target.file, ref.member.empty() ? "default" : ref.member, depth + 1);
  }
  Symbol s = lookup(file, ref.name, depth + 1);
  if (ref.member.empty())
    return s.kind == Symbol::commonjs_module ? exported(s.file, "default", depth + 1) : s;
  if (s.kind == Symbol::module || s.kind == Symbol::commonjs_module) return exported(s.file, ref.member, depth + 1);
  return s.kind == Symbol::unknown_local ? s : Symbol{};
}

ServiceRoutes::Symbol ServiceRoutes::lookup(int file, const std::string& name, int depth) const {
  if (depth > kMaxDepth) return {};
  const RouteFacts& r = files_[file]->routes;
  if (is_go(files_[file]->path)) {
    // A Go package is all files of one folder: imports are the file's own, the rest is shared.
    Symbol s = lookup_in_file(file, name);
    if (s.kind != Symbol::none) return s;
    for (const auto& import : r.imports)
      if (import.local == name) return through_import(file, import, depth + 1);
    auto package = go_packages_.find(dir_of(files_[file]->path));
    if (package != go_packages_.end())
      for (int sibling : package->second)
        if (sibling != file && (s = lookup_in_file(sibling, name)).kind != Symbol::none) return s;
    return {Symbol::unknown_local};  // a name of the package the facts do not hold
  }
  for (std::size_t i = 0; i < r.containers.size(); ++i)
    if (r.containers[i].name == name) return {Symbol::container, file, i};
  for (std::size_t i = 0; i < r.aliases.size(); ++i)
    if (r.aliases[i].name == name) return {Symbol::alias, file, i};
  for (std::size_t i = 0; i < r.definitions.size(); ++i)
    if (r.definitions[i].name == name) return {Symbol::definition, file, i};
  for (std::size_t i = 0; i < r.functions.size(); ++i)
    if (r.functions[i].name == name) return {Symbol::function, file, i};
  for (const auto& import : r.imports)
    if (import.local == name) return through_import(file, import, depth + 1);
  return {};
}

ServiceRoutes::Symbol ServiceRoutes::lookup_in_file(int file, const std::string& name) const {
  const RouteFacts& r = files_[file]->routes;
  for (std::size_t i = 0; i < r.containers.size(); ++i)
    if (r.containers[i].name == name) return {Symbol::container, file, i};
  for (std::size_t i = 0; i < r.aliases.size(); ++i)
    if (r.aliases[i].name == name) return {Symbol::alias, file, i};
  for (std::size_t i = 0; i < r.functions.size(); ++i)
    if (r.functions[i].name == name) return {Symbol::function, file, i};
  return {};
}

ServiceRoutes::Symbol ServiceRoutes::through_import(int file, const Import& import, int depth) const {
  const std::string& from = files_[file]->path;
  if (import.kind == ImportKind::python_from) {  // `from .routers import health`: a submodule or a name
    std::string sub = import.module + (import.module.back() == '.' ? "" : ".") + import.imported;
    auto submodule = modules_.resolve(from, sub);
    if (submodule.file >= 0) return {Symbol::module, submodule.file};
  }
  auto target = modules_.resolve(from, import.module);
  if (target.file < 0) return {target.local ? Symbol::unknown_local : Symbol::none};
  switch (import.kind) {
    case ImportKind::namespace_object: return {Symbol::module, target.file};
    case ImportKind::commonjs: return {Symbol::commonjs_module, target.file};
    case ImportKind::default_export: return exported(target.file, "default", depth + 1);
    default: return exported(target.file, import.imported, depth + 1);
  }
}

// JavaScript: follows export lists and re-exports. Python exports every top-level name.
ServiceRoutes::Symbol ServiceRoutes::exported(int file, const std::string& name, int depth) const {
  if (depth > kMaxDepth) return {};
  if (is_python(files_[file]->path) || is_go(files_[file]->path)) {  // every top-level name
    Symbol s = lookup(file, name, depth + 1);
    return s.kind == Symbol::none ? Symbol{Symbol::unknown_local} : s;
  }
  const RouteFacts& r = files_[file]->routes;
  for (const auto& e : r.exports) {
    if (e.exported != name) continue;
    if (e.module.empty()) return lookup(file, e.local, depth + 1);
    auto target = modules_.resolve(files_[file]->path, e.module);
    if (target.file < 0) return {target.local ? Symbol::unknown_local : Symbol::none};
    return exported(target.file, e.local, depth + 1);
  }
  for (const auto& e : r.exports) {  // export * from './x'
    if (e.exported != "*" || name == "default") continue;
    auto target = modules_.resolve(files_[file]->path, e.module);
    if (target.file < 0) continue;
    Symbol s = exported(target.file, name, depth + 1);
    if (s.kind != Symbol::none && s.kind != Symbol::unknown_local) return s;
  }
  Symbol s = name == "default" ? Symbol{} : lookup(file, name, depth + 1);  // an export we could not read
  return s.kind == Symbol::none ? Symbol{Symbol::unknown_local} : s;
}

// A container; a factory alias is one of its own (add_alias_containers).
int ServiceRoutes::container_id(int file, const NameRef& ref) const {
  Symbol s = resolve(file, ref, 0);
  const auto& ids = s.kind == Symbol::alias ? alias_ids_ : container_ids_;
  if (s.kind != Symbol::alias && s.kind != Symbol::container) return -1;
  auto it = ids.find({s.file, s.index});
  return it == ids.end() ? -1 : it->second;
}

std::optional<bool> ServiceRoutes::handler_touches_dependency(const ResolvedRoute& route) const {
  if (!route.route) return std::nullopt;
  auto it = file_index_.find(route.file);
  if (it == file_index_.end()) return std::nullopt;
  const Handler& h = route.route->handler;
  if (h.body) return body_touches(it->second, *h.body, true);
  if (h.ref.empty()) return std::nullopt;
  Symbol s = resolve(it->second, h.ref, 0);
  if (s.kind != Symbol::function) return std::nullopt;
  return body_touches(s.file, files_[s.file]->routes.functions[s.index].body, true);
}

std::optional<bool> ServiceRoutes::body_touches(int file, const BodySummary& body, bool follow_calls) const {
  if (body.touches_dependency) return true;
  if (body.opaque_calls) return std::nullopt;
  if (!follow_calls) return false;
  bool unknown = false;
  for (const auto& call : body.calls) {
    Symbol s = resolve(file, call, 0);
    if (s.kind == Symbol::function) {
      auto inner = body_touches(s.file, files_[s.file]->routes.functions[s.index].body, false);
      if (!inner) unknown = true;
      else if (*inner) return true;
    } else if (s.kind == Symbol::unknown_local) {
      unknown = true;  // a helper of this service whose body the facts do not reach
    }
  }
  if (unknown) return std::nullopt;
  return false;
}

}  // namespace svc::engine
