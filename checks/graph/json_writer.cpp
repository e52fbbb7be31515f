// JSON for other tools: {"nodes": [...], "edges": [...]}, keys in a fixed order.
#include <nlohmann/json.hpp>

#include "checks/graph/graph.h"

namespace svc::graph {

void write_json(const Graph& graph, std::ostream& out) {
  using nlohmann::ordered_json;
  Graph sorted = normalized(graph);
  ordered_json doc = {{"nodes", ordered_json::array()}, {"edges", ordered_json::array()}};
  for (const auto& n : sorted.nodes) {
    ordered_json attributes = ordered_json::object();
    for (const auto& [key, value] : n.attributes) attributes[key] = value;  // std::map: sorted keys
    doc["nodes"].push_back({{"id", n.id},
                            {"kind", n.kind},
                            {"label", n.label},
                            {"parent", n.parent.empty() ? ordered_json(nullptr) : ordered_json(n.parent)},
                            {"attributes", std::move(attributes)}});
  }
  for (const auto& e : sorted.edges)
    doc["edges"].push_back(
        {{"from", e.from}, {"to", e.to}, {"kind", e.kind}, {"label", e.label}, {"violation", e.violation}});
  // Names come from user files: replace invalid UTF-8 rather than fail the run.
  out << doc.dump(2, ' ', false, ordered_json::error_handler_t::replace) << '\n';
}

}  // namespace svc::graph
