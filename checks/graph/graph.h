#pragma once
#include <cstddef>
#include <map>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace svc::engine {
struct AuditResult;
class ServiceMap;
class DerivedFacts;
}

namespace svc::graph {

// The architecture of an audited tree as nodes and edges, independent of any output
// format. Ids are stable across runs (derived from names and paths, never from
// discovery order), so diffs of `svc graph --format json` are meaningful.
struct Node {
  // "service:services/orders", "database:compose:./postgres:5432/orders" (the key of
  // service_links.h), "table:orders" (table_key()), "queue:bullmq/emails", "external:payments-gw",
  // "tables:service:services/orders" (drawn(): the owner's tables as one node)
  std::string id;
  // service | database | table | queue | external (a called process svc did not discover)
  // | tables (drawn() only: several tables as one node, "24 tables")
  std::string kind;
  std::string label;   // what a person reads
  std::string parent;  // a table's (or tables node's) owning service id; "" when none
  std::map<std::string, std::string> attributes;  // language, framework, path, readonly, ...
};

struct Edge {
  std::string from, to;  // node ids
  // owns | connects | reads | writes | references (a foreign key) | produces | consumes | calls;
  // an edge reads as a sentence: `from` owns / connects to / reads ... `to`.
  // co-changes: `from` and `to` change in the same commits (change coupling from git
  // history); undirected, drawn dashed. build_graph() never makes one: `svc review` adds them.
  std::string kind;
  // The evidence: the env var or file that shows the link. For co-changes and merged
  // edges it is what the drawing writes on the edge ("changed together in 72% of
  // commits", "reads 7 tables"): see edge_caption().
  std::string label;
  // What db-cross-service-access, db-shared-database or db-migration-outside-owner
  // judges a violation (a read of another's table, a shared database ...): drawn highlighted.
  bool violation = false;
  // How many edges to single tables drawn() merged into this one; 0 when not merged.
  std::size_t merged = 0;
};

struct Graph {
  std::vector<Node> nodes;  // sorted by id
  std::vector<Edge> edges;  // sorted by (from, to, kind)
};

// Built from an audit run with AuditOptions::collect_facts = {"routes", "tables", "links", "next"}
// and no rules: violations are judged by the same engine functions the rules use
// (shared_databases, table ownership), so the graph and `svc audit` agree.
Graph build_graph(const engine::AuditResult& result);
// The same, from the services and derived facts a caller already built over `result`
// (`svc review`), so table ownership and references are not resolved twice.
Graph build_graph(const engine::AuditResult& result, const engine::ServiceMap& services,
                  const engine::DerivedFacts& derived);

// Sorts nodes by id and edges by (from, to, kind), keeping one node per id and one
// edge per (from, to, kind): the first label, violation if any duplicate was one.
// Writers apply it to what they are given, so their output never depends on order.
Graph normalized(Graph graph);

// What the pictures draw of a full graph. By default each owner's tables become one
// node, so that a shared schema package's hundred tables do not bury the services.
struct DrawOptions {
  bool tables = false;  // every table as its own node (`--tables`), as build_graph() made them
  // A node id, or a path inside a service's folder (the deepest such service): draw it,
  // what it owns and its neighbours one edge away, nothing else (`--focus`). "" draws all.
  std::string focus;
};

// Thrown by drawn() when DrawOptions::focus names no node and lies in no service; what()
// says so and lists the nearest services' paths.
class UnknownFocus : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The graph to draw (see DrawOptions): ids, kinds and labels as in `full`, plus
// "tables:<owner id>" nodes and merged edges when tables collapse. Normalized.
Graph drawn(const Graph& full, const DrawOptions& options);

// The node DrawOptions::focus means in `graph`, or "" when none.
std::string focus_node(const Graph& graph, const std::string& focus);
// "no service at 'x'; the services are: a, b" (the nearest few when there are many).
std::string unknown_focus_message(const Graph& graph, const std::string& focus);

// A node as a person reads it, line by line: the label, then what the kind adds
// (a service's language and framework, a database's engine, "read-only", the names
// of a few collapsed tables).
std::vector<std::string> display_lines(const Node& node);

// What a drawing writes on an edge: its kind ("reads"), or for a merged or co-changes
// edge its label ("reads 7 tables", "changed together in 72% of commits").
std::string edge_caption(const Edge& edge);

// A parent's id -> the ids of its children (tables under their owner), for the
// writers that group them. One level deep: a child whose parent is missing or is
// itself a child is drawn at the top level.
std::map<std::string, std::vector<std::string>> children_by_parent(const Graph& graph);

using GraphWriter = void (*)(const Graph& graph, std::ostream& out);
// The formats `svc graph --format` accepts, the default first.
const std::vector<std::string>& graph_formats();
// nullptr for an unknown format.
GraphWriter graph_writer_for(const std::string& format);

void write_mermaid(const Graph& graph, std::ostream& out);
void write_dot(const Graph& graph, std::ostream& out);
void write_json(const Graph& graph, std::ostream& out);

}  // namespace svc::graph
