#pragma once
// Which routes of a Next.js app are a public API. An app's route handlers are mostly
// its own backend (the pages fetch them) and the hooks of other systems (auth
// callbacks, webhooks, cron, tRPC, draft mode); neither is an API third parties build
// on. What is left under `/api/` is (docs/rules/api-unversioned-route.md).
#include <string>
#include <vector>

#include "checks/facts/routes/route_resolver.h"

namespace svc::builtin {

class NextApiRoutes {
 public:
  explicit NextApiRoutes(const engine::ServiceRoutes& routes);
  // Under an `api` segment, not a hook, and never requested by the app's own code.
  bool is_public(const engine::ResolvedRoute& route) const;
  // "/api/orders" -> "/api/v1/orders", after the `api` segment wherever it sits.
  static std::string versioned(const std::string& path);

 private:
  bool called_by_app(const std::string& path) const;
  std::vector<std::string> called_;  // "/api/x/*" as the app's files request them
};

}  // namespace svc::builtin
