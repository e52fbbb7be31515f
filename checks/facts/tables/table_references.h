#pragma once
// Table references resolved across files: a symbol through its import to the
// definition it names, a Prisma accessor to its model, a name to the owned table.
// Shared by db-cross-service-access and `svc graph`.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/facts/facts.h"
#include "checks/workspace/services.h"
#include "checks/facts/tables/table_ownership.h"

namespace svc::engine {

struct ResolvedTableRef {
  const FileFacts* file = nullptr;
  const TableReference* ref = nullptr;
  const OwnedTable* table = nullptr;  // null when no service claims it
  // For symbol and Prisma references: the definition they name, and its file.
  const FileFacts* definition_file = nullptr;
  const TableDefinition* definition = nullptr;
};

class TableIndex {
 public:
  TableIndex(const ServiceMap& services, const std::vector<FileFacts>& facts);

  // One reference of `file`; `table` stays null when it names nothing known.
  ResolvedTableRef resolve(const FileFacts& file, const TableReference& ref, const TableOwnership& ownership) const;

 private:
  struct Site {
    const FileFacts* file;
    const TableDefinition* definition;
  };
  std::vector<const FileFacts*> module_files(const FileFacts& from, const TableReference& ref) const;
  std::optional<Site> symbol_in(const std::vector<const FileFacts*>& files, const std::string& symbol,
                                int prefer_service) const;
  std::optional<Site> prisma_model(const FileFacts& from, const std::string& accessor) const;
  bool names_service(const std::string& module_path, int service) const;
  void files_under(const std::string& dir, std::vector<const FileFacts*>& out) const;
  std::vector<const FileFacts*> package_files(const FileFacts& from, const std::string& specifier) const;
  std::optional<Site> schema_key_in_packages(int service, const std::string& key) const;

  const ServiceMap& services_;
  std::map<std::string, const FileFacts*> by_stem_;  // path without extension; folders for index files
  std::map<std::string, std::vector<const FileFacts*>> by_base_;  // last stem component, for Python packages
  std::map<std::string, std::vector<Site>> prisma_;                // lower-case model name
  std::map<std::pair<int, std::string>, std::vector<Site>> by_service_symbol_;
  // Repository classes (TableAlias) and the model definition each stands for.
  std::map<std::pair<const FileFacts*, std::string>, Site> aliases_;
  // The files a Python module names, by importing service and dotted path turned into a
  // path: every reference of a service to `app.models` asks the same question, and each
  // answer looks at every service's `models` module. Filled as resolve() asks; an index
  // serves one thread (resolve_table_references).
  mutable std::map<std::pair<int, std::string>, std::vector<const FileFacts*>> python_modules_;
};

// Every reference in every file of a service (tests excluded), resolved.
std::vector<ResolvedTableRef> resolve_table_references(const ServiceMap& services, const std::vector<FileFacts>& facts,
                                                       const TableOwnership& ownership);

}  // namespace svc::engine
