// health-no-dependency-check: a health handler that never touches the service's
// database or other dependencies (playbook, Deployment).
#include <algorithm>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/workspace/config.h"
#include "checks/builtin/shared/health_routes.h"
#include "checks/facts/routes/route_resolver.h"

namespace svc::builtin {
namespace {

using namespace engine;

// Which routes are health routes is configured once, on health-endpoint-missing.
HealthPaths configured_health_paths(const Config& config) {
  auto it = config.rules.find("health-endpoint-missing");
  return it == config.rules.end() ? HealthPaths() : HealthPaths::from_options(it->second.options);
}

std::string describe_handler(const Route& route) {
  const Handler& h = route.handler;
  if (h.body) return "its inline handler only builds a response";
  std::string name = h.ref.member.empty() ? h.ref.name : h.ref.name + "." + h.ref.member;
  return "its handler " + name + "() only builds a response";
}

class HealthNoDependencyCheck : public Check {
 public:
  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    HealthPaths paths = configured_health_paths(ctx.config);
    const auto& services = ctx.services.services();
    for (std::size_t i = 0; i < services.size(); ++i) {
      const Service& s = services[i];
      if (!s.is_http() || !s.has_database()) continue;
      const ServiceRoutes& routes = ctx.derived.routes(i);
      std::vector<const ResolvedRoute*> health;
      for (const auto& r : routes.routes())
        if (r.route && paths.matches(r)) health.push_back(&r);
      if (health.empty()) continue;  // health-endpoint-missing's business
      // One health route that checks (or may check) a dependency is enough: liveness
      // routes are meant to stay shallow next to a deep readiness route.
      bool checks = std::any_of(health.begin(), health.end(), [&](const ResolvedRoute* r) {
        return routes.handler_touches_dependency(*r).value_or(true);
      });
      if (checks) continue;
      auto deep = std::find_if(health.begin(), health.end(),
                               [](const ResolvedRoute* r) { return !is_liveness_path(r->path); });
      const ResolvedRoute& r = **(deep == health.end() ? health.begin() : deep);
      std::string route = r.method + " " + r.path;
      out.report_at(r.file->path, r.span.begin, r.span.end,
                    {{"service", s.name}, {"route", route}, {"handler", describe_handler(*r.route)}}, route);
    }
  }
};

}  // namespace

std::unique_ptr<engine::Check> make_health_no_dependency_check() {
  return std::make_unique<HealthNoDependencyCheck>();
}

}  // namespace svc::builtin
