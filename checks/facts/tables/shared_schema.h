#pragma once
// Tables that live in a package no service owns (a shared `@acme/db` schema package)
// and that several services use: those services share one schema and one database,
// whatever their connection strings say. Read by db-shared-database.
#include <string>
#include <vector>

#include "checks/facts/tables/table_references.h"
#include "checks/workspace/services.h"

namespace svc::engine {

struct SharedSchema {
  std::string package;  // its manifest name, or its folder when it has none
  std::string dir;
  std::vector<int> services;        // in order of first use
  std::vector<std::string> tables;  // the unowned tables they use, sorted
  // Where the package defines the first of them: the finding's place.
  const FileFacts* file = nullptr;
  const TableDefinition* definition = nullptr;
};

// Packages whose unowned tables at least two services use. A table some service
// owns (a model, a migration, `owns:`) is db-cross-service-access's to judge instead.
std::vector<SharedSchema> shared_schemas(const ServiceMap& services, const std::vector<ResolvedTableRef>& references);

}  // namespace svc::engine
