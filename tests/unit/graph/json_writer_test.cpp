#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "unit/graph/sample_graph.h"

using namespace svc::graph;
using nlohmann::json;

namespace {

std::string json_text(const Graph& g) {
  std::ostringstream out;
  write_json(g, out);
  return out.str();
}

}  // namespace

TEST_CASE("json: a tiny graph, exactly", "[graph]") {
  Graph g;
  g.nodes = {{"service:services/orders", "service", "orders", "", {{"language", "typescript"}}},
             {"table:orders", "table", "orders", "service:services/orders", {}}};
  g.edges = {{"service:services/orders", "table:orders", "owns", "schema.ts:3", false}};
  CHECK(json_text(g) ==
        R"({
  "nodes": [
    {
      "id": "service:services/orders",
      "kind": "service",
      "label": "orders",
      "parent": null,
      "attributes": {
        "language": "typescript"
      }
    },
    {
      "id": "table:orders",
      "kind": "table",
      "label": "orders",
      "parent": "service:services/orders",
      "attributes": {}
    }
  ],
  "edges": [
    {
      "from": "service:services/orders",
      "to": "table:orders",
      "kind": "owns",
      "label": "schema.ts:3",
      "violation": false
    }
  ]
}
)");
}

TEST_CASE("json: nodes by id, edges by (from, to, kind), whatever the input order", "[graph]") {
  CHECK(json_text(testing::two_services_shuffled()) == json_text(testing::two_services()));
  json doc = json::parse(json_text(testing::two_services_shuffled()));
  REQUIRE(doc["nodes"].size() == 4);
  CHECK(doc["nodes"][0]["id"] == "database:compose:./postgres:5432/orders");
  CHECK(doc["nodes"][3]["id"] == "table:orders");
  REQUIRE(doc["edges"].size() == 4);
  CHECK(doc["edges"][0]["violation"] == true);
  CHECK(doc["edges"][3]["kind"] == "owns");
}

TEST_CASE("json: odd names round-trip and invalid UTF-8 does not fail the run", "[graph]") {
  Graph g = testing::odd_names();
  g.nodes.push_back({"table:bad\xff", "table", "bad\xff", "", {}});
  json doc = json::parse(json_text(g));
  CHECK(doc["nodes"][1]["label"] == "say \"hi\" <b>#1</b> & `x` | y\\z\nnext");
  CHECK(doc["nodes"][3]["label"] == "bad\xEF\xBF\xBD");
}

TEST_CASE("json: an empty graph", "[graph]") {
  CHECK(json::parse(json_text(Graph{})) == json::parse(R"({"nodes": [], "edges": []})"));
}

TEST_CASE("json: change coupling is an edge like any other, its label the evidence", "[graph]") {
  json doc = json::parse(json_text(testing::co_changing()));
  REQUIRE(doc["edges"].size() == 1);
  CHECK(doc["edges"][0] == json{{"from", "service:services/a"}, {"to", "service:services/b"}, {"kind", "co-changes"},
                                {"label", "changed together in 72% of commits"}, {"violation", false}});
}
