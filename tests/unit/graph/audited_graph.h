// build_graph() on a small tree, through the same audit `svc graph` runs, and lookups
// the builder tests share.
#pragma once
#include <algorithm>
#include <string>

#include "checks/core/rule_catalog.h"
#include "checks/engine/runner.h"
#include "checks/graph/graph.h"
#include "e2e/temp_tree.h"

namespace svc::graph::testing {

inline Graph graph_of(const e2e::TempTree& tree, unsigned jobs = 1) {
  engine::AuditOptions options;
  options.root = tree.str();
  options.collect_facts = {"routes", "tables", "links"};
  options.disable = engine::RuleCatalog::builtin().ids();
  options.jobs = jobs;
  return build_graph(engine::run_audit(options));
}

inline const Node* node(const Graph& g, const std::string& id) {
  auto it = std::find_if(g.nodes.begin(), g.nodes.end(), [&](const Node& n) { return n.id == id; });
  return it == g.nodes.end() ? nullptr : &*it;
}

inline const Edge* edge(const Graph& g, const std::string& from, const std::string& to, const std::string& kind) {
  auto it = std::find_if(g.edges.begin(), g.edges.end(),
                         [&](const Edge& e) { return e.from == from && e.to == to && e.kind == kind; });
  return it == g.edges.end() ? nullptr : &*it;
}

}  // namespace svc::graph::testing
