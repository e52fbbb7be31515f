#include "checks/facts/tables/shared_schema.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "common/paths.h"

namespace svc::engine {

std::vector<SharedSchema> shared_schemas(const ServiceMap& services, const std::vector<ResolvedTableRef>& references) {
  std::map<std::string, SharedSchema> by_dir;
  std::map<std::string, std::set<std::string>> tables;
  for (const auto& r : references) {
    if (r.table || !r.definition_file || r.file->service < 0) continue;
    int from = r.definition_file->service;
    if (from >= 0 && !services.services()[from].schema_package) continue;
    if (r.file->service == from || services.services()[r.file->service].schema_package) continue;  // its own seeds
    const WorkspacePackage* p = services.packages().containing(r.definition_file->path);
    std::string dir = p ? p->dir : folder_of(r.definition_file->path);
    SharedSchema& s = by_dir[dir];
    if (s.dir.empty()) s.dir = dir, s.package = p ? p->name : dir;
    if (std::find(s.services.begin(), s.services.end(), r.file->service) == s.services.end())
      s.services.push_back(r.file->service);
    tables[dir].insert(r.definition->table);
    auto at = [](const FileFacts* f, const TableDefinition* d) { return std::tie(f->path, d->span.begin.line); };
    if (!s.file || at(r.definition_file, r.definition) < at(s.file, s.definition))
      s.file = r.definition_file, s.definition = r.definition;
  }
  std::vector<SharedSchema> out;
  for (auto& [dir, s] : by_dir) {
    if (s.services.size() < 2) continue;
    s.tables.assign(tables[dir].begin(), tables[dir].end());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace svc::engine
