// api-unversioned-route: a public route outside a /v<N> prefix (playbook, API design).
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "common/ascii.h"
#include "checks/facts/derived_facts.h"
#include "checks/builtin/shared/health_routes.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/builtin/shared/next_api.h"
#include "checks/builtin/shared/route_versioning.h"

namespace svc::builtin {
namespace {

using namespace engine;

// Frameworks whose route prefixes the facts resolve. Koa routers take their prefix in
// `new Router({ prefix })`, which the facts do not read: a Koa service is not judged.
bool routes_understood(const Service& s) {
  if (s.uses("koa")) return false;
  for (const char* f : {"hono", "express", "fastify", "nestjs", "fastapi", "flask", "django", "nextjs", "gin", "chi",
                        "echo", "fiber", "gorilla", "net/http"})
    if (s.uses(f)) return true;
  return false;
}

// `app.get('*', spa)`, `@app.route('/<path:path>')`: a fallback, not a resource.
bool is_catch_all(const std::string& path) {
  return path == "/*" || path == "/(.*)" || path == "/{*splat}" || path == "/*splat" || path.rfind("/<path:", 0) == 0 ||
         path.rfind("/{path:", 0) == 0;
}

std::string how_to_fix(const std::string& framework) {
  if (framework == "hono") return "serve it from a sub-app mounted with app.route('/v1', ...), or use basePath('/v1')";
  if (framework == "express") return "serve it from a router mounted with app.use('/v1', router)";
  if (framework == "fastify") return "register it in a plugin with { prefix: '/v1' }";
  if (framework == "fastapi") return "serve it from a router included with prefix=\"/v1\"";
  if (framework == "flask") return "serve it from a blueprint registered with url_prefix=\"/v1\"";
  if (framework == "django") return "include its URLconf under a version: path(\"v1/\", include(...))";
  if (framework == "nextjs") return "move its route file under app/api/v1/, or say in .svc.yaml `exempt_paths` that it is no public API";
  if (framework == "chi") return "serve it inside r.Route(\"/v1\", ...)";
  if (framework == "gin" || framework == "echo" || framework == "fiber") return "register it on a group made with Group(\"/v1\")";
  if (framework == "gorilla") return "register it on r.PathPrefix(\"/v1\").Subrouter()";
  if (framework == "net/http") return "register it as \"GET /v1/...\" or mount a mux under /v1/ with http.StripPrefix";
  return "mount it under /v1";
}

// Nest's fix depends on what main.ts already does.
std::string how_to_fix_nest(const NestAppPaths& app) {
  if (app.uri_versioning) return "add @Version('1') to it or its controller, or defaultVersion: '1' in main.ts";
  if (app.versioning) return "version in the path: enableVersioning({ type: VersioningType.URI, defaultVersion: '1' })";
  return "in main.ts: enableVersioning({ type: VersioningType.URI, defaultVersion: '1' }) or setGlobalPrefix('v1')";
}

// "/orders" -> "/v1/orders"; "/api/orders" -> "/api/v1/orders".
std::string versioned(const std::string& path) {
  if (path == "/api" || path.rfind("/api/", 0) == 0) return join_route_path("/api/v1", path.substr(4));
  return join_route_path("/v1", path);
}

// An `exempt_paths` entry: a glob over the full path, optionally after methods that
// limit it (`GET,HEAD /`: a service's index page is no API, a POST / is).
struct Exemption {
  std::set<std::string> methods;  // empty: any method
  std::string glob;
};

Exemption exemption(const std::string& entry) {
  auto space = entry.find(' ');
  if (space == std::string::npos) return {{}, entry};
  Exemption e{{}, entry.substr(entry.find_first_not_of(' ', space))};
  std::string methods = entry.substr(0, space);
  for (std::size_t b = 0; b <= methods.size();) {
    std::size_t end = std::min(methods.find(',', b), methods.size());
    if (end > b) e.methods.insert(ascii_upper(methods.substr(b, end - b)));
    b = end + 1;
  }
  return e;
}

// What one route registration comes to over all the paths it is served at.
struct Verdict {
  const ResolvedRoute* route = nullptr;
  std::string path;      // the first complete, unversioned path it is served at
  bool cleared = false;  // served under a version, or exempt, somewhere
};

class ApiUnversionedRoute : public Check {
 public:
  void configure(const YAML::Node& options) override {
    exempt_.clear();
    if (options && options.IsMap() && options["exempt_paths"] && options["exempt_paths"].IsSequence())
      for (const auto& p : options["exempt_paths"]) exempt_.push_back(exemption(p.as<std::string>()));
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    const auto& services = ctx.services.services();
    for (std::size_t i = 0; i < services.size(); ++i) {
      const Service& s = services[i];
      if (!s.is_http() || !routes_understood(s)) continue;
      const ServiceRoutes& routes = ctx.derived.routes(i);
      NestRoutePaths nest(routes);
      // One finding per file, at its first unversioned route: the routes of a file
      // share their router and its mount, so one change versions them all.
      std::map<std::string, std::vector<const Verdict*>> by_file;
      std::vector<std::string> order;
      // Health routes are exempt, the ones the service's probes call among them.
      HealthPaths health = HealthPaths().with_probes(ctx.derived.links().probes_of(static_cast<int>(i)));
      auto verdicts = judge(routes, nest, health);
      if (s.is_nextjs()) keep_public_api(routes, verdicts);
      for (const auto& v : verdicts) {
        if (v.cleared || !v.route) continue;
        auto& list = by_file[v.route->file->path];
        if (list.empty()) order.push_back(v.route->file->path);
        list.push_back(&v);
      }
      for (const auto& path : order) report(s, nest, *by_file[path].front(), by_file[path].size() - 1, out);
    }
  }

