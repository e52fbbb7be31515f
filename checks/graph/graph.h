#pragma once
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace svc::engine {
struct AuditResult;
}

namespace svc::graph {

// The architecture of an audited tree as nodes and edges, independent of any output
// format. Ids are stable across runs (derived from names and paths, never from
// discovery order), so diffs of `svc graph --format json` are meaningful.
struct Node {
  // "service:services/orders", "database:compose:./postgres:5432/orders" (the key of
  // service_links.h), "table:orders" (table_key()), "queue:bullmq/emails", "external:payments-gw"
  std::string id;
  std::string kind;    // service | database | table | queue | external (a called process svc did not discover)
  std::string label;   // what a person reads
  std::string parent;  // a table's owning service id; "" when none
  std::map<std::string, std::string> attributes;  // language, framework, path, readonly, ...
};

struct Edge {
  std::string from, to;  // node ids
  // owns | connects | reads | writes | references (a foreign key) | produces | consumes | calls;
  // an edge reads as a sentence: `from` owns / connects to / reads ... `to`.
  std::string kind;
  std::string label;     // e.g. the env var or file that shows the link
  // What db-cross-service-access, db-shared-database or db-migration-outside-owner
  // judges a violation (a read of another's table, a shared database ...): drawn highlighted.
  bool violation = false;
};

struct Graph {
  std::vector<Node> nodes;  // sorted by id
  std::vector<Edge> edges;  // sorted by (from, to, kind)
};

// Built from an audit run with AuditOptions::collect_facts = {"routes", "tables", "links", "next"}
// and no rules: violations are judged by the same engine functions the rules use
// (shared_databases, table ownership), so the graph and `svc audit` agree.
Graph build_graph(const engine::AuditResult& result);

// Sorts nodes by id and edges by (from, to, kind), keeping one node per id and one
// edge per (from, to, kind): the first label, violation if any duplicate was one.
// Writers apply it to what they are given, so their output never depends on order.
Graph normalized(Graph graph);

// A node as a person reads it, line by line: the label, then what the kind adds
// (a service's language and framework, a database's engine, "read-only").
std::vector<std::string> display_lines(const Node& node);

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
