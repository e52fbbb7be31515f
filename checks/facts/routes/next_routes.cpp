// Next.js routes come from where files sit, not from calls: `app/**/route.ts` and
// `pages/api/**`, under the service's root or its `src/`, behind next.config's basePath.
#include "checks/facts/routes/route_resolver.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

// "[id]" -> ":id", "[...slug]" and "[[...slug]]" -> ":slug*"; groups "(shop)", parallel
// slots "@modal" and interception markers "(..)photo" add nothing to the URL.
std::optional<std::string> url_segment(const std::string& seg) {
  if (seg.empty() || seg[0] == '(' || seg[0] == '@') return std::string();
  if (seg[0] == '_') return std::nullopt;  // a private folder: not routed
  if (seg.front() != '[' || seg.back() != ']') return seg;
  std::string inner = seg.substr(1, seg.size() - 2);
  if (!inner.empty() && inner.front() == '[' && inner.back() == ']') inner = inner.substr(1, inner.size() - 2);
  if (inner.rfind("...", 0) == 0) return ":" + inner.substr(3) + "*";
  return ":" + inner;
}

std::string without_extension(const std::string& name) {
  auto dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

std::optional<std::string> next_route_path(const std::string& rel, FileRouter router) {
  std::vector<std::string> segs = path_segments(rel);
  std::size_t start = !segs.empty() && segs[0] == "src" ? 1 : 0;
  std::string root = router == FileRouter::app_route ? "app" : "pages";
  if (segs.size() < start + 2 || segs[start] != root) return std::nullopt;
  if (router == FileRouter::pages_api && segs[start + 1] != "api") return std::nullopt;
  std::vector<std::string> route(segs.begin() + static_cast<long>(start) + 1, segs.end());
  if (router == FileRouter::app_route) {
    route.pop_back();  // route.ts
  } else {
    route.back() = without_extension(route.back());
    if (route.back() == "index") route.pop_back();
  }
  std::string path;
  for (const auto& seg : route) {
    auto url = url_segment(seg);
    if (!url) return std::nullopt;
    if (!url->empty()) path += "/" + *url;
  }
  return path.empty() ? "/" : path;
}

const FileFacts* next_config_of(const Service& service, const ServiceRoutes& routes) {
  for (const FileFacts* f : routes.files())
    if (f->routes.next_config && folder_of(f->path) == service.path) return f;
  return nullptr;
}

void ServiceRoutes::add_file_routes(const Service& service) {
  std::string base_path;
  if (const FileFacts* config = next_config_of(service, *this)) base_path = config->routes.next_base_path;
  for (const FileFacts* f : files_) {
    if (f->routes.file_router == FileRouter::none) continue;
    std::string rel = service.path == "." ? f->path : f->path.substr(service.path.size() + 1);
    auto path = next_route_path(rel, f->routes.file_router);
    if (!path) continue;
    for (const auto& r : f->routes.routes)
      if (r.receiver.empty()) routes_.push_back({r.method, join_route_path(base_path, *path), true, false, false, f, &r, r.span});
  }
}

}  // namespace svc::engine
