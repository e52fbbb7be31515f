// The mount graph of one service: which container is mounted where, under which
// prefix, and the full paths of the routes that follows from it.
#include "checks/facts/routes/route_resolver.h"
#include "common/paths.h"

#include <algorithm>
#include <optional>

namespace svc::engine {
namespace {

constexpr std::size_t kMaxRoutes = 20000;  // a guard against pathological mount graphs

// @fastify/autoload mounts a plugin in routes/a/b/index.js at /a/b.
std::optional<std::string> autoload_prefix(const std::string& path) {
  auto at = path.rfind("routes/");
  if (at == std::string::npos || (at > 0 && path[at - 1] != '/')) return std::nullopt;
  std::string rest = path.substr(at + 7);
  auto slash = rest.rfind('/');
  return slash == std::string::npos ? std::string() : rest.substr(0, slash);
}

}  // namespace

void ServiceRoutes::build_graph() {
  for (std::size_t f = 0; f < files_.size(); ++f) {
    const auto& cs = files_[f]->routes.containers;
    for (std::size_t i = 0; i < cs.size(); ++i) {
      container_ids_[{static_cast<int>(f), i}] = static_cast<int>(containers_.size());
      containers_.push_back({static_cast<int>(f), &cs[i]});
    }
  }
  add_alias_containers();
  for (std::size_t f = 0; f < files_.size(); ++f) {
    int file = static_cast<int>(f);
    for (const auto& route : files_[f]->routes.routes) {
      int c = container_id(file, route.receiver);
      if (c >= 0) routes_on_[c].push_back({file, &route});
    }
    for (const auto& mount : files_[f]->routes.mounts) {
      int parent = container_id(file, mount.parent);
      if (parent < 0) continue;
      if (!mount.autoload_dir.empty()) {
        add_autoload_edges(parent, file, mount);
        continue;
      }
      int child = container_id(file, mount.child);
      if (child == parent) continue;
      if (child >= 0) ++incoming_[child];
      edges_[parent].push_back(
          {child, mount.prefix, mount.replaces_child_prefix, mount.prefix_known, files_[f], mount.span});
    }
  }
}

// `const app = createApp()`: a container like the one createApp() creates, holding the
// routes registered on `app` and, through an edge, those createApp() registers itself.
void ServiceRoutes::add_alias_containers() {
  std::vector<std::pair<int, int>> made;  // (alias id, factory's container id)
  for (std::size_t f = 0; f < files_.size(); ++f) {
    const auto& aliases = files_[f]->routes.aliases;
    for (std::size_t i = 0; i < aliases.size(); ++i) {
      Symbol factory = resolve(static_cast<int>(f), aliases[i].factory, 0);
      if (factory.kind != Symbol::function) continue;
      const auto& fn = files_[factory.file]->routes.functions[factory.index];
      Symbol made_by = fn.returns_container.empty() ? Symbol{} : lookup(factory.file, fn.returns_container, 0);
      auto base = container_ids_.find({made_by.file, made_by.index});
      if (made_by.kind != Symbol::container || base == container_ids_.end()) continue;
      Container c = *containers_[base->second].second;
      c.name = aliases[i].name;
      c.prefix.clear();  // the factory's own prefix applies on the edge below
      alias_containers_.push_back(std::move(c));
      alias_ids_[{static_cast<int>(f), i}] = static_cast<int>(containers_.size());
      made.emplace_back(static_cast<int>(containers_.size()), base->second);
      containers_.push_back({static_cast<int>(f), &alias_containers_.back()});
    }
  }
  routes_on_.resize(containers_.size());
  edges_.resize(containers_.size());
  incoming_.assign(containers_.size(), 0);
  instantiated_.assign(containers_.size(), false);
  for (auto [alias, base] : made) {
    edges_[alias].push_back({base, "", false, true, files_[containers_[alias].first], {}});
    instantiated_[base] = true;
  }
}

// @fastify/autoload mounts the default export of every file under its folder, at the
// file's subfolder (routes/orders/index.js at /orders) after the registration's prefix.
void ServiceRoutes::add_autoload_edges(int parent, int file, const Mount& mount) {
  std::string dir = join_relative(folder_of(files_[file]->path), mount.autoload_dir);
  if (dir.empty()) return;
  std::string under = dir == "." ? "" : dir + "/";
  for (std::size_t f = 0; f < files_.size(); ++f) {
    const std::string& path = files_[f]->path;
    if (path.compare(0, under.size(), under) != 0) continue;
    int child = -1;
    Symbol s = exported(static_cast<int>(f), "default", 0);
    if (s.kind == Symbol::container) child = container_ids_.at({s.file, s.index});
    if (child < 0 || child == parent) continue;
    std::string folder = folder_of(path.substr(under.size()));
    std::string prefix = join_route_path(mount.prefix, mount.folder_prefix && folder != "." ? folder : "");
    ++incoming_[child];
    edges_[parent].push_back({child, prefix, false, mount.prefix_known, files_[file], mount.span});
  }
}

void ServiceRoutes::walk(int c, const std::string& full_prefix, bool rooted, std::vector<int>& stack) {
  if (std::find(stack.begin(), stack.end(), c) != stack.end() || routes_.size() > kMaxRoutes) return;
  stack.push_back(c);
  for (const auto& [file, route] : routes_on_[c]) {
    std::string method = route->method, path = route->path;
    if (!route->definition.empty()) {  // Hono OpenAPI: method and path live in createRoute()
      Symbol def = resolve(file, route->definition, 0);
      if (def.kind != Symbol::definition) continue;
      const auto& d = files_[def.file]->routes.definitions[def.index];
      method = d.method;
      path += d.path;
    }
    routes_.push_back({method, join_route_path(full_prefix, path), rooted, false, route->dynamic_path, files_[file],
                       route, route->span});
  }
  for (const auto& e : edges_[c]) {
    std::string mounted = join_route_path(full_prefix, e.prefix);
    if (e.child < 0) {
      if (!e.prefix.empty())
        routes_.push_back({"USE", mounted, rooted, true, !e.prefix_known, e.file, nullptr, e.span});
      continue;
    }
    const Container& child = *containers_[e.child].second;
    walk(e.child, e.replaces_child_prefix ? mounted : join_route_path(mounted, child.prefix), rooted && e.prefix_known,
         stack);
  }
  stack.pop_back();
}

// Apps that nobody mounts are the roots. What no root reaches still serves routes (a
// router mounted where we cannot see, a Nest controller) but its paths are partial;
// plugins only count once reached or declared as taking a framework instance.
void ServiceRoutes::walk_all() {
  auto walk_from = [&](int c, bool rooted, const std::string& mounted_at = "") {
    std::vector<int> stack;
    walk(c, join_route_path(mounted_at, containers_[c].second->prefix), rooted, stack);
  };
  std::vector<bool> visited(containers_.size(), false);
  // Everything reachable from a start is done: later passes skip it.
  auto mark = [&](int start) {
    std::vector<int> todo{start};
    while (!todo.empty()) {
      int c = todo.back();
      todo.pop_back();
      if (visited[c]) continue;
      visited[c] = true;
      for (const auto& e : edges_[c])
        if (e.child >= 0) todo.push_back(e.child);
    }
  };
  for (int c = 0; c < static_cast<int>(containers_.size()); ++c)
    if (containers_[c].second->kind == ContainerKind::app && incoming_[c] == 0 && !instantiated_[c])
      walk_from(c, true), mark(c);
  for (int pass = 0; pass < 2; ++pass) {
    for (int c = 0; c < static_cast<int>(containers_.size()); ++c) {
      const Container& k = *containers_[c].second;
      if (visited[c] || (pass == 0 && (incoming_[c] > 0 || instantiated_[c]))) continue;
      std::optional<std::string> autoloaded;
      if (k.kind == ContainerKind::plugin && autoload_)
        autoloaded = autoload_prefix(files_[containers_[c].first]->path);
      if (k.kind == ContainerKind::plugin && !k.typed && !autoloaded) continue;
      walk_from(c, false, autoloaded.value_or(""));
      mark(c);
    }
  }
}

std::vector<ServerSite> ServiceRoutes::servers() const {
  std::vector<ServerSite> out;
  for (std::size_t f = 0; f < files_.size(); ++f) {
    for (const auto& server : files_[f]->routes.servers) {
      int c = server.container.empty() ? -1 : container_id(static_cast<int>(f), {server.container, "", ""});
      out.push_back({files_[f], &server, c >= 0 && incoming_[c] > 0});
    }
  }
  return out;
}

}  // namespace svc::engine
