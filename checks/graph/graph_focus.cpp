// `--focus`: one service (or any node) with what it owns and its neighbours, so a
// review can look at one candidate without the rest of the monorepo around it.
#include <algorithm>
#include <set>

#include "common/paths.h"

#include "checks/graph/graph_drawing.h"

namespace svc::graph {
namespace {

std::string attribute(const Node& node, const std::string& key) {
  auto it = node.attributes.find(key);
  return it == node.attributes.end() ? "" : it->second;
}

// "./services/orders/" -> "services/orders"; "" and "./" -> "."
std::string clean_path(const std::string& path) {
  std::string out = engine::join_relative(".", path.empty() ? "." : path);
  return out.empty() ? path : out;
}

std::vector<std::string> service_paths(const Graph& graph) {
  std::vector<std::string> out;
  for (const auto& n : graph.nodes)
    if (n.kind == "service") out.push_back(attribute(n, "path"));
  std::sort(out.begin(), out.end());
  return out;
}

std::size_t common_prefix(const std::string& a, const std::string& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return n;
}

bool on_queue(const Edge& e) { return e.kind == "produces" || e.kind == "consumes"; }

}  // namespace

std::string focus_node(const Graph& graph, const std::string& focus) {
  for (const auto& n : graph.nodes)
    if (n.id == focus) return n.id;
  // The deepest service whose folder holds the path: a file, a module or the service itself.
  std::string path = clean_path(focus), best;
  std::size_t best_depth = 0;
  for (const auto& n : graph.nodes) {
    if (n.kind != "service") continue;
    std::string dir = attribute(n, "path");
    if (dir.empty() || (dir != path && !engine::inside_folder(path, dir))) continue;
    std::size_t depth = dir == "." ? 0 : dir.size() + 1;
    if (best.empty() || depth > best_depth) best = n.id, best_depth = depth;
  }
  return best;
}

std::string unknown_focus_message(const Graph& graph, const std::string& focus) {
  std::vector<std::string> paths = service_paths(graph);
  if (paths.empty()) return "no service at '" + focus + "': no services were found";
  constexpr std::size_t kListed = 8;
  std::string path = clean_path(focus), list;
  std::size_t more = 0;
  if (paths.size() > kListed) {  // the nearest by shared leading characters
    std::stable_sort(paths.begin(), paths.end(), [&](const std::string& a, const std::string& b) {
      return common_prefix(a, path) > common_prefix(b, path);
    });
    more = paths.size() - 5;
    paths.resize(5);
  }
  for (const auto& p : paths) list += (list.empty() ? "" : ", ") + p;
  std::string out = "no service at '" + focus + "'; " + (more ? "the nearest services: " : "the services: ") + list;
  if (more) out += " (and " + std::to_string(more) + " more)";
  return out;
}

Graph neighbourhood(const Graph& graph, const std::string& id) {
  std::map<std::string, const Node*> by_id;
  for (const auto& n : graph.nodes) by_id.emplace(n.id, &n);
  std::set<std::string> core = {id};
  for (const auto& n : graph.nodes)
    if (n.parent == id) core.insert(n.id);

  std::set<std::string> kept = core, queues;
  for (const auto& e : graph.edges) {
    if (core.count(e.from)) kept.insert(e.to);
    if (core.count(e.to)) kept.insert(e.from);
    if (core.count(e.from) && on_queue(e)) queues.insert(e.to);
  }
  // A queue is a call made later: who is at its other end is a neighbour as much as a callee.
  std::set<std::pair<std::string, std::string>> far_ends;
  for (const auto& e : graph.edges)
    if (on_queue(e) && queues.count(e.to) && !core.count(e.from)) {
      kept.insert(e.from);
      far_ends.emplace(e.from, e.to);
    }
  // A neighbour drawn inside its owner's box (a table it reads) brings the owner along.
  for (const auto& node_id : std::set<std::string>(kept)) {
    auto it = by_id.find(node_id);
    if (it != by_id.end() && !it->second->parent.empty() && by_id.count(it->second->parent))
      kept.insert(it->second->parent);
  }

  Graph out;
  for (const auto& n : graph.nodes)
    if (kept.count(n.id)) out.nodes.push_back(n);
  auto owned_by = [&](const std::string& child, const std::string& parent) {
    auto it = by_id.find(child);
    return it != by_id.end() && it->second->parent == parent;
  };
  for (const auto& e : graph.edges) {
    if (!kept.count(e.from) || !kept.count(e.to)) continue;
    if (core.count(e.from) || core.count(e.to) || owned_by(e.to, e.from) || far_ends.count({e.from, e.to}))
      out.edges.push_back(e);
  }
  return out;
}

}  // namespace svc::graph
