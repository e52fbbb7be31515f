// Databases, queues and calls, from the links joined across files (service_links.h).
// Example, template, test and CI files document a shape, not a deployment: left out.
#include <map>
#include <set>
#include <tuple>

#include "checks/facts/links/service_links.h"
#include "checks/graph/graph_builder.h"

namespace svc::graph {
namespace {

using namespace engine;

// Deployment files say best where a service connects; code and .env defaults
// (`localhost:5432/orders`) describe the same database in another environment.
int source_rank(LinkSource s) {
  switch (s) {
    case LinkSource::compose:
    case LinkSource::kubernetes: return 0;
    case LinkSource::env_file: return 1;
    case LinkSource::code: return 2;
    case LinkSource::config: return 3;
  }
  return 4;
}

// The connections db-shared-database reports: each service's connection to a
// database another service owns. Judged by the engine's shared_databases(), the
// rule's own logic, with the rule's `kinds` option and its on/off state from .svc.yaml.
std::set<const DatabaseUse*> shared_database_uses(const ServiceLinks& links, const ServiceMap& services,
                                                  const engine::Config& config) {
  std::set<const DatabaseUse*> out;
  if (!rule_enabled(config, "db-shared-database")) return out;
  auto kinds = rule_option_strings(config, "db-shared-database", "kinds");
  for (const auto& shared : shared_databases(links, services, kinds))
    out.insert(shared.others.begin(), shared.others.end());
  return out;
}

class DatabaseLinks {
 public:
  DatabaseLinks(const ServiceLinks& links, const ServiceMap& services, const engine::Config& config)
      : links_(links), services_(services), flagged_(shared_database_uses(links, services, config)) {
    for (const auto& u : links_.databases)
      if (u.service >= 0 && !u.tentative) drawn_.push_back(&u);
  }

  void add_to(Graph& graph) {
    std::map<std::string, std::set<int>> users;
    std::map<std::tuple<int, std::string, std::string>, int> best;  // (service, kind, database) -> rank
    for (const DatabaseUse* u : drawn_) {
      users[database_id(*u)].insert(u->service);
      auto [it, fresh] = best.emplace(identity(*u), source_rank(u->source));
      if (!fresh) it->second = std::min(it->second, source_rank(u->source));
    }
    for (const DatabaseUse* u : drawn_) {
      std::string id = database_id(*u);
      bool violation = flagged(*u);
      if (source_rank(u->source) > best.at(identity(*u)) && users[id].size() < 2 && !violation) continue;
      auto [it, fresh] = nodes_.emplace(id, database_node(id, *u));
      if (!fresh && !it->second.attributes.count("engine") && !u->endpoint.kind.empty())
        it->second = database_node(id, *u);  // a configured endpoint says more than a declaration
      readonly_[id] = readonly_[id] || u->readonly;
      graph.edges.push_back({service_node_id(services_, u->service), id, "connects", u->via, violation});
    }
    for (auto& [id, node] : nodes_) {
      node.attributes["readonly"] = readonly_[id] ? "true" : "false";
      graph.nodes.push_back(std::move(node));
    }
  }

 private:
  static std::tuple<int, std::string, std::string> identity(const DatabaseUse& u) {
    return {u.service, u.endpoint.kind, u.endpoint.database};
  }

  bool flagged(const DatabaseUse& u) const { return flagged_.count(&u) > 0; }

  // A database declared in .svc.yaml joins the best-placed configured one of the same name.
  std::string database_id(const DatabaseUse& use) const {
    const DatabaseUse* match = nullptr;
    if (use.source == LinkSource::config)
      for (const DatabaseUse* other : drawn_)
        if (other->source != LinkSource::config && other->endpoint.database == use.endpoint.database &&
            (!match || std::make_pair(source_rank(other->source), other->key) <
                           std::make_pair(source_rank(match->source), match->key)))
          match = other;
    return "database:" + (match ? match->key : use.key);
  }

  static Node database_node(const std::string& id, const DatabaseUse& use) {
    const DatabaseEndpoint& e = use.endpoint;
    Node node{id, "database", e.host.empty() ? e.database : e.display(), "", {}};
    for (const auto& [key, value] : {std::pair<const char*, const std::string&>{"engine", e.kind},
                                     {"host", e.host}, {"port", e.port}, {"database", e.database}})
      if (!value.empty()) node.attributes[key] = value;
    return node;
  }

  const ServiceLinks& links_;
  const ServiceMap& services_;
  std::set<const DatabaseUse*> flagged_;
  std::vector<const DatabaseUse*> drawn_;
  std::map<std::string, Node> nodes_;
  std::map<std::string, bool> readonly_;
};

void add_queues(const ServiceLinks& links, const ServiceMap& services, Graph& graph) {
  for (const auto& q : links.queues) {
    if (q.service < 0 || q.queue.empty()) continue;
    std::string id = "queue:" + q.system + "/" + q.queue;
    graph.nodes.push_back({id, "queue", q.queue, "", {{"system", q.system}}});
    graph.edges.push_back({service_node_id(services, q.service), id, q.produces ? "produces" : "consumes", q.task, false});
  }
}

// A call to a compose service svc did not discover draws that service as external.
void add_calls(const ServiceLinks& links, const ServiceMap& services, Graph& graph) {
  for (const auto& c : links.calls) {
    if (c.caller < 0 || c.tentative || c.caller == c.callee) continue;
    std::string to = c.callee >= 0 ? service_node_id(services, c.callee) : "external:" + c.callee_name;
    if (c.callee < 0) graph.nodes.push_back({to, "external", c.callee_name, "", {}});
    graph.edges.push_back({service_node_id(services, c.caller), to, "calls", c.detail, false});
  }
}

}  // namespace

void add_links(const AuditResult& result, const ServiceMap& services, const DerivedFacts& derived, Graph& graph) {
  const ServiceLinks& links = derived.links();
  DatabaseLinks(links, services, result.config).add_to(graph);
  add_queues(links, services, graph);
  add_calls(links, services, graph);
}

}  // namespace svc::graph
