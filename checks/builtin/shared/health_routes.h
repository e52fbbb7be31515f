#pragma once
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/facts/links/service_links.h"
#include "checks/facts/routes/route_resolver.h"

namespace svc::engine {

// Which routes are a service's health endpoint. By default a naming convention:
// the last segment is health, healthz, livez, readyz, health-check or healthcheck, or
// the path lies under /health/. `paths:` (health-endpoint-missing's option) replaces it.
class HealthPaths {
 public:
  HealthPaths() = default;
  explicit HealthPaths(std::vector<std::string> paths);
  // From a rule's options: `paths: [...]`; absent or empty means the convention.
  static HealthPaths from_options(const YAML::Node& options);

  // The same, also accepting the paths the service's own probes call (`/ping` named by
  // its Dockerfile HEALTHCHECK): the route a probe calls is the health route.
  HealthPaths with_probes(const std::vector<const ProbeUse*>& probes) const;

  bool matches(const ResolvedRoute& route) const;
  // For messages: "/health, /healthz, ..." or the configured list.
  std::string describe() const;

 private:
  bool matches_one_of(const ResolvedRoute& route, const std::vector<std::string>& paths) const;

  std::vector<std::string> paths_;  // normalized; empty: the convention
  std::vector<std::string> probed_;  // normalized, accepted besides paths_ or the convention
};

// A liveness route (`/livez`, `/health/live`) is meant to stay shallow.
bool is_liveness_path(const std::string& path);

}  // namespace svc::engine
