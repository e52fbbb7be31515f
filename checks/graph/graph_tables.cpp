// Tables under their owners (table_ownership.h) and what other services do to them
// (table_references.h), highlighted where db-cross-service-access and
// db-migration-outside-owner report.
#include <algorithm>

#include "checks/facts/routes/route_resolver.h"
#include "checks/facts/tables/table_ownership.h"
#include "checks/facts/tables/table_references.h"
#include "checks/graph/graph_builder.h"

namespace svc::graph {
namespace {

using namespace engine;

std::string table_id(const OwnedTable& t) { return "table:" + t.key; }

std::string site(const std::string& path, const SourceSpan& span) {
  return path + ":" + std::to_string(span.begin.line);
}

const char* edge_kind(TableAccess access) {
  switch (access) {
    case TableAccess::write: return "writes";
    case TableAccess::foreign_key: return "references";
    default: return "reads";
  }
}

// What one rule judges: whether it is on, and the tables it is told to ignore.
struct RuleScope {
  bool on = false;
  std::set<std::string> ignored;  // table keys

  RuleScope(const Config& config, const std::string& rule) : on(rule_enabled(config, rule)) {
    for (const auto& t : rule_option_strings(config, rule, "ignore_tables")) ignored.insert(table_key(t));
  }
  bool judges(const OwnedTable& t) const { return on && !ignored.count(t.key); }
};

class TableParts {
 public:
  TableParts(const AuditResult& result, const ServiceMap& services, const DerivedFacts& derived)
      : result_(result), services_(services),
        ownership_(derived.ownership()), references_(derived.table_references()),
        cross_(result.config, "db-cross-service-access"), ddl_(result.config, "db-migration-outside-owner") {}

  void add_to(Graph& graph) {
    for (const auto& t : ownership_.tables()) add_table(t, graph);
    add_ddl(graph);
    for (const auto& r : references_) add_reference(r, graph);
  }

 private:
  std::string service_id(int s) const { return service_node_id(services_, s); }

  // A table two services claim stands alone, claimed by both: a violation.
  void add_table(const OwnedTable& t, Graph& graph) {
    Node node{table_id(t), "table", t.name, t.conflict() ? "" : service_id(t.owner), {}};
    if (t.conflict()) node.attributes["conflict"] = "true";
    else node.attributes["origin"] = t.level == ClaimLevel::declared ? "owns" : std::string(to_string(t.owner_claim()->origin));
    graph.nodes.push_back(std::move(node));
    for (const auto& c : t.claims) {
      bool contender = std::find(t.contenders.begin(), t.contenders.end(), c.service) != t.contenders.end();
      if (c.service == t.owner || contender) {
        if (c.level == t.level) graph.edges.push_back({service_id(c.service), table_id(t), "owns", c.where(), contender && cross_.judges(t)});
      } else if (c.level == ClaimLevel::model) {  // a model of another service's table
        int owner = ownership_.owner_for(t, c.service);
        bool foreign = owner >= 0 && owner != c.service;
        graph.edges.push_back({service_id(c.service), table_id(t), "reads", c.where(), foreign && judged(t, c.service)});
      }
    }
  }

  // DDL run by a service on a table another service owns.
  void add_ddl(Graph& graph) {
    for (const auto& f : result_.facts) {
      if (f.service < 0 || is_test_path(f.path)) continue;
      for (const auto& d : f.tables.definitions) {
        if (is_model_origin(d.origin)) continue;
        const OwnedTable* t = ownership_.find(d.table);
        // As the rule judges it: the owner of the copy this service reaches (a service
        // with its own copy in its own database changes its own table).
        if (!t || t->conflict()) continue;
        int owner = ownership_.owner_for(*t, f.service);
        if (owner < 0 || owner == f.service) continue;
        graph.edges.push_back({service_id(f.service), table_id(*t), "writes", site(f.path, d.span), ddl_.judges(*t)});
      }
    }
  }

  void add_reference(const ResolvedTableRef& r, Graph& graph) {
    if (!r.table || r.file->service < 0) return;
    const OwnedTable& t = *r.table;
    int self = r.file->service;
    if (t.owner == self || std::find(t.contenders.begin(), t.contenders.end(), self) != t.contenders.end()) return;
    // As the rule sees it: a service known to use another database than every
    // claimant's cannot reach the table, so there is no edge.
    int owner = ownership_.owner_for(t, self);
    if (!t.conflict() && (owner < 0 || owner == self)) return;
    bool violation = !t.conflict() && judged(t, self);
    graph.edges.push_back({service_id(self), table_id(t), edge_kind(r.ref->access), site(r.file->path, r.ref->span), violation});
  }

  // Reading from a declared read-only copy is the exception, judged as the rule does.
  bool judged(const OwnedTable& t, int service) const {
    return cross_.judges(t) && !ownership_.reads_through_readonly(service, ownership_.owner_for(t, service));
  }

  const AuditResult& result_;
  const ServiceMap& services_;
  const TableOwnership& ownership_;
  const std::vector<ResolvedTableRef>& references_;  // resolved once, shared with the rules and the review
  RuleScope cross_, ddl_;
};

}  // namespace

void add_tables(const AuditResult& result, const ServiceMap& services, const DerivedFacts& derived, Graph& graph) {
  TableParts(result, services, derived).add_to(graph);
}

}  // namespace svc::graph
