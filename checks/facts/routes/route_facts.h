#pragma once
#include <optional>
#include <string>
#include <vector>

#include "checks/facts/routes/route_facts_versioning.h"
#include "checks/core/source_file.h"
#include "checks/syntax/name_ref.h"

namespace svc::engine {

class SyntaxTree;

// Something routes hang on. Apps and routers are made by a framework call; a Nest
// controller by its decorator; a plugin is a function that registers routes on its
// parameter (Fastify plugins, `export function mount(app: Hono)`, Flask `init_app(app)`).
enum class ContainerKind { app, router, controller, plugin };

struct Container {
  std::string name;  // binding in this file; "default" for an anonymous default export
  std::string framework;
  ContainerKind kind = ContainerKind::router;
  std::string prefix;  // its own: basePath(), APIRouter(prefix=), url_prefix=, @Controller('x')
  bool typed = false;  // plugin whose parameter is declared or wrapped as a framework instance
  SourceSpan span;
};

// `const app = createApp()`: stands for the container the factory function returns.
struct ContainerAlias {
  std::string name;
  NameRef factory;
};

// A route's handler: inline (summarised where it stands) or passed by name.
struct Handler {
  std::optional<BodySummary> body;
  NameRef ref;
};

struct Route {
  NameRef receiver;    // the container the route is registered on
  std::string method;  // upper case: GET, POST, ALL ...
  std::string path;    // as written, relative to the receiver ("", "/", "health")
  bool dynamic_path = false;  // path is an expression, kept as "{HEALTH_PATH}"
  NameRef definition;  // Hono OpenAPI: the createRoute() binding that holds method and path
  Handler handler;
  SourceSpan span;  // the registration: the call, or the decorator
  // Django `path("x/", OrderView.as_view())`: the class whose methods serve the route.
  std::string view_class;
};

// `app.route('/users', users)`, `app.use('/api', router)`, `register(plugin, {prefix})`,
// `include_router(r, prefix=)`, `register_blueprint(bp, url_prefix=)`, `mount(app)`.
struct Mount {
  NameRef parent, child;
  std::string prefix;
  bool replaces_child_prefix = false;  // Flask: url_prefix= at registration wins over the Blueprint's
  bool prefix_known = true;            // false for `include_router(r, prefix=settings.API)`
  SourceSpan span;
  // @fastify/autoload: `register(AutoLoad, { dir: join(__dirname, 'routes') })` mounts every
  // plugin under that folder (relative to this file's), each under its subfolder's path
  // unless `dirNameRoutePrefix: false`. `child` is then empty.
  std::string autoload_dir;
  bool folder_prefix = true;
};

enum class ImportKind { default_export, named, namespace_object, commonjs, python_from };

struct Import {
  std::string local;
  std::string module;    // as written: './routes/users', '.routers', 'app.routers.health'
  std::string imported;  // the exported name for named and python_from imports
  ImportKind kind = ImportKind::named;
};

// JavaScript exports. With `module` set it is a re-export; `exported == "*"` for `export *`.
struct Export {
  std::string exported, local, module;
};

// `const healthRoute = createRoute({ method: 'get', path: '/health' })`.
struct RouteDefinition {
  std::string name, method, path;
};

struct FunctionFacts {
  std::string name;
  BodySummary body;
  std::string returns_container;  // a factory: the container created in its body
};

// Where a server is created: `new Hono()`, `express()`, `Fastify()`, `NestFactory.create`,
// `FastAPI()`, `Flask(__name__)`, a gRPC server. `container` names the app when it is one.
struct ServerCreation {
  std::string framework;
  std::string container;
  SourceSpan span;
  std::string text;
};

// Next.js routes by where a file sits: an App Router `route.ts` serves its exported
// GET/POST/... functions, a Pages Router `pages/api/**` module its default export.
// Such a file's handlers are `routes` with no receiver; the service's routes give them
// their path (next_routes.cpp), since only the service knows where `app/` starts.
enum class FileRouter { none, app_route, pages_api };

// HTTP routes and how routers are mounted, as written in one file.
struct RouteFacts {
  std::vector<Container> containers;
  std::vector<ContainerAlias> aliases;
  std::vector<Route> routes;
  std::vector<Mount> mounts;
  std::vector<Import> imports;
  std::vector<Export> exports;
  std::vector<RouteDefinition> definitions;
  std::vector<FunctionFacts> functions;
  std::vector<ServerCreation> servers;
  // A gRPC health service or a health-check library wired in (counts as a health endpoint).
  std::optional<SourceSpan> health_library;
  // A Python package's __init__.py: its imports are what `from package import x` finds.
  bool reexports = false;
  // NestJS global prefix and URI versions (route_facts_versioning.h).
  NestVersioning nest;
  FileRouter file_router = FileRouter::none;
  std::string next_base_path;  // next.config: `basePath: '/docs'`
  // next.config's `export default` / `module.exports =`: where findings about the app point.
  std::optional<SourceSpan> next_config;
  // "/api/..." paths the file names in literals (`fetch('/api/links')`, `useSWR(`/api/x/${id}`)`,
  // `base: "/api/x"`), each `${...}` kept as "*": a Next.js app's routes it calls are its own backend.
  std::vector<std::string> called_paths;

  bool empty() const;  // imports alone are no fact: they only matter next to others
};

void extract_route_facts(const SyntaxTree& tree, RouteFacts& out);

// next.config's `export default …` / `module.exports = …` statement.
std::optional<SourceSpan> next_config_export(const SyntaxTree& tree);
// next.config.js, .mjs, .ts ... by its name.
bool is_next_config(const std::string& path);
// What a file's location makes of it in a Next.js app (by path alone).
FileRouter next_file_router(const std::string& path);

}  // namespace svc::engine
