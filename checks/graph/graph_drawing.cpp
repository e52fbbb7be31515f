// drawn(): what the pictures show of a full graph (DrawOptions).
#include "checks/graph/graph_drawing.h"

namespace svc::graph {

Graph drawn(const Graph& full, const DrawOptions& options) {
  Graph graph;
  std::map<std::string, std::string> group_of;
  if (options.tables) {
    graph = normalized(full);
  } else {
    Collapsed collapsed = collapsed_tables(full);
    graph = std::move(collapsed.graph);
    group_of = std::move(collapsed.group_of);
  }
  if (options.focus.empty()) return graph;

  // Resolved on the full graph, so a table's id names its tables node once collapsed.
  std::string id = focus_node(full, options.focus);
  if (id.empty()) throw UnknownFocus(unknown_focus_message(full, options.focus));
  if (auto it = group_of.find(id); it != group_of.end()) id = it->second;
  return normalized(neighbourhood(graph, id));
}

}  // namespace svc::graph
