#pragma once
// What a review calls a module: the unit a path belongs to (a candidate named with
// --candidate, a service, a workspace package, else its top-level folder) and, inside a
// service, the domain it serves (`billing` of apps/web/app/(dashboard)/billing/page.tsx).
#include <string>
#include <vector>

#include "checks/workspace/services.h"

namespace svc::review {

class ModuleMap {
 public:
  ModuleMap(const engine::ServiceMap& services, std::vector<std::string> candidates);

  // The candidate, service, package or top-level folder holding `path` (relative to the
  // reviewed root), as its path; "" for files at the root and in dot-folders.
  std::string unit_of(const std::string& path) const;
  // The candidate holding `path` ("" for none).
  std::string candidate_of(const std::string& path) const;
  // A domain inside a service, as the glob that selects it: "apps/web/**/billing/**";
  // "" when the path names none (lib/utils/date.ts).
  std::string domain_of(const std::string& path) const;
  // The service a unit or domain belongs to (its index), -1 for none.
  int service_of(const std::string& path) const { return services_.service_of(path); }
  bool is_service(const std::string& unit) const;
  const std::vector<std::string>& candidates() const { return candidates_; }

 private:
  const engine::ServiceMap& services_;
  std::vector<std::string> candidates_;  // folders without a trailing '/', or globs
};

// Whether `path` lies in `selector`: a folder (prefix) or a glob with * / **.
bool selects(const std::string& selector, const std::string& path);

// The domain name of a glob domain_of() returns ("billing"), for labels.
std::string domain_name(const std::string& domain_glob);

}  // namespace svc::review
