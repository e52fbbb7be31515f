#include <catch2/catch.hpp>

#include "unit/graph/sample_graph.h"

using namespace svc::graph;

TEST_CASE("normalized: one node per id, one edge per (from, to, kind)", "[graph]") {
  Graph g;
  g.nodes = {{"b", "service", "b", "", {}}, {"a", "service", "a", "", {}}, {"b", "service", "again", "", {}}};
  g.edges = {{"a", "b", "calls", "", false}, {"a", "b", "calls", "ORDERS_URL", true}, {"a", "b", "calls", "X", false}};
  Graph n = normalized(g);
  REQUIRE(n.nodes.size() == 2);
  CHECK(n.nodes[0].id == "a");
  CHECK(n.nodes[1].label == "b");  // the first of a kind wins
  REQUIRE(n.edges.size() == 1);
  CHECK(n.edges[0].label == "ORDERS_URL");  // the first label there is
  CHECK(n.edges[0].violation);              // one violation marks the edge
}

TEST_CASE("display_lines: what each kind adds to its label", "[graph]") {
  CHECK(display_lines({"s", "service", "orders", "", {{"language", "typescript"}, {"framework", "hono"}}}) ==
        std::vector<std::string>{"orders", "typescript, hono"});
  CHECK(display_lines({"s", "service", "legacy", "", {{"language", "unknown"}}}) ==
        std::vector<std::string>{"legacy"});
  CHECK(display_lines({"d", "database", "warehouse:5432/analytics", "", {{"engine", "postgres"}, {"readonly", "true"}}}) ==
        std::vector<std::string>{"warehouse:5432/analytics", "postgres, read-only"});
  CHECK(display_lines({"q", "queue", "emails", "", {{"system", "bullmq"}}}) ==
        std::vector<std::string>{"emails", "bullmq"});
  CHECK(display_lines({"t", "table", "orders", "s", {{"origin", "Drizzle table"}}}) ==
        std::vector<std::string>{"orders"});
}

TEST_CASE("children_by_parent: one level, parents that exist", "[graph]") {
  Graph g;
  g.nodes = {{"service:a", "service", "a", "", {}},
             {"table:t1", "table", "t1", "service:a", {}},
             {"table:t2", "table", "t2", "service:gone", {}},
             {"table:t3", "table", "t3", "table:t1", {}},
             {"table:t4", "table", "t4", "table:t4", {}}};
  auto children = children_by_parent(g);
  REQUIRE(children.size() == 1);
  CHECK(children["service:a"] == std::vector<std::string>{"table:t1"});
}

TEST_CASE("graph formats: mermaid first, each with a writer", "[graph]") {
  REQUIRE(graph_formats() == std::vector<std::string>{"mermaid", "dot", "json"});
  for (const auto& f : graph_formats()) CHECK(graph_writer_for(f) != nullptr);
  CHECK(graph_writer_for("svg") == nullptr);
}
