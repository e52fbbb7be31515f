#pragma once
// A service's HTTP servers started without a framework (node:http, Bun, Deno), from
// the `servers` facts: what makes a service with no framework in its manifest an HTTP
// service for health-endpoint-missing and shutdown-no-sigterm.
#include <string>
#include <vector>

#include "checks/engine/check.h"
#include "checks/facts/facts.h"

namespace svc::engine {

struct RuntimeServerSite {
  std::string path;
  const RuntimeServer* server = nullptr;
};

// In file order. `export default { fetch, port }` counts only in the service's entry files.
std::vector<RuntimeServerSite> runtime_servers(const WorkspaceContext& ctx, int service);

// The paths the service's code compares a request's URL with.
std::vector<std::string> runtime_url_paths(const WorkspaceContext& ctx, int service);

}  // namespace svc::engine
