#include "checks/builtin/shared/runtime_servers.h"

#include <algorithm>

namespace svc::engine {

std::vector<RuntimeServerSite> runtime_servers(const WorkspaceContext& ctx, int service) {
  std::vector<RuntimeServerSite> out;
  if (service < 0) return out;
  const Service& s = ctx.services.services()[service];
  for (const auto& f : ctx.facts) {
    if (f.service != service) continue;
    bool entry = std::find(s.entry_files.begin(), s.entry_files.end(), f.path) != s.entry_files.end();
    for (const auto& server : f.servers.servers)
      if (!server.default_export || entry) out.push_back({f.path, &server});
  }
  return out;
}

std::vector<std::string> runtime_url_paths(const WorkspaceContext& ctx, int service) {
  std::vector<std::string> out;
  for (const auto& f : ctx.facts)
    if (f.service == service) out.insert(out.end(), f.servers.url_paths.begin(), f.servers.url_paths.end());
  return out;
}

}  // namespace svc::engine
