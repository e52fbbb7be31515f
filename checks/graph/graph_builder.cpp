// The graph of an audited tree: its services, then what the facts of the run link them to.
#include "checks/graph/graph_builder.h"

#include "checks/core/rule_catalog.h"

namespace svc::graph {

std::string service_node_id(const engine::ServiceMap& services, int index) {
  return "service:" + services.services()[index].path;
}

bool rule_enabled(const engine::Config& config, const std::string& rule) {
  auto it = config.rules.find(rule);
  return it == config.rules.end() || it->second.severity != engine::Severity::off;
}

YAML::Node rule_option(const engine::Config& config, const std::string& rule, const std::string& key) {
  auto it = config.rules.find(rule);
  if (it != config.rules.end() && it->second.options && it->second.options[key]) return it->second.options[key];
  const engine::RuleInfo* info = engine::RuleCatalog::builtin().find(rule);
  return info && info->options ? info->options[key] : YAML::Node();
}

std::set<std::string> rule_option_strings(const engine::Config& config, const std::string& rule,
                                          const std::string& key) {
  std::set<std::string> out;
  YAML::Node list = rule_option(config, rule, key);
  if (list && list.IsSequence())
    for (const auto& item : list) out.insert(item.as<std::string>());
  return out;
}

namespace {

void add_services(const engine::ServiceMap& services, Graph& graph) {
  for (const auto& s : services.services()) {
    Node node{"service:" + s.path, "service", s.name, "", {{"path", s.path}}};
    if (!s.language.empty()) node.attributes["language"] = s.language;
    if (auto f = s.primary_framework(); !f.empty()) node.attributes["framework"] = f;
    node.attributes["kind"] = s.kind();
    graph.nodes.push_back(std::move(node));
  }
}

}  // namespace

Graph build_graph(const engine::AuditResult& result) {
  engine::ServiceMap services(result.services, result.packages);
  Graph graph;
  add_services(services, graph);
  engine::DerivedFacts derived(services, result.facts, result.config);
  add_links(result, services, derived, graph);
  add_tables(result, services, derived, graph);
  return normalized(std::move(graph));
}

}  // namespace svc::graph
