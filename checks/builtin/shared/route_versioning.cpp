#include "checks/builtin/shared/route_versioning.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <re2/re2.h>

namespace svc::engine {
namespace {

// `:version`, `{api_version}`, `<string:version>`: the version comes from the request.
bool is_version_parameter(std::string_view segment) {
  if (segment.empty() || (segment[0] != ':' && segment[0] != '{' && segment[0] != '<')) return false;
  std::string lower;
  for (char c : segment) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower.find("version") != std::string::npos || lower == ":v" || lower == "{v}" || lower == "<v>";
}

bool is_expression(const std::string& version) { return !version.empty() && version.front() == '{'; }

}  // namespace

bool is_version_segment(std::string_view segment) {
  static const RE2 version(R"((?i)v[0-9]+(\.[0-9]+)*([a-z]+[0-9]*)?)");
  return RE2::FullMatch(re2::StringPiece(segment.data(), segment.size()), version);
}

bool has_version_segment(const std::string& path) {
  auto segs = split_segments(path);
  return std::any_of(segs.begin(), segs.end(),
                     [](std::string_view s) { return is_version_segment(s) || is_version_parameter(s); });
}

NestRoutePaths::NestRoutePaths(const ServiceRoutes& routes) {
  bool server = false, router_module = false, configured = false;
  for (const FileFacts* f : routes.files()) {
    for (const auto& s : f->routes.servers) server = server || s.framework == "nestjs";
    router_module = router_module || f->routes.nest.router_module;
    if (f->routes.nest.app && !configured) {  // one app per service; the first configuration wins
      app_ = *f->routes.nest.app;
      configured = true;
    }
  }
  known_ = server && !router_module && app_.known;
}

bool NestRoutePaths::is_controller_route(const ResolvedRoute& route) const {
  if (!route.route || !route.file) return false;
  const auto& containers = route.file->routes.containers;
  return std::any_of(containers.begin(), containers.end(), [&](const Container& c) {
    return c.kind == ContainerKind::controller && c.name == route.route->receiver.name;
  });
}

NestVersions NestRoutePaths::versions_of(const ResolvedRoute& route) const {
  const NestVersioning& nest = route.file->routes.nest;
  auto inside = [](Position at, Position begin, Position end) {
    auto key = [](Position p) { return std::make_pair(p.line, p.column); };
    return key(begin) <= key(at) && key(at) <= key(end);
  };
  for (const auto& m : nest.methods)
    if (inside(route.span.begin, m.begin, m.end)) return m.versions;
  for (const auto& c : nest.controllers)
    if (c.controller == route.route->receiver.name) return c.versions;
  return app_.default_versions;
}

// setGlobalPrefix's `exclude`: exact paths, or a prefix before a wildcard ('docs/(.*)', 'docs/*').
bool NestRoutePaths::excluded(const std::string& path) const {
  return std::any_of(app_.exclude.begin(), app_.exclude.end(), [&](const std::string& e) {
    std::size_t wild = e.find_first_of("(*{");
    if (wild == std::string::npos) return join_route_path("", e) == path;
    std::string prefix = join_route_path("", e.substr(0, wild));
    return prefix == "/" || path == prefix || path.rfind(prefix + "/", 0) == 0;
  });
}

std::optional<std::string> NestRoutePaths::full_path(const ResolvedRoute& route) const {
  if (!known_ || route.dynamic || !is_controller_route(route)) return std::nullopt;
  std::string version;
  if (app_.uri_versioning) {
    for (const auto& v : versions_of(route)) {
      if (is_expression(v)) return std::nullopt;  // a version svc cannot read is still a version
      if (!v.empty()) {
        version = app_.version_prefix + v;
        break;
      }
    }
  }
  std::string prefix = excluded(route.path) ? "" : app_.global_prefix;
  return join_route_path(join_route_path(prefix, version), route.path);
}

}  // namespace svc::engine
