// The graph of an audited tree: its services, then what the facts of the run link them to.
#include "checks/graph/graph_builder.h"

#include <algorithm>

#include "common/paths.h"

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

// A Next.js app's server surface, counted: the JSON graph's attributes, for reviews. Its
// tRPC routers and actions may live in workspace packages it depends on.
void add_next_surface(const engine::AuditResult& result, const engine::ServiceMap& services,
                      const engine::DerivedFacts& derived, int index, Node& node) {
  const engine::Service& s = services.services()[static_cast<std::size_t>(index)];
  std::vector<std::string> package_dirs;
  for (const auto& name : s.workspace_packages)
    if (const auto* p = services.packages().named(name); p && !p->deployed) package_dirs.push_back(p->dir);
  auto in_package = [&](const engine::FileFacts& f) {
    return f.service < 0 && std::any_of(package_dirs.begin(), package_dirs.end(),
                                        [&](const std::string& d) { return engine::inside_folder(f.path, d); });
  };
  std::size_t actions = 0, procedures = 0, handlers = derived.routes(static_cast<std::size_t>(index)).routes().size();
  for (const auto& f : result.facts) {
    if (f.service != index && !in_package(f)) continue;
    actions += f.next.actions.size();
    procedures += f.next.procedures.size();
  }
  node.attributes["route_handlers"] = std::to_string(handlers);
  node.attributes["server_actions"] = std::to_string(actions);
  node.attributes["trpc_procedures"] = std::to_string(procedures);
}

void add_services(const engine::AuditResult& result, const engine::ServiceMap& services,
                  const engine::DerivedFacts& derived, Graph& graph) {
  for (std::size_t i = 0; i < services.services().size(); ++i) {
    const auto& s = services.services()[i];
    Node node{"service:" + s.path, "service", s.name, "", {{"path", s.path}}};
    if (!s.language.empty()) node.attributes["language"] = s.language;
    if (auto f = s.primary_framework(); !f.empty()) node.attributes["framework"] = f;
    node.attributes["kind"] = s.kind();
    if (s.is_nextjs()) add_next_surface(result, services, derived, static_cast<int>(i), node);
    graph.nodes.push_back(std::move(node));
  }
}

}  // namespace

Graph build_graph(const engine::AuditResult& result) {
  engine::ServiceMap services(result.services, result.packages);
  engine::DerivedFacts derived(services, result.facts, result.config);
  return build_graph(result, services, derived);
}

Graph build_graph(const engine::AuditResult& result, const engine::ServiceMap& services,
                  const engine::DerivedFacts& derived) {
  Graph graph;
  add_services(result, services, derived, graph);
  add_links(result, services, derived, graph);
  add_tables(result, services, derived, graph);
  return normalized(std::move(graph));
}

}  // namespace svc::graph
