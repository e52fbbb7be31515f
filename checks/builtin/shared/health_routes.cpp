#include "checks/builtin/shared/health_routes.h"

#include <algorithm>
#include <set>

#include "common/ascii.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

std::vector<std::string> segments(const std::string& path) { return path_segments(ascii_lower(path)); }

bool follows_convention(const std::string& path) {
  static const std::set<std::string> last = {"health", "healthz", "livez", "readyz", "health-check", "healthcheck",
                                             "health_check"};
  auto segs = segments(path);
  if (segs.empty()) return false;
  return last.count(segs.back()) || std::find(segs.begin(), segs.end(), "health") != segs.end();
}

// Health is read, so a route that only accepts writes is no health endpoint.
bool reads(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "ALL" || method == "USE" || method.empty();
}

bool ends_with_segments(const std::string& path, const std::string& suffix) {
  if (suffix == "/") return path == "/";
  return path == suffix ||
         (path.size() > suffix.size() && path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0 &&
          suffix.front() == '/');
}

// A path held in an expression (`app.get(config.healthPath, ...)`) is judged by its name.
bool names_health(const std::string& expression, const std::vector<std::string>& configured) {
  std::string text;
  for (char c : expression) text.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::vector<std::string> words = {"health", "ready", "live"};
  for (const auto& p : configured)
    if (auto segs = segments(p); !segs.empty()) words.push_back(segs.back());
  return std::any_of(words.begin(), words.end(),
                     [&](const std::string& w) { return text.find(w) != std::string::npos; });
}

}  // namespace

HealthPaths::HealthPaths(std::vector<std::string> paths) {
  for (const auto& p : paths) paths_.push_back(join_route_path("", p));
}

HealthPaths HealthPaths::from_options(const YAML::Node& options) {
  std::vector<std::string> paths;
  if (options && options.IsMap() && options["paths"] && options["paths"].IsSequence())
    for (const auto& p : options["paths"]) paths.push_back(p.as<std::string>());
  return HealthPaths(std::move(paths));
}

HealthPaths HealthPaths::with_probes(const std::vector<const ProbeUse*>& probes) const {
  HealthPaths out = *this;
  for (const auto* p : probes) out.probed_.push_back(join_route_path("", p->path));
  return out;
}

bool HealthPaths::matches(const ResolvedRoute& route) const {
  if (!reads(route.method)) return false;
  if (!route.dynamic && matches_one_of(route, probed_)) return true;
  if (route.dynamic) return names_health(route.path, paths_);
  if (paths_.empty()) return follows_convention(route.path);
  return matches_one_of(route, paths_);
}

// A path whose mount prefix is unknown may sit under any prefix: compare its tail.
bool HealthPaths::matches_one_of(const ResolvedRoute& route, const std::vector<std::string>& paths) const {
  return std::any_of(paths.begin(), paths.end(), [&](const std::string& p) {
    return route.rooted ? route.path == p : ends_with_segments(route.path, p);
  });
}

std::string HealthPaths::describe() const {
  if (paths_.empty())
    return "/health, /healthz, /livez, /readyz, /health-check, /healthcheck or anything under /health/";
  std::string out;
  for (const auto& p : paths_) out += (out.empty() ? "" : ", ") + p;
  return out;
}

bool is_liveness_path(const std::string& path) {
  auto segs = segments(path);
  return !segs.empty() && (segs.back() == "livez" || segs.back() == "live" || segs.back() == "liveness");
}

}  // namespace svc::engine
