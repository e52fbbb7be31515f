#include <catch2/catch.hpp>

#include <regex>
#include <sstream>

#include "unit/graph/sample_graph.h"

using namespace svc::graph;

namespace {

std::string mermaid(const Graph& g) {
  std::ostringstream out;
  write_mermaid(g, out);
  return out.str();
}

}  // namespace

TEST_CASE("mermaid: a tiny graph, exactly", "[graph]") {
  CHECK(mermaid(testing::two_services()) ==
        "flowchart LR\n"
        "  database_compose_postgres_5432_orders[(\"postgres:5432/orders<br/>postgres\")]:::database\n"
        "  service_services_billing[\"billing<br/>python, fastapi\"]:::service\n"
        "  subgraph group_service_services_orders[\"orders\"]\n"
        "    service_services_orders[\"orders<br/>typescript, hono\"]:::service\n"
        "    table_orders[\"orders\"]:::table\n"
        "  end\n"
        "  service_services_billing ==>|connects| database_compose_postgres_5432_orders\n"
        "  service_services_billing ==>|reads| table_orders\n"
        "  service_services_orders -->|connects| database_compose_postgres_5432_orders\n"
        "  service_services_orders -->|owns| table_orders\n"
        "  linkStyle 0,1 stroke:#d00,stroke-width:2px,color:#d00\n"
        "  classDef database fill:#fef7e0,stroke:#b06000,color:#111\n"
        "  classDef service fill:#e8f0fe,stroke:#1a73e8,color:#111\n"
        "  classDef table fill:#ffffff,stroke:#9aa0a6,color:#111\n");
}

TEST_CASE("mermaid: output does not depend on the order of nodes and edges", "[graph]") {
  CHECK(mermaid(testing::two_services_shuffled()) == mermaid(testing::two_services()));
}

TEST_CASE("mermaid: linkStyle counts every edge written before a violation", "[graph]") {
  Graph g = testing::two_services();
  for (auto& e : g.edges) e.violation = e.kind == "owns";  // the last of four edges
  std::string text = mermaid(g);
  CHECK(text.find("  linkStyle 3 stroke:#d00") != std::string::npos);
  CHECK(text.find("==>|owns|") != std::string::npos);

  for (auto& e : g.edges) e.violation = false;
  CHECK(mermaid(g).find("linkStyle") == std::string::npos);
}

TEST_CASE("mermaid: ids keep only [A-Za-z0-9_], stay distinct, avoid keywords", "[graph]") {
  std::string text = mermaid(testing::odd_names());
  CHECK(text.find("  end_{{\"end<br/>rq\"}}:::queue\n") != std::string::npos);
  CHECK(text.find("  service_a_b[") != std::string::npos);
  CHECK(text.find("  service_a_b_2[\"a-b\"]:::service\n") != std::string::npos);
  CHECK(text.find("  service_a_b -->|produces| end_\n") != std::string::npos);
  CHECK(text.find("  service_a_b_2 ==>|consumes| end_\n") != std::string::npos);
  // Every node declaration starts with a plain id.
  std::istringstream lines(text);
  std::regex declaration(R"(^ {2,4}([A-Za-z0-9_]+)(\[|\{\{|\(\[))");
  int declared = 0;
  for (std::string line; std::getline(lines, line);)
    if (line.find(":::") != std::string::npos) {
      CHECK(std::regex_search(line, declaration));
      ++declared;
    }
  CHECK(declared == 3);
}

TEST_CASE("mermaid: labels escape quotes, markup and line breaks", "[graph]") {
  std::string text = mermaid(testing::odd_names());
  CHECK(text.find("[\"say #quot;hi#quot; #lt;b#gt;#35;1#lt;/b#gt; #amp; #96;x#96; #124; y\\z next\"]") !=
        std::string::npos);
}

TEST_CASE("mermaid: an empty graph is still a flowchart", "[graph]") {
  CHECK(mermaid(Graph{}) == "flowchart LR\n");
}

TEST_CASE("mermaid: collapsed tables are a double-edged box, merged edges say how many", "[graph]") {
  std::string text = mermaid(drawn(testing::shared_schema(), {}));
  CHECK(text.find("    tables_service_packages_db[[\"5 tables\"]]:::tables\n") != std::string::npos);
  CHECK(text.find("    tables_service_services_orders[[\"1 table<br/>orders\"]]:::tables\n") != std::string::npos);
  CHECK(text.find("  service_services_api ==>|reads 3 tables| tables_service_packages_db\n") != std::string::npos);
  CHECK(text.find("  service_services_api ==>|writes payments| tables_service_packages_db\n") != std::string::npos);
  CHECK(text.find("  classDef tables fill:#f8f9fa,") != std::string::npos);
}

TEST_CASE("mermaid: change coupling is a dotted line with its label", "[graph]") {
  CHECK(mermaid(testing::co_changing()) ==
        "flowchart LR\n"
        "  service_services_a[\"a\"]:::service\n"
        "  service_services_b[\"b\"]:::service\n"
        "  service_services_a -.-|changed together in 72% of commits| service_services_b\n"
        "  linkStyle 0 stroke:#8e24aa,color:#8e24aa\n"
        "  classDef service fill:#e8f0fe,stroke:#1a73e8,color:#111\n");
  Graph monolith = testing::co_changing();
  monolith.edges[0].violation = true;
  std::string text = mermaid(monolith);
  CHECK(text.find(" -.-|changed together") != std::string::npos);
  CHECK(text.find("  linkStyle 0 stroke:#d00,stroke-width:2px,color:#d00\n") != std::string::npos);
}
