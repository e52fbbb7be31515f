// db-shared-database: two services connect to one database (playbook, Database).
// The judgment lives in service_links_shared.cpp so `svc graph` marks the same edges.
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/facts/links/service_links.h"
#include "checks/facts/tables/shared_schema.h"

namespace svc::builtin {
namespace {

using namespace engine;

std::string where(const DatabaseUse& u) {
  if (u.source == LinkSource::config) return ".svc.yaml (database: " + u.endpoint.database + ")";
  return fmt::format("{} ({})", u.site.describe(), u.via);
}

class DbSharedDatabase : public Check {
 public:
  void configure(const YAML::Node& options) override {
    if (!options["kinds"]) return;
    kinds_.clear();
    for (const auto& k : options["kinds"]) kinds_.insert(k.as<std::string>());
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    const ServiceLinks& links = ctx.derived.links();
    for (const auto& shared : shared_databases(links, ctx.services, kinds_))
      for (const DatabaseUse* other : shared.others) report(ctx, *other, *shared.owner, out);
    for (const auto& schema : shared_schemas(ctx.services, ctx.derived.table_references())) report(ctx, schema, out);
  }

 private:
  // At the other service's connection, naming both services and where each connects.
  static void report(const WorkspaceContext& ctx, const DatabaseUse& u, const DatabaseUse& owner, FindingSink& out) {
    const auto& services = ctx.services.services();
    const DatabaseEndpoint& e = u.endpoint.host.empty() ? owner.endpoint : u.endpoint;
    std::string endpoint = e.host.empty() ? e.database : e.display();
    std::string service = services[u.service].name, other = services[owner.service].name;
    MessageArgs args = {
        {"problem", fmt::format("{} and {} both connect to database {} ({}): {} at {}, {} at {}", service, other,
                                e.database, endpoint, service, where(u), other, where(owner))},
        {"fix", fmt::format("Each service owns its database: give {} a database of its own and get what it needs "
                            "from {} through the {} API (a read-only replica or warehouse can be declared "
                            "`readonly: true` under `databases:` in .svc.yaml)",
                            service, other, other)}};
    out.report_at(u.site.path, u.site.span.begin, u.site.span.end, args,
                  fmt::format("{} {} -> {}", service, u.via, endpoint));
  }

  // Once per shared schema package, at its first table the services use.
  static void report(const WorkspaceContext& ctx, const SharedSchema& schema, FindingSink& out) {
    std::vector<std::string> names;
    for (int s : schema.services) names.push_back(ctx.services.services()[s].name);
    MessageArgs args = {
        {"problem", fmt::format("services {} use tables of the shared package {} ({}) that no service owns: they "
                                "share one schema and one database",
                                fmt::join(names, ", "), schema.package, fmt::join(schema.tables, ", "))},
        {"fix", "Each service owns its database: give each table one owner with `owns:` in .svc.yaml (the others "
                "then get its data through the owner's API), or give each service a schema of its own"}};
    out.report_at(schema.file->path, schema.definition->span.begin, schema.definition->span.end, args,
                  "schema " + schema.dir);
  }

  std::set<std::string> kinds_ = {"postgres", "mysql", "mongodb"};
};

}  // namespace

std::unique_ptr<engine::Check> make_db_shared_database() { return std::make_unique<DbSharedDatabase>(); }

}  // namespace svc::builtin
