#pragma once
// The steps drawn() is made of; internal to checks/graph.
#include <map>
#include <string>

#include "checks/graph/graph.h"

namespace svc::graph {

struct Collapsed {
  Graph graph;
  std::map<std::string, std::string> group_of;  // table id -> the tables node it became
};

// graph_collapse.cpp: each owner's tables as one "tables:<owner id>" node, edges to
// them merged per (from, to, kind).
Collapsed collapsed_tables(const Graph& full);

// graph_focus.cpp: node `id`, its children and its neighbours one edge away, with the
// owners of those neighbours; only the edges that touch `id` or its children, and
// each kept owner's edges to its kept children.
Graph neighbourhood(const Graph& graph, const std::string& id);

}  // namespace svc::graph