 private:
  // Verdicts in route order. A path that cannot be completed (a mount prefix or Nest
  // setting held in an expression, a router mounted where svc cannot see) is not judged.
  std::vector<Verdict> judge(const ServiceRoutes& routes, const NestRoutePaths& nest,
                             const HealthPaths& health) const {
    std::vector<Verdict> verdicts;
    // One registration may serve several methods (`@app.route("/", methods=["GET", "POST"])`:
    // a page and its form); its span names it.
    std::map<std::tuple<const FileFacts*, int, int>, std::size_t> index;
    for (const auto& r : routes.routes()) {
      if (r.mount_only || !r.route) continue;
      auto key = std::make_tuple(r.file, r.route->span.begin.line, r.route->span.begin.column);
      auto [it, fresh] = index.try_emplace(key, verdicts.size());
      if (fresh) verdicts.emplace_back();
      Verdict& v = verdicts[it->second];
      std::optional<std::string> full = nest.is_controller_route(r) ? nest.full_path(r) : std::nullopt;
      std::string path = full.value_or(r.path);
      if (has_version_segment(path) || exempt(r, path, health)) {
        v.cleared = true;
      } else if ((full || (r.rooted && !nest.is_controller_route(r))) && !r.dynamic && !v.route) {
        v.route = &r;
        v.path = path;
      }
    }
    return verdicts;
  }

  // A Next.js app's route handlers are judged only where they are a public API.
  static void keep_public_api(const ServiceRoutes& routes, std::vector<Verdict>& verdicts) {
    NextApiRoutes api(routes);
    for (auto& v : verdicts)
      if (v.route && !api.is_public(*v.route)) v.cleared = true;
  }

  bool exempt(const ResolvedRoute& r, const std::string& path, const HealthPaths& health) const {
    ResolvedRoute probe = r;  // a conventional health path is exempt whatever the method
    probe.method = "GET";
    probe.path = path;
    // A path only a probe names (it may be `/`) is health for the methods that read it.
    ResolvedRoute as_served = r;
    as_served.path = path;
    if (HealthPaths().matches(probe) || health.matches(as_served) || is_catch_all(path)) return true;
    for (const auto& e : exempt_)
      if ((e.methods.empty() || e.methods.count(r.method)) && path_glob_matches(e.glob, path)) return true;
    return false;
  }

  void report(const Service& s, const NestRoutePaths& nest, const Verdict& v, std::size_t others,
              FindingSink& out) const {
    const ResolvedRoute& r = *v.route;
    std::string method = r.method.empty() ? "ANY" : r.method;
    std::string fix = nest.is_controller_route(r) ? how_to_fix_nest(nest.app()) : how_to_fix(s.primary_framework());
    if (r.route && r.file->routes.file_router == FileRouter::pages_api)
      fix = "move its file under pages/api/v1/, or say in .svc.yaml `exempt_paths` that it is no public API";
    MessageArgs args = {{"method", method},
                        {"path", v.path},
                        {"more", others ? fmt::format(" (and {} more route{} in this file)", others, others > 1 ? "s" : "") : ""},
                        {"service", s.name},
                        {"suggested", s.is_nextjs() ? NextApiRoutes::versioned(v.path) : versioned(v.path)},
                        {"fix", fix}};
    out.report_at(r.file->path, r.span.begin, r.span.end, args, method + " " + v.path);
  }

  std::vector<Exemption> exempt_;
};

}  // namespace

std::unique_ptr<engine::Check> make_api_unversioned_route() { return std::make_unique<ApiUnversionedRoute>(); }

}  // namespace svc::builtin
