#include "checks/review/modules.h"

#include <algorithm>
#include <set>
#include <string_view>

#include "common/path_glob.h"
#include "common/paths.h"

namespace svc::review {
namespace {

bool is_glob(const std::string& s) { return s.find_first_of("*?") != std::string::npos; }

// Folders that say how code is laid out, not what it is about: a domain is the first
// folder below the service that is none of these.
bool is_layout_folder(std::string_view s) {
  // How code is reached (cron, webhooks) and what tools it uses (zod, swr) is layout too:
  // the folder below names the subject.
  static const std::set<std::string_view> kLayout = {
      "src", "app", "apps", "pages", "lib", "libs", "server", "api", "routers", "router", "routes", "modules",
      "features", "domains", "domain", "components", "hooks", "utils", "util", "helpers", "actions", "services",
      "controllers", "handlers", "models", "db", "database", "trpc", "core", "common", "shared", "ui", "types",
      "styles", "public", "config", "tests", "test", "__tests__", "internal", "pkg", "cmd", "scripts", "dist",
      "middleware", "middlewares", "migrations", "drizzle", "prisma", "schema", "schemas", "errors", "infra",
      "cron", "crons", "jobs", "webhooks", "webhook", "providers", "templates", "static", "assets", "zod",
      "validations", "validators", "constants", "fetchers", "swr", "queries", "mutations", "store", "stores",
      "context", "contexts", "i18n", "locales", "icons", "layout", "layouts", "misc", "client", "clients",
      "mock", "mocks", "playwright", "cypress", "e2e", "fixtures", "v1", "v2", "emails", "workflows"};
  if (s.empty() || s.front() == '(' || s.front() == '[' || s.front() == '@' || s.front() == '_' || s.front() == '.')
    return true;
  if (s.find('.') != std::string_view::npos) return true;  // a host's pages (`app.acme.com/`), a file-like folder
  if (s.size() >= 2 && s[0] == 'v' && std::all_of(s.begin() + 1, s.end(), [](char c) { return c >= '0' && c <= '9'; }))
    return true;
  return kLayout.count(s) > 0;
}

}  // namespace

bool selects(const std::string& selector, const std::string& path) {
  if (selector.empty() || selector == ".") return true;
  if (is_glob(selector)) return engine::path_glob_matches(selector, path);
  return engine::inside_folder(path, selector);
}

std::string domain_name(const std::string& domain_glob) {
  auto end = domain_glob.rfind("/**");
  auto begin = domain_glob.rfind('/', end == std::string::npos ? end : end - 1);
  if (end == std::string::npos || begin == std::string::npos) return domain_glob;
  return domain_glob.substr(begin + 1, end - begin - 1);
}

ModuleMap::ModuleMap(const engine::ServiceMap& services, std::vector<std::string> candidates)
    : services_(services), candidates_(std::move(candidates)) {
  for (auto& c : candidates_)
    while (c.size() > 1 && c.back() == '/') c.pop_back();
}

std::string ModuleMap::candidate_of(const std::string& path) const {
  for (const auto& c : candidates_)
    if (selects(c, path)) return c;
  return "";
}

std::string ModuleMap::unit_of(const std::string& path) const {
  if (auto c = candidate_of(path); !c.empty()) return c;
  std::string best;
  if (int s = services_.service_of(path); s >= 0) best = services_.services()[static_cast<std::size_t>(s)].path;
  if (const auto* p = services_.packages().containing(path); p && p->dir != "." &&
                                                              (best.empty() || best == "." || p->dir.size() > best.size()))
    best = p->dir;
  if (!best.empty() && best != ".") return best;
  auto slash = path.find('/');
  if (slash == std::string::npos || path[0] == '.') return best == "." ? "." : "";
  // A folder that holds packages (packages/, apps/): its other subfolders are modules
  // of their own (packages/prisma without a manifest), not one "packages" module.
  std::string top = path.substr(0, slash);
  const auto& packages = services_.packages().packages();
  bool holds_packages = std::any_of(packages.begin(), packages.end(), [&](const engine::WorkspacePackage& p) {
    return engine::inside_folder(p.dir, top);
  });
  auto second = path.find('/', slash + 1);
  return holds_packages && second != std::string::npos ? path.substr(0, second) : top;
}

std::string ModuleMap::domain_of(const std::string& path) const {
  int s = services_.service_of(path);
  if (s < 0) return "";
  const std::string& dir = services_.services()[static_cast<std::size_t>(s)].path;
  // A root service around other services is the monorepo itself: its top folders are
  // units (unit_of), not domains.
  if (dir == "." && services_.services().size() > 1) return "";
  // Inside a package deeper than the service (a root service around a monorepo), the
  // package is the unit: its folders are not the service's domains.
  if (const auto* p = services_.packages().containing(path); p && p->dir != dir && engine::inside_folder(p->dir, dir))
    return "";
  std::string_view rest = path;
  if (dir != ".") rest.remove_prefix(std::min(rest.size(), dir.size() + 1));
  auto segments = engine::split_segments(rest);
  if (segments.size() < 2) return "";
  segments.pop_back();  // the file's own name
  for (auto seg : segments)
    if (!is_layout_folder(seg))
      return (dir == "." ? std::string("**/") : dir + "/**/") + std::string(seg) + "/**";
  return "";
}

bool ModuleMap::is_service(const std::string& unit) const {
  const auto& all = services_.services();
  return std::any_of(all.begin(), all.end(), [&](const engine::Service& s) { return s.path == unit; });
}

}  // namespace svc::review
