// db-migration-outside-owner: DDL in one service (a migration, or CREATE/ALTER run
// from code) on a table another service owns (playbook, Database: migrations live
// in the service that owns the tables).
#include <set>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/facts/tables/table_ownership.h"

namespace svc::builtin {
namespace {

using namespace engine;

class DbMigrationOutsideOwner : public Check {
 public:
  void configure(const YAML::Node& options) override {
    if (auto list = options["ignore_tables"])
      for (const auto& t : list) ignored_.insert(table_key(t.as<std::string>()));
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    const TableOwnership& ownership = ctx.derived.ownership();
    const auto& services = ctx.services.services();
    for (const auto& f : ctx.facts) {
      if (f.service < 0 || is_test_path(f.path)) continue;
      for (const auto& d : f.tables.definitions) {
        if (is_model_origin(d.origin)) continue;  // a model is a reference, db-cross-service-access reports it
        const OwnedTable* t = ownership.find(d.table);
        if (!t || ignored_.count(t->key)) continue;
        int o = ownership.owner_for(*t, f.service);
        if (o < 0 || o == f.service) continue;
        const Service& owner = services[o];
        MessageArgs args = {{"source", f.tables.migration ? "a migration" : "code"},
                            {"service", services[f.service].name},
                            {"change", std::string(to_string(d.change))},
                            {"table", t->name},
                            {"owner", owner.name},
                            {"claim", t->claim_of(o)->where()},
                            {"tool", std::string(to_string(d.origin))}};
        out.report_at(f.path, d.span.begin, d.span.end, args,
                      fmt::format("{} {}", to_string(d.change), t->key));
      }
    }
  }

 private:
  std::set<std::string> ignored_;  // table keys
};

}  // namespace

std::unique_ptr<engine::Check> make_db_migration_outside_owner() { return std::make_unique<DbMigrationOutsideOwner>(); }

}  // namespace svc::builtin
