// db-cross-service-access: code of one service touching a table another service
// owns (playbook, Database: every service owns its tables; cross-service reads go
// through the API). Also reports, once, tables two services sharing a database both claim.
#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/facts/tables/table_ownership.h"
#include "checks/facts/tables/table_references.h"

namespace svc::builtin {
namespace {

using namespace engine;

std::string and_list(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i)
    out += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return out;
}

std::string verb(TableAccess access) {
  switch (access) {
    case TableAccess::write: return "writes";
    case TableAccess::foreign_key: return "has a foreign key to";
    case TableAccess::model: return "maps a model onto";
    default: return "reads";
  }
}

// One reference with the owner it has from where it stands.
struct Touch {
  const ResolvedTableRef* ref;
  int owner;
};

class DbCrossServiceAccess : public Check {
 public:
  void configure(const YAML::Node& options) override {
    if (auto list = options["ignore_tables"])
      for (const auto& t : list) ignored_.insert(table_key(t.as<std::string>()));
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    const TableOwnership& own = ctx.derived.ownership();
    const auto& services = ctx.services.services();
    for (const auto& c : own.conflicts())
      if (!ignored_.count(c.table->key)) report_conflict(services, c, out);
    for (const auto& t : own.tables()) {
      if (ignored_.count(t.key)) continue;
      for (const auto& c : t.claims) {
        int owner = own.owner_for(t, c.service);
        if (c.level == ClaimLevel::model && owner >= 0 && owner != c.service && !own.reads_through_readonly(c.service, owner))
          report_foreign_model(services, t, c, owner, out);
      }
    }
    auto refs = ctx.derived.table_references();  // a copy: the filter below is this rule's own
    // Reads that may come from a declared read-only copy are the playbook's exception.
    refs.erase(std::remove_if(refs.begin(), refs.end(),
                              [&](const engine::ResolvedTableRef& r) {
                                int reader = r.file->service;
                                return r.table && own.reads_through_readonly(reader, own.owner_for(*r.table, reader));
                              }),
               refs.end());
    for (std::size_t i = 0; i < refs.size();) {  // one file at a time
      std::size_t j = i;
      while (j < refs.size() && refs[j].file == refs[i].file) ++j;
      report_file(services, own, {refs.begin() + i, refs.begin() + j}, out);
      i = j;
    }
  }

 private:
  // At the first claim of the second service, naming every contender and where it claims.
  void report_conflict(const std::vector<Service>& services, const OwnershipConflict& c, FindingSink& out) const {
    std::vector<std::string> who;
    for (int s : c.services) who.push_back(fmt::format("{} ({})", services[s].name, c.table->claim_of(s)->where()));
    const TableClaim* at = c.table->claim_of(c.services[1]);
    MessageArgs args = {{"problem", fmt::format("table {} is claimed by both {}", c.table->name, and_list(who))},
                        {"fix", "declare its owner with `owns:` in .svc.yaml; the others read it through the owner's API"},
                        {"table", c.table->name}};
    if (at->path.empty())
      out.report_at(services[at->service].anchor_file(), Position{}, Position{}, args, "conflict " + c.table->key);
    else
      out.report_at(at->path, at->span.begin, at->span.end, args, "conflict " + c.table->key);
  }

  void report_foreign_model(const std::vector<Service>& services, const OwnedTable& t, const TableClaim& c, int owner,
                            FindingSink& out) const {
    MessageArgs args = {
        {"problem", fmt::format("service {} defines a {} for table {}, owned by service {} ({})", services[c.service].name,
                                to_string(c.origin), t.name, services[owner].name, t.claim_of(owner)->where())},
        {"fix", fmt::format("drop the model and ask the {} API for this data", services[owner].name)},
        {"table", t.name}};
    out.report_at(c.path, c.span.begin, c.span.end, args, "model " + t.key + " " + c.symbol);
  }

  void report_file(const std::vector<Service>& services, const TableOwnership& own, std::vector<ResolvedTableRef> refs,
                   FindingSink& out) const {
    int self = refs.front().file->service;
    // A model of this service used here: when another service owns its table, the finding
    // is at the model (report_foreign_model), not at every query that uses it.
    auto owner = [&](const ResolvedTableRef& r) {
      if (!r.table || ignored_.count(r.table->key)) return -1;
      if (r.definition_file && r.definition_file->service == self) return self;
      return own.owner_for(*r.table, self);
    };
    std::set<std::pair<std::string, std::string>> imported;  // (module, name) reported at the import
    for (const auto& r : refs)
      if (r.ref->access == TableAccess::import && report_import(services, own, r, out))
        imported.insert({r.file->tables.module_of(*r.ref), r.ref->name});
    std::map<int, std::vector<Touch>> statements;
    for (const auto& r : refs) {
      if (r.ref->access == TableAccess::import || imported.count({r.file->tables.module_of(*r.ref), r.ref->name}))
        continue;
      Touch t{&r, owner(r)};
      if (r.ref->statement >= 0) statements[r.ref->statement].push_back(t);
      else if (t.owner >= 0 && t.owner != self) report_statement(services, self, {t}, out);
    }
    for (auto& [n, group] : statements)
      if (std::any_of(group.begin(), group.end(), [&](const Touch& t) { return t.owner >= 0 && t.owner != self; }))
        report_statement(services, self, group, out);
  }

