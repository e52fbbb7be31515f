// Every place code names a table: the models and migrations that define tables, and the
// reads and writes resolved the way the database rules resolve them. Unlike the rules,
// the review also counts tables no service owns (a shared schema package's) and the
// references in workspace packages (a shared `packages/lib`): both are data coupling.
#include <map>
#include <set>

#include "checks/facts/tables/table_references.h"
#include "common/ascii.h"
#include "checks/review/review_context.h"

namespace svc::review {

std::vector<TableUse> collect_table_uses(const ReviewContext& context) {
  std::vector<TableUse> out;
  const auto& ownership = context.derived.ownership();
  for (const auto& f : context.audit.facts) {
    if (engine::is_test_path(f.path)) continue;
    for (const auto& d : f.tables.definitions)
      if (!d.rollback && d.change == engine::TableChange::create) {
        const engine::OwnedTable* owned = ownership.find(d.table);
        out.push_back({owned ? owned->name : d.table, f.path, d.span.begin.line, true, true});
      }
  }
  // Prisma accessors the rules leave alone (a package's client, `prisma.user` in a shared
  // `packages/lib`): the one model of that name in the repository, when there is one.
  std::map<std::string, std::set<std::string>> prisma_models;  // lower-case accessor -> tables
  for (const auto& f : context.audit.facts)
    for (const auto& d : f.tables.definitions)
      if (d.origin == engine::TableOrigin::prisma && !d.symbol.empty())
        prisma_models[engine::ascii_lower(d.symbol)].insert(d.table);
  auto add = [&](const engine::ResolvedTableRef& r) {
    if (!r.file || !r.ref) return;
    std::string name = r.table ? r.table->name : r.definition ? r.definition->table : "";
    if (name.empty() && r.ref->target == engine::RefTarget::prisma_model)
      if (auto it = prisma_models.find(engine::ascii_lower(r.ref->name)); it != prisma_models.end() && it->second.size() == 1)
        name = *it->second.begin();
    if (name.empty()) return;
    out.push_back({name, r.file->path, r.ref->span.begin.line, r.ref->access == engine::TableAccess::write, false});
  };
  for (const auto& r : context.derived.table_references()) add(r);
  engine::TableIndex index(context.services, context.audit.facts);
  for (const auto& f : context.audit.facts) {
    if (f.service >= 0 || engine::is_test_path(f.path)) continue;
    for (const auto& ref : f.tables.references) add(index.resolve(f, ref, ownership));
  }
  return out;
}

}  // namespace svc::review
