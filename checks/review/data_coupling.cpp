// Data coupling: databases more than one service connects to, tables a service reads or
// writes though another owns them, and tables several modules or domains of one app touch
// (what would have to be cut apart, or turned into API calls, before a split).
#include <algorithm>
#include <map>
#include <set>

#include "checks/review/review_context.h"

namespace svc::review {
namespace {

constexpr std::size_t kEvidencePerEntry = 5;

struct Touches {
  std::set<std::string> units, domains;
  std::map<std::string, std::vector<const TableUse*>> by_unit;
  bool written_by_other = false;
};

void add_evidence(DataCoupling& entry, const std::vector<const TableUse*>& uses) {
  for (const TableUse* u : uses) {
    if (entry.evidence.size() >= kEvidencePerEntry) return;
    entry.evidence.push_back({u->path, u->line, (u->write ? "writes " : "reads ") + u->table});
  }
}

}  // namespace

std::vector<DataCoupling> data_coupling(const ReviewContext& context, const System& system) {
  std::vector<DataCoupling> out;
  for (const auto& d : system.databases)
    if (d.services.size() > 1) out.push_back({"shared-database", d.label, "", d.services, {}});

  std::map<std::string, std::string> owner;
  for (const auto& t : system.tables) owner[t.name] = t.owner;
  std::map<std::string, Touches> tables;
  for (const auto& u : context.table_uses) {
    if (u.definition) continue;  // a schema package defining every table touches none of them
    Touches& t = tables[u.table];
    std::string unit = context.modules.unit_of(u.path);
    if (unit.empty()) continue;
    t.units.insert(unit);
    t.by_unit[unit].push_back(&u);
    if (auto d = context.modules.domain_of(u.path); !d.empty()) t.domains.insert(d);
  }
  for (const auto& [table, t] : tables) {
    const std::string& own = owner[table];
    std::vector<std::string> others;
    bool writes = false;
    for (const auto& unit : t.units)
      if (unit != own && context.modules.is_service(unit)) {
        others.push_back(unit);
        for (const TableUse* u : t.by_unit.at(unit)) writes = writes || u->write;
      }
    if (!own.empty() && !others.empty()) {
      DataCoupling entry{writes ? "cross-service-write" : "cross-service-read", table, own, others, {}};
      for (const auto& unit : others) add_evidence(entry, t.by_unit.at(unit));
      out.push_back(std::move(entry));
    } else if (own.empty() && t.units.size() > 1) {
      DataCoupling entry{"shared-table", table, "", {t.units.begin(), t.units.end()}, {}};
      for (const auto& [unit, uses] : t.by_unit) add_evidence(entry, uses);
      out.push_back(std::move(entry));
    } else if (t.units.size() == 1 && t.domains.size() > 1) {
      // One app's domains sharing a table: what a split inside the app would cut.
      DataCoupling entry{"shared-table", table, own, {t.domains.begin(), t.domains.end()}, {}};
      add_evidence(entry, t.by_unit.begin()->second);
      out.push_back(std::move(entry));
    }
  }
  return out;
}

}  // namespace svc::review
