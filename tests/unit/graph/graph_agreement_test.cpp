// The graph's red table edges and the audit's findings come from the same engine
// functions; on every fixture of the table rules they name the same files.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "checks/engine/runner.h"
#include "checks/graph/graph.h"

using namespace svc;

namespace {

using Sites = std::set<std::pair<std::string, std::string>>;  // (service path, file)

std::string fixture(const std::string& rule) { return std::string(SVC_SOURCE_DIR) + "/tests/fixtures/rules/" + rule; }

void check_agreement(const std::string& rule) {
  const std::set<std::string> rules = {"db-cross-service-access", "db-migration-outside-owner"};
  const std::set<std::string> edge_kinds = {"reads", "writes", "references"};
  engine::AuditOptions options;
  options.root = fixture(rule);
  options.collect_facts = {"routes", "tables", "links"};
  engine::AuditResult result = engine::run_audit(options);
  graph::Graph g = graph::build_graph(result);

  Sites findings, edges;
  for (const auto& f : result.findings)
    if (rules.count(f.rule) && f.message.find("is claimed by both") == std::string::npos)
      findings.insert({f.service, f.path});
  for (const auto& e : g.edges) {
    if (!e.violation || !edge_kinds.count(e.kind) || e.from.rfind("service:", 0) != 0) continue;
    edges.insert({e.from.substr(8), e.label.substr(0, e.label.rfind(':'))});
  }
  // Both sides empty would agree without proving anything: each fixture has findings.
  REQUIRE_FALSE(findings.empty());
  CHECK(findings == edges);
}

}  // namespace

TEST_CASE("graph: red table edges and table findings name the same files", "[graph]") {
  SECTION("db-cross-service-access") { check_agreement("db-cross-service-access"); }
  SECTION("db-migration-outside-owner") { check_agreement("db-migration-outside-owner"); }
}
