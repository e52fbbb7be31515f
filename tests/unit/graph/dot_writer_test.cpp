#include <catch2/catch.hpp>

#include <sstream>

#include "unit/graph/sample_graph.h"

using namespace svc::graph;

namespace {

std::string dot(const Graph& g) {
  std::ostringstream out;
  write_dot(g, out);
  return out.str();
}

}  // namespace

TEST_CASE("dot: a tiny graph, exactly", "[graph]") {
  CHECK(dot(testing::two_services()) ==
        "digraph svc {\n"
        "  rankdir=LR;\n"
        "  graph [fontname=\"Helvetica\", fontsize=12];\n"
        "  node [fontname=\"Helvetica\", fontsize=11];\n"
        "  edge [fontname=\"Helvetica\", fontsize=9];\n"
        "  \"database:compose:./postgres:5432/orders\" [label=\"postgres:5432/orders\\npostgres\", "
        "shape=\"cylinder\", style=\"filled\", fillcolor=\"#fef7e0\"];\n"
        "  \"service:services/billing\" [label=\"billing\\npython, fastapi\", shape=\"box\", "
        "style=\"rounded,filled\", fillcolor=\"#e8f0fe\"];\n"
        "  subgraph \"cluster_service:services/orders\" {\n"
        "    label=\"orders\";\n"
        "    style=\"rounded,dashed\";\n"
        "    color=\"#9aa0a6\";\n"
        "    \"service:services/orders\" [label=\"orders\\ntypescript, hono\", shape=\"box\", "
        "style=\"rounded,filled\", fillcolor=\"#e8f0fe\"];\n"
        "    \"table:orders\" [label=\"orders\", shape=\"note\", style=\"filled\", fillcolor=\"#ffffff\"];\n"
        "  }\n"
        "  \"service:services/billing\" -> \"database:compose:./postgres:5432/orders\" [label=\"connects\", "
        "tooltip=\"DATABASE_URL\", color=\"#dd0000\", fontcolor=\"#dd0000\", penwidth=2, style=\"bold\"];\n"
        "  \"service:services/billing\" -> \"table:orders\" [label=\"reads\", "
        "tooltip=\"services/billing/app/main.py:8\", color=\"#dd0000\", fontcolor=\"#dd0000\", penwidth=2, "
        "style=\"bold\"];\n"
        "  \"service:services/orders\" -> \"database:compose:./postgres:5432/orders\" [label=\"connects\", "
        "tooltip=\"DATABASE_URL\"];\n"
        "  \"service:services/orders\" -> \"table:orders\" [label=\"owns\", "
        "tooltip=\"services/orders/src/db/schema.ts:3\"];\n"
        "}\n");
}

TEST_CASE("dot: output does not depend on the order of nodes and edges", "[graph]") {
  CHECK(dot(testing::two_services_shuffled()) == dot(testing::two_services()));
}

TEST_CASE("dot: one shape per kind", "[graph]") {
  Graph g;
  g.nodes = {{"a", "queue", "a", "", {}}, {"b", "external", "b", "", {}}, {"c", "mystery", "c", "", {}}};
  std::string text = dot(g);
  CHECK(text.find("\"a\" [label=\"a\", shape=\"hexagon\"") != std::string::npos);
  CHECK(text.find("\"b\" [label=\"b\", shape=\"box\", style=\"dashed\"") != std::string::npos);
  CHECK(text.find("\"c\" [label=\"c\", shape=\"box\", style=\"solid\"") != std::string::npos);
}

TEST_CASE("dot: ids and labels are quoted and escaped", "[graph]") {
  std::string text = dot(testing::odd_names());
  // Backslash and quote escaped, the newline dropped to a space, '&' kept literal.
  CHECK(text.find("\"service:a b\" [label=\"say \\\"hi\\\" <b>#1</b> &amp; `x` | y\\\\z next\"") !=
        std::string::npos);
  CHECK(text.find("\"service:a b\" -> \"end\" [label=\"produces\", tooltip=\"say \\\"hi\\\"\"];") !=
        std::string::npos);
  CHECK(text.find("\"service:a-b\" -> \"end\" [label=\"consumes\", color=\"#dd0000\"") != std::string::npos);
  // Quotes balance on every line: nothing can end a string early.
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    int quotes = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\') ++i;
      else if (line[i] == '"') ++quotes;
    }
    CHECK(quotes % 2 == 0);
  }
}

TEST_CASE("dot: collapsed tables are a folder that names them on hover, merged edges say how many", "[graph]") {
  std::string text = dot(drawn(testing::shared_schema(), {}));
  CHECK(text.find("    \"tables:service:packages/db\" [label=\"5 tables\", shape=\"folder\", style=\"filled\", "
                  "fillcolor=\"#f8f9fa\", tooltip=\"accounts, invoices, payments, plans, users\"];\n") !=
        std::string::npos);
  CHECK(text.find("  \"service:services/api\" -> \"tables:service:packages/db\" [label=\"reads 3 tables\", "
                  "color=\"#dd0000\"") != std::string::npos);
}

TEST_CASE("dot: change coupling is a dashed line without arrowhead that moves no node", "[graph]") {
  std::string text = dot(testing::co_changing());
  CHECK(text.find("  \"service:services/a\" -> \"service:services/b\" [label=\"changed together in 72% of commits\", "
                  "dir=none, constraint=false, color=\"#8e24aa\", fontcolor=\"#8e24aa\", style=\"dashed\"];\n") !=
        std::string::npos);
  Graph monolith = testing::co_changing();
  monolith.edges[0].violation = true;  // a distributed monolith, as the review flags it
  CHECK(dot(monolith).find("dir=none, constraint=false, color=\"#dd0000\", fontcolor=\"#dd0000\", penwidth=2, "
                           "style=\"dashed\"];") != std::string::npos);
}
