#include "checks/builtin/shared/next_api.h"

#include <algorithm>
#include <set>

#include "common/ascii.h"
#include "common/paths.h"

namespace svc::builtin {
namespace {

using engine::ResolvedRoute;

// A segment after `api` that says the route is some system's hook, not an API: auth and
// OAuth callbacks, webhooks, cron and job runners, tRPC, images, draft mode, mocks.
bool is_hook(const std::string& segment) {
  static const std::set<std::string> hooks = {
      "auth",    "oauth",   "callback", "callbacks", "cron",   "crons",       "jobs",  "qstash", "trpc",
      "og",      "revalidate", "draft", "preview",   "inngest", "uploadthing", "mock", "mocks", "internal"};
  std::string s = engine::ascii_lower(segment);
  return hooks.count(s) > 0 || s.find("webhook") != std::string::npos;
}

// A route segment against a requested one: ":id" takes any one segment, ":slug*" the
// rest; a requested "*" (a template's `${...}`) may stand for anything.
bool matches(const std::vector<std::string>& route, std::size_t i, const std::vector<std::string>& called,
             std::size_t j) {
  if (i == route.size() || j == called.size()) return i == route.size() && j == called.size();
  const std::string& r = route[i];
  const std::string& c = called[j];
  if (r.size() > 1 && r[0] == ':' && r.back() == '*') return true;
  if (c.find('*') != std::string::npos) {
    if (c == "*") return matches(route, i + 1, called, j + 1) || matches(route, i + 1, called, j);
    return r[0] == ':' || r.rfind(c.substr(0, c.find('*')), 0) == 0 ? matches(route, i + 1, called, j + 1) : false;
  }
  return (r[0] == ':' || r == c) && matches(route, i + 1, called, j + 1);
}

}  // namespace

NextApiRoutes::NextApiRoutes(const engine::ServiceRoutes& routes) {
  for (const auto* f : routes.files())
    for (const auto& p : f->routes.called_paths) {
      std::string path = p.substr(0, p.find_first_of("?#"));
      called_.push_back(path);
    }
}

bool NextApiRoutes::is_public(const ResolvedRoute& route) const {
  auto segs = engine::path_segments(route.path);
  auto api = std::find(segs.begin(), segs.end(), "api");
  if (api == segs.end() || api + 1 == segs.end() || std::any_of(api + 1, segs.end(), is_hook)) return false;
  return !called_by_app(route.path);
}

bool NextApiRoutes::called_by_app(const std::string& path) const {
  auto route = engine::path_segments(path);
  auto api = std::find(route.begin(), route.end(), "api");
  std::vector<std::string> tail(api, route.end());  // requests name /api/..., basePath or not
  return std::any_of(called_.begin(), called_.end(),
                     [&](const std::string& c) { return matches(tail, 0, engine::path_segments(c), 0); });
}

std::string NextApiRoutes::versioned(const std::string& path) {
  auto at = path.find("/api/");
  if (at == std::string::npos) return "/v1" + path;
  return path.substr(0, at + 4) + "/v1" + path.substr(at + 4);
}

}  // namespace svc::builtin
