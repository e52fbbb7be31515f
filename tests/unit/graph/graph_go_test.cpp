// Go services in `svc graph`: the tables their migrations and gorm models own, and
// the tables they read with raw SQL.
#include <catch2/catch.hpp>

#include <algorithm>

#include "e2e/temp_tree.h"
#include "unit/graph/audited_graph.h"

using namespace svc;
using svc::e2e::TempTree;
using svc::graph::testing::edge;
using svc::graph::testing::graph_of;
using svc::graph::testing::node;

namespace {

const char* const kServer =
    "package main\n\n"
    "import \"net/http\"\n\n"
    "func main() {\n"
    "\thttp.HandleFunc(\"/health\", func(w http.ResponseWriter, r *http.Request) {})\n"
    "\thttp.ListenAndServe(\":8080\", nil)\n"
    "}\n";

}  // namespace

TEST_CASE("build_graph: Go services with their migration and gorm tables, and a foreign read", "[graph][go]") {
  TempTree tree;
  tree.write_file("orders/go.mod", "module example.com/orders\n\ngo 1.22\n\nrequire github.com/jackc/pgx/v5 v5.7.1\n");
  tree.write_file("orders/main.go", kServer);
  tree.write_file("orders/migrations/000001_orders.up.sql", "CREATE TABLE orders (id UUID PRIMARY KEY);\n");
  tree.write_file("orders/migrations/000001_orders.down.sql", "DROP TABLE orders;\n");
  tree.write_file("catalog/go.mod", "module example.com/catalog\n\ngo 1.22\n\nrequire gorm.io/gorm v1.25.12\n");
  tree.write_file("catalog/main.go", kServer);
  tree.write_file("catalog/models.go",
                  "package main\n\n"
                  "import \"gorm.io/gorm\"\n\n"
                  "type CatalogItem struct {\n\tgorm.Model\n\tTitle string\n}\n\n"
                  "func unpaid(db *gorm.DB) {\n"
                  "\tdb.Raw(\"SELECT id FROM orders WHERE paid = false\")\n"
                  "}\n");
  graph::Graph g = graph_of(tree);

  const graph::Node* orders = node(g, "service:orders");
  REQUIRE(orders);
  CHECK(orders->attributes.at("language") == "go");
  REQUIRE(node(g, "table:orders"));
  CHECK(node(g, "table:orders")->parent == "service:orders");
  CHECK(edge(g, "service:orders", "table:orders", "owns"));

  REQUIRE(node(g, "service:catalog"));
  REQUIRE(node(g, "table:catalog_items"));
  CHECK(edge(g, "service:catalog", "table:catalog_items", "owns"));
  const graph::Edge* read = edge(g, "service:catalog", "table:orders", "reads");
  REQUIRE(read);
  CHECK(read->violation);
  CHECK(read->label == "catalog/models.go:11");
}
