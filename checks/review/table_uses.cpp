// Every place code names a table: reads and writes resolved the way the database rules
// resolve them, and the models and migrations that define tables.
#include "checks/review/review_context.h"

namespace svc::review {

std::vector<TableUse> collect_table_uses(const ReviewContext& context) {
  std::vector<TableUse> out;
  const auto& ownership = context.derived.ownership();
  for (const auto& t : ownership.tables())
    for (const auto& claim : t.claims)
      if (!claim.path.empty()) out.push_back({t.name, claim.path, claim.span.begin.line, true, true});
  for (const auto& r : context.derived.table_references()) {
    if (!r.table || !r.file || !r.ref) continue;
    bool write = r.ref->access == engine::TableAccess::write;
    out.push_back({r.table->name, r.file->path, r.ref->span.begin.line, write, false});
  }
  return out;
}

}  // namespace svc::review
