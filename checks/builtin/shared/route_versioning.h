#pragma once
// Whether a route's path is under an API version, and the full paths of NestJS
// controller routes, which depend on main.ts rather than on any mount.
#include <optional>
#include <string>
#include <string_view>

#include "checks/facts/routes/route_resolver.h"
#include "common/path_glob.h"

namespace svc::engine {

// `v1`, `v2`, `v10`, and pre-release versions `v1beta1`, `v2alpha`, `v1.1`
// (case-insensitive). Not `v1:orders` (a cache key), `vendors` or `version1`.
bool is_version_segment(std::string_view segment);

// A version segment anywhere in the path, or a path parameter that names the version
// (`/:version/orders`, `/{api_version}/orders`, `/<version>/orders`).
bool has_version_segment(const std::string& path);

// NestJS controllers are never mounted by code: their routes' full paths follow from
// setGlobalPrefix() and enableVersioning() in main.ts and from @Version /
// @Controller({ version }) on the controller.
class NestRoutePaths {
 public:
  explicit NestRoutePaths(const ServiceRoutes& routes);

  bool is_controller_route(const ResolvedRoute& route) const;
  // The path clients call; nullopt when it cannot be known (no NestFactory.create seen,
  // a prefix or version held in an expression, RouterModule paths).
  std::optional<std::string> full_path(const ResolvedRoute& route) const;
  const NestAppPaths& app() const { return app_; }

 private:
  // The route's versions: its method's @Version, else its controller's, else the default.
  NestVersions versions_of(const ResolvedRoute& route) const;
  bool excluded(const std::string& path) const;

  NestAppPaths app_;
  bool known_ = false;
};

}  // namespace svc::engine