  // A table symbol imported from another service's code: reported at the import.
  bool report_import(const std::vector<Service>& services, const TableOwnership& own, const ResolvedTableRef& r,
                     FindingSink& out) const {
    int self = r.file->service;
    if (!r.table || !r.definition_file || ignored_.count(r.table->key)) return false;
    int from = r.definition_file->service;
    if (from < 0 || from == self) return false;
    int owner = own.owner_for(*r.table, self);
    if (owner < 0 || owner == self) owner = from;
    const OwnedTable& t = *r.table;
    std::string what = fmt::format("the {} {}", to_string(r.definition->origin), t.name);
    if (r.definition->symbol != t.name) what = fmt::format("{} ({})", r.definition->symbol, what);
    const TableClaim* claim = t.claim_of(owner);
    MessageArgs args = {
        {"problem", fmt::format("service {} imports {} from the code of service {}, which owns the table ({})",
                                services[self].name, what, services[owner].name,
                                claim ? claim->where() : r.definition_file->path)},
        {"fix", fmt::format("ask the {} API for this data instead of sharing its schema", services[owner].name)},
        {"table", t.name}};
    out.report_at(r.file->path, r.ref->span.begin, r.ref->span.end, args, "import " + t.key);
    return true;
  }

  // One statement (or one reference): a join across owners says so.
  void report_statement(const std::vector<Service>& services, int self, const std::vector<Touch>& group,
                        FindingSink& out) const {
    std::vector<std::pair<const OwnedTable*, int>> tables;  // with their owners
    std::vector<int> owners, foreign;
    const Touch* at = nullptr;
    TableAccess access = TableAccess::read;
    for (const auto& t : group) {
      if (t.owner < 0) continue;
      if (std::find_if(tables.begin(), tables.end(), [&](auto& p) { return p.first == t.ref->table; }) == tables.end())
        tables.push_back({t.ref->table, t.owner});
      if (std::find(owners.begin(), owners.end(), t.owner) == owners.end()) owners.push_back(t.owner);
      if (t.owner == self) continue;
      if (std::find(foreign.begin(), foreign.end(), t.owner) == foreign.end()) foreign.push_back(t.owner);
      if (!at) at = &t;
      if (access == TableAccess::read || t.ref->ref->access == TableAccess::write) access = t.ref->ref->access;
    }
    std::vector<std::string> apis;
    for (int o : foreign) apis.push_back(services[o].name);
    std::string problem, fix;
    if (owners.size() > 1) {
      std::vector<std::string> parts;
      for (auto [t, o] : tables) parts.push_back(fmt::format("{} (owned by {})", t->name, services[o].name));
      problem = fmt::format("service {} joins {} with {} in one query", services[self].name, parts.front(),
                            and_list({parts.begin() + 1, parts.end()}));
      fix = fmt::format("ask the {} API{} for this data instead of joining {} tables", and_list(apis),
                        apis.size() > 1 ? "s" : "", apis.size() > 1 ? "their" : "its");
    } else {
      std::vector<std::string> names;
      for (auto [t, o] : tables) names.push_back(t->name);
      problem = fmt::format("service {} {} table{} {}, owned by service {} ({})", services[self].name, verb(access),
                            names.size() > 1 ? "s" : "", and_list(names), apis.front(),
                            tables.front().first->claim_of(foreign.front())->where());
      fix = access == TableAccess::read ? fmt::format("ask the {} API for this data instead of reading its tables", apis.front())
            : access == TableAccess::foreign_key
                ? fmt::format("keep a plain id column; the {} API answers for that row", apis.front())
                : fmt::format("ask the {} API to make this change instead of writing its tables", apis.front());
    }
    std::string matched = verb(access);
    for (auto [t, o] : tables) matched += " " + t->key;
    MessageArgs args = {{"problem", problem}, {"fix", fix}, {"table", at->ref->table->name}};
    out.report_at(at->ref->file->path, at->ref->ref->span.begin, at->ref->ref->span.end, args, matched);
  }

  std::set<std::string> ignored_;  // table keys
};

}  // namespace

std::unique_ptr<engine::Check> make_db_cross_service_access() { return std::make_unique<DbCrossServiceAccess>(); }

}  // namespace svc::builtin
