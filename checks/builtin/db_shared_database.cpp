// db-shared-database: two services connect to one database (playbook, Database).
// The judgment lives in service_links_shared.cpp so `svc graph` marks the same edges.
#include <set>

#include <fmt/format.h>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/facts/links/service_links.h"

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
  }

 private:
  // At the other service's connection, naming both services and where each connects.
  static void report(const WorkspaceContext& ctx, const DatabaseUse& u, const DatabaseUse& owner, FindingSink& out) {
    const auto& services = ctx.services.services();
    const DatabaseEndpoint& e = u.endpoint.host.empty() ? owner.endpoint : u.endpoint;
    std::string endpoint = e.host.empty() ? e.database : e.display();
    MessageArgs args = {{"database", e.database},
                        {"endpoint", endpoint},
                        {"service", services[u.service].name},
                        {"service_site", where(u)},
                        {"other", services[owner.service].name},
                        {"other_site", where(owner)}};
    out.report_at(u.site.path, u.site.span.begin, u.site.span.end, args,
                  fmt::format("{} {} -> {}", services[u.service].name, u.via, endpoint));
  }

  std::set<std::string> kinds_ = {"postgres", "mysql", "mongodb"};
};

}  // namespace

std::unique_ptr<engine::Check> make_db_shared_database() { return std::make_unique<DbSharedDatabase>(); }

}  // namespace svc::builtin
