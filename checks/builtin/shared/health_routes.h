#pragma once
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

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

  bool matches(const ResolvedRoute& route) const;
  // For messages: "/health, /healthz, ..." or the configured list.
  std::string describe() const;

 private:
  std::vector<std::string> paths_;  // normalized; empty: the convention
};

// A liveness route (`/livez`, `/health/live`) is meant to stay shallow.
bool is_liveness_path(const std::string& path);

}  // namespace svc::engine
