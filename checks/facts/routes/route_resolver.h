#pragma once
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/facts/facts.h"
#include "checks/syntax/module_resolver.h"
#include "checks/workspace/services.h"

namespace svc::engine {

// A route of a service with the prefixes of everything it is mounted under.
struct ResolvedRoute {
  std::string method;
  std::string path;          // normalized: leading '/', no trailing '/'
  bool rooted = false;       // mounted all the way up to an app, so the path is complete
  bool mount_only = false;   // a prefix mounted with something not visible (`app.use('/health', lib())`)
  bool dynamic = false;      // the path holds an expression: "/api/{HEALTH_PATH}"
  const FileFacts* file = nullptr;
  const Route* route = nullptr;  // null when mount_only
  SourceSpan span;
};

// Where a server or app is created, and whether another app mounts it (a Hono sub-app).
struct ServerSite {
  const FileFacts* file = nullptr;
  const ServerCreation* server = nullptr;
  bool mounted = false;
};

// Everything the service's files say about routes, with names resolved across files:
// imports to exports, mounts to the routers they mount, handlers to their functions.
class ServiceRoutes {
 public:
  ServiceRoutes(const Service& service, std::vector<const FileFacts*> files);

  const std::vector<ResolvedRoute>& routes() const { return routes_; }
  const std::vector<const FileFacts*>& files() const { return files_; }
  std::vector<ServerSite> servers() const;  // in file order

  // Whether a route's handler does database or dependency work: its body, or one level
  // down the bodies of the service's functions it calls. nullopt when that cannot be seen
  // (handler or callee defined somewhere the facts do not reach).
  std::optional<bool> handler_touches_dependency(const ResolvedRoute& route) const;

 private:
  struct Symbol {
    enum Kind { none, unknown_local, module, commonjs_module, container, alias, function, definition };
    Kind kind = none;
    int file = -1;
    std::size_t index = 0;
  };
  struct Edge {
    int child = -1;  // container id, -1 when the child is not visible
    std::string prefix;
    bool replaces_child_prefix = false;
    bool prefix_known = true;
    const FileFacts* file = nullptr;
    SourceSpan span;
  };

  // route_resolver.cpp: names
  Symbol resolve(int file, const NameRef& ref, int depth) const;
  Symbol lookup(int file, const std::string& name, int depth) const;
  Symbol lookup_in_file(int file, const std::string& name) const;  // its own definitions only
  Symbol exported(int file, const std::string& name, int depth) const;
  Symbol through_import(int file, const Import& import, int depth) const;
  int container_id(int file, const NameRef& ref) const;
  std::optional<bool> body_touches(int file, const BodySummary& body, bool follow_calls) const;

  // next_routes.cpp: Next.js routes by file location
  void add_file_routes(const Service& service);

  // route_paths.cpp: the mount graph
  void build_graph();
  void walk(int container, const std::string& full_prefix, bool rooted, std::vector<int>& stack);
  void walk_all();

  std::vector<const FileFacts*> files_;
  ModuleMap modules_;
  std::map<const FileFacts*, int> file_index_;
  std::map<std::string, std::vector<int>> go_packages_;  // Go: folder -> its files (one package)
  void add_alias_containers();
  void add_autoload_edges(int parent, int file, const Mount& mount);

  std::vector<std::pair<int, const Container*>> containers_;  // container id -> (file, container)
  std::map<std::pair<int, std::size_t>, int> container_ids_;
  // Each `const orders = createRouter()` is an instance of its own: routes on it stay
  // apart from another call's, and the factory's container is reached through it.
  std::deque<Container> alias_containers_;
  std::map<std::pair<int, std::size_t>, int> alias_ids_;  // (file, alias index) -> container id
  std::vector<bool> instantiated_;                         // a factory's container some alias stands for
  std::vector<std::vector<std::pair<int, const Route*>>> routes_on_;  // by container id
  std::vector<std::vector<Edge>> edges_;                                // by parent container id
  std::vector<int> incoming_;
  bool autoload_ = false;  // @fastify/autoload mounts plugins by their folder under routes/
  std::vector<ResolvedRoute> routes_;
};

// The URL path a Next.js route file serves, from its path inside the service
// ("src/app/(shop)/api/orders/[id]/route.ts" -> "/api/orders/:id"); nullopt when the file
// is not routed (outside app/ or pages/api/ at the service's root, or in a `_private` folder).
std::optional<std::string> next_route_path(const std::string& service_relative, FileRouter router);

// The next.config at a Next.js app's root, whose export findings about the whole app
// point at; null when there is none.
const FileFacts* next_config_of(const Service& service, const ServiceRoutes& routes);

// The facts of one service's files; test files never count as serving routes.
std::vector<const FileFacts*> service_facts(const std::vector<FileFacts>& facts, int service);

// "/api" + "health/" -> "/api/health"; always a leading '/', never a trailing one.
std::string join_route_path(const std::string& prefix, const std::string& path);

}  // namespace svc::engine
