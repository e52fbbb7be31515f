// health-endpoint-missing: an HTTP service with no health route (playbook, Deployment).
#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/builtin/shared/health_routes.h"
#include "checks/builtin/shared/runtime_servers.h"
#include "checks/facts/routes/route_resolver.h"

namespace svc::builtin {
namespace {

using namespace engine;

// Frameworks whose routes the facts understand; a service on another one (aiohttp,
// Sanic ...) is not judged rather than judged blind.
bool routes_understood(const Service& s) {
  for (const char* f : {"hono", "express", "fastify", "nestjs", "koa", "fastapi", "flask", "django", "grpc", "nextjs",
                        "gin", "chi", "echo", "fiber", "gorilla", "net/http", "connect"})
    if (s.uses(f)) return true;
  return false;
}

bool only_grpc(const Service& s) {
  for (const char* f : {"hono", "express", "fastify", "nestjs", "koa", "fastapi", "flask", "django", "nextjs", "gin", "chi",
                        "echo", "fiber", "gorilla", "net/http", "connect"})
    if (s.uses(f)) return false;
  return true;
}

// "routes seen: GET /users, POST /users and 3 more" for the message.
std::string routes_seen(const Service& service, const ServiceRoutes& routes) {
  std::set<std::string> seen;
  for (const auto& r : routes.routes())
    if (!r.mount_only) seen.insert(r.method + " " + r.path);
  if (seen.empty() && only_grpc(service)) return "its gRPC server registers no grpc.health.v1 Health service";
  if (seen.empty()) return "no routes were recognised";
  std::string out = "routes seen: ";
  std::size_t shown = 0;
  for (const auto& s : seen) {
    if (shown == 5) return out + fmt::format(" and {} more", seen.size() - shown);
    out += (shown++ ? ", " : "") + s;
  }
  return out;
}

// The app creation a finding points at: an unmounted app in an entry file first.
const ServerSite* report_site(const Service& s, const std::vector<ServerSite>& sites) {
  const ServerSite* best = nullptr;
  auto rank = [&](const ServerSite& site) {
    auto entry = std::find(s.entry_files.begin(), s.entry_files.end(), site.file->path);
    return std::make_pair(site.mounted, entry - s.entry_files.begin());
  };
  for (const auto& site : sites)
    if (!best || rank(site) < rank(*best)) best = &site;
  return best;
}

class HealthEndpointMissing : public Check {
 public:
  void configure(const YAML::Node& options) override { paths_ = HealthPaths::from_options(options); }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    const auto& services = ctx.services.services();
    for (std::size_t i = 0; i < services.size(); ++i) {
      const Service& s = services[i];
      if (!s.is_http()) judge_runtime_server(ctx, static_cast<int>(i), out);
      if (!s.is_http() || !routes_understood(s)) continue;
      // A Next.js app on Vercel and the like runs as functions the platform starts per
      // request: no process to probe. Self-hosted (a Dockerfile, standalone output), it is.
      if (s.is_nextjs() && !s.self_hosted) continue;
      const ServiceRoutes& routes = ctx.derived.routes(i);
      auto probes = ctx.derived.links().probes_of(static_cast<int>(i));
      if (serves_health(routes, paths_.with_probes(probes))) continue;
      auto sites = routes.servers();
      if (only_grpc(s) && sites.empty()) continue;  // a gRPC client, not a server
      report(s, routes, probes, report_site(s, sites), out);
    }
  }

 private:
  static bool serves_health(const ServiceRoutes& routes, const HealthPaths& paths) {
    for (const auto* f : routes.files())
      if (f->routes.health_library) return true;
    return std::any_of(routes.routes().begin(), routes.routes().end(),
                       [&](const ResolvedRoute& r) { return paths.matches(r); });
  }

  // A server started without a framework (node:http, Bun, Deno): its routes are the
  // paths its handlers compare the request's URL with. A handler that compares none
  // answers every path, or routes where the facts cannot see: not judged.
  void judge_runtime_server(const WorkspaceContext& ctx, int service, FindingSink& out) const {
    auto servers = runtime_servers(ctx, service);
    auto paths = runtime_url_paths(ctx, service);
    if (servers.empty() || paths.empty()) return;
    auto probes = ctx.derived.links().probes_of(service);
    auto accepted = paths_.with_probes(probes);
    std::set<std::string> seen;
    for (const auto& p : paths) {
      ResolvedRoute route;
      route.method = "GET";
      route.path = p;
      route.rooted = true;
      if (accepted.matches(route)) return;
      seen.insert(p);
    }
    std::string routes = "paths its handlers compare the request URL with: ";
    std::size_t shown = 0;
    for (const auto& p : seen) {
      if (shown == 5) {
        routes += fmt::format(" and {} more", seen.size() - shown);
        break;
      }
      routes += (shown++ ? ", " : "") + p;
    }
    const Service& s = ctx.services.services()[service];
    const auto& first = servers.front();
    MessageArgs args = {{"service", s.name}, {"framework", first.server->runtime}, {"routes", routes},
                        {"accepted", paths_.describe()},
                        {"probe", probes.empty() ? "" : fmt::format("; {} calls {} but no route serves it",
                                                                     probes.front()->source, probes.front()->path)}};
    out.report_at(first.path, first.server->span.begin, first.server->span.end, args, first.server->text);
  }

  void report(const Service& s, const ServiceRoutes& routes, const std::vector<const ProbeUse*>& probes,
              const ServerSite* site, FindingSink& out) const {
    // A probe that calls a path nothing serves is the likeliest cause: say which.
    std::string probe = probes.empty() ? ""
                                       : fmt::format("; {} calls {} but no route serves it", probes.front()->source,
                                                     probes.front()->path);
    MessageArgs args = {{"service", s.name},
                        {"framework", site ? site->server->framework : s.primary_framework()},
                        {"routes", routes_seen(s, routes)},
                        {"probe", probe},
                        {"accepted", paths_.describe()}};
    if (site) {
      const auto& span = site->server->span;
      out.report_at(site->file->path, span.begin, span.end, args, site->server->text);
    } else if (const FileFacts* config = s.is_nextjs() ? next_config_of(s, routes) : nullptr) {
      out.report_at(config->path, config->routes.next_config->begin, config->routes.next_config->begin, args,
                    "service " + s.path);
    } else {
      out.report_at(s.anchor_file(), Position{1, 1}, Position{1, 1}, args, "service " + s.path);
    }
  }

  HealthPaths paths_;
};

}  // namespace

std::unique_ptr<engine::Check> make_health_endpoint_missing() { return std::make_unique<HealthEndpointMissing>(); }

}  // namespace svc::builtin
