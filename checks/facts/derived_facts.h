#pragma once
// What the cross-file checks derive from every file's facts: each service's routes,
// the links between services and databases, and who owns which table. Each is built on
// first use and then shared, so rules (and the graph) that ask for the same thing do
// not build it again.
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "checks/facts/facts.h"
#include "checks/facts/links/service_links.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/facts/tables/table_ownership.h"
#include "checks/facts/tables/table_references.h"
#include "checks/workspace/config.h"
#include "checks/workspace/services.h"

namespace svc::engine {

class DerivedFacts {
 public:
  // Holds references: the arguments must outlive it.
  DerivedFacts(const ServiceMap& services, const std::vector<FileFacts>& facts, const Config& config);

  // The routes of service `index` (into services.services()), from its non-test files.
  const ServiceRoutes& routes(std::size_t index) const;
  const ServiceLinks& links() const;
  const TableOwnership& ownership() const;
  // Every table reference of every service, resolved against ownership().
  const std::vector<ResolvedTableRef>& table_references() const;

 private:
  const ServiceMap& services_;
  const std::vector<FileFacts>& facts_;
  const Config& config_;
  mutable std::once_flag links_once_, ownership_once_, references_once_;
  mutable std::vector<ResolvedTableRef> references_;
  mutable std::optional<ServiceLinks> links_;
  mutable std::optional<TableOwnership> ownership_;
  std::unique_ptr<std::once_flag[]> routes_once_;
  mutable std::vector<std::optional<ServiceRoutes>> routes_;
};

}  // namespace svc::engine
