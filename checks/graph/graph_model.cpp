// What every writer shares: one canonical order and the text a person reads.
#include <algorithm>
#include <set>
#include <tuple>

#include "checks/graph/graph.h"

namespace svc::graph {
namespace {

std::string attribute(const Node& node, const std::string& key) {
  auto it = node.attributes.find(key);
  return it == node.attributes.end() ? "" : it->second;
}

std::string join_present(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += ", ";
    out += p;
  }
  return out;
}

}  // namespace

Graph normalized(Graph graph) {
  std::stable_sort(graph.nodes.begin(), graph.nodes.end(),
                   [](const Node& a, const Node& b) { return a.id < b.id; });
  graph.nodes.erase(std::unique(graph.nodes.begin(), graph.nodes.end(),
                                [](const Node& a, const Node& b) { return a.id == b.id; }),
                    graph.nodes.end());

  auto key = [](const Edge& e) { return std::tie(e.from, e.to, e.kind); };
  std::stable_sort(graph.edges.begin(), graph.edges.end(),
                   [&](const Edge& a, const Edge& b) { return key(a) < key(b); });
  std::vector<Edge> edges;
  for (auto& e : graph.edges) {
    if (!edges.empty() && key(edges.back()) == key(e)) {
      edges.back().violation = edges.back().violation || e.violation;
      if (edges.back().label.empty()) edges.back().label = std::move(e.label);
      continue;
    }
    edges.push_back(std::move(e));
  }
  graph.edges = std::move(edges);
  return graph;
}

std::vector<std::string> display_lines(const Node& node) {
  std::vector<std::string> lines = {node.label};
  std::string detail;
  if (node.kind == "service") {
    std::string language = attribute(node, "language");
    if (language == "unknown") language.clear();
    detail = join_present({language, attribute(node, "framework")});
  } else if (node.kind == "database") {
    detail = join_present({attribute(node, "engine"), attribute(node, "readonly") == "true" ? "read-only" : ""});
  } else if (node.kind == "queue") {
    detail = attribute(node, "system");
  } else if (node.kind == "tables") {
    // A few collapsed tables are worth naming; a schema package's sixty are not.
    static const std::set<std::string> few = {"1", "2", "3"};
    if (few.count(attribute(node, "count"))) detail = attribute(node, "tables");
  }
  if (!detail.empty()) lines.push_back(detail);
  return lines;
}

std::string edge_caption(const Edge& edge) {
  if ((edge.merged > 0 || edge.kind == "co-changes") && !edge.label.empty()) return edge.label;
  return edge.kind;
}

std::map<std::string, std::vector<std::string>> children_by_parent(const Graph& graph) {
  std::map<std::string, const Node*> by_id;
  for (const auto& n : graph.nodes) by_id.emplace(n.id, &n);
  // Groups are one level deep: a parent must itself be drawn at the top level.
  auto top_level = [&](const std::string& id) {
    auto it = by_id.find(id);
    if (it == by_id.end()) return false;
    const std::string& parent = it->second->parent;
    return parent.empty() || parent == id || !by_id.count(parent);
  };
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& n : graph.nodes)
    if (!n.parent.empty() && n.parent != n.id && top_level(n.parent)) out[n.parent].push_back(n.id);
  return out;
}

}  // namespace svc::graph
