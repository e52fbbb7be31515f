// build_graph() on small trees, through the same audit `svc graph` runs.
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

// orders owns a Drizzle table and its database; billing connects to that database
// too and reads the table with raw SQL.
void write_orders_and_billing(const TempTree& tree, const std::string& billing_db = "orders") {
  tree.write_file("docker-compose.yml",
                  "services:\n"
                  "  postgres:\n"
                  "    image: postgres:16-alpine\n"
                  "  orders:\n"
                  "    build: ./services/orders\n"
                  "    environment:\n"
                  "      DATABASE_URL: postgres://orders@postgres:5432/orders\n"
                  "  billing:\n"
                  "    build: ./services/billing\n"
                  "    environment:\n"
                  "      DATABASE_URL: postgresql://billing@postgres:5432/" + billing_db + "\n"
                  "      ORDERS_URL: http://orders:3000\n");
  tree.write_file("services/orders/package.json",
                  R"({"name": "orders", "dependencies": {"hono": "^4.0.0", "drizzle-orm": "^0.30.0"}})");
  tree.write_file("services/orders/src/db/schema.ts",
                  "import { pgTable, serial } from 'drizzle-orm/pg-core';\n"
                  "export const orders = pgTable('orders', { id: serial('id').primaryKey() });\n");
  tree.write_file("services/billing/requirements.txt", "fastapi\npsycopg\n");
  tree.write_file("services/billing/app/main.py",
                  "from fastapi import FastAPI\n"
                  "app = FastAPI()\n"
                  "@app.get('/v1/paid')\n"
                  "def paid(conn):\n"
                  "    return conn.execute(\"SELECT id FROM orders WHERE paid\").fetchall()\n");
}

}  // namespace

TEST_CASE("build_graph: services, their table, database and calls", "[graph]") {
  TempTree tree;
  write_orders_and_billing(tree);
  graph::Graph g = graph_of(tree);

  const graph::Node* orders = node(g, "service:services/orders");
  REQUIRE(orders);
  CHECK(orders->label == "orders");
  CHECK(orders->attributes.at("language") == "typescript");
  CHECK(orders->attributes.at("framework") == "hono");
  REQUIRE(node(g, "service:services/billing"));
  CHECK(node(g, "service:services/billing")->attributes.at("framework") == "fastapi");

  const graph::Node* table = node(g, "table:orders");
  REQUIRE(table);
  CHECK(table->parent == "service:services/orders");
  REQUIRE(edge(g, "service:services/orders", "table:orders", "owns"));
  CHECK_FALSE(edge(g, "service:services/orders", "table:orders", "owns")->violation);

  const graph::Node* db = node(g, "database:compose:./postgres:5432/orders");
  REQUIRE(db);
  CHECK(db->label == "postgres:5432/orders");
  CHECK(db->attributes.at("engine") == "postgres");

  const graph::Edge* call = edge(g, "service:services/billing", "service:services/orders", "calls");
  REQUIRE(call);
  CHECK(call->label == "ORDERS_URL");
  CHECK_FALSE(call->violation);
}

TEST_CASE("build_graph: a table rebuild's temporary table is no table of the service", "[graph]") {
  TempTree tree;
  write_orders_and_billing(tree);
  tree.write_file("services/orders/drizzle/0001_rebuild.sql",
                  "CREATE TABLE `__new_orders` (`id` integer PRIMARY KEY);--> statement-breakpoint\n"
                  "INSERT INTO `__new_orders`(\"id\") SELECT \"id\" FROM `orders`;--> statement-breakpoint\n"
                  "DROP TABLE `orders`;--> statement-breakpoint\n"
                  "ALTER TABLE `__new_orders` RENAME TO `orders`;\n");
  graph::Graph g = graph_of(tree);
  CHECK_FALSE(node(g, "table:__new_orders"));
  REQUIRE(node(g, "table:orders"));
  CHECK(edge(g, "service:services/orders", "table:orders", "owns"));
}

TEST_CASE("build_graph: a foreign read and a shared database are violations", "[graph]") {
  TempTree tree;
  write_orders_and_billing(tree);
  graph::Graph g = graph_of(tree);
  const std::string db = "database:compose:./postgres:5432/orders";

  const graph::Edge* read = edge(g, "service:services/billing", "table:orders", "reads");
  REQUIRE(read);
  CHECK(read->violation);
  CHECK(read->label == "services/billing/app/main.py:5");
  // db-shared-database names the intruder, not the owner the database is named for.
  REQUIRE(edge(g, "service:services/billing", db, "connects"));
  CHECK(edge(g, "service:services/billing", db, "connects")->violation);
  REQUIRE(edge(g, "service:services/orders", db, "connects"));
  CHECK_FALSE(edge(g, "service:services/orders", db, "connects")->violation);
}

TEST_CASE("build_graph: separate databases, a read-only warehouse, a rule turned off", "[graph]") {
  TempTree tree;
  SECTION("each service on its own database") {
    write_orders_and_billing(tree, "billing");
    graph::Graph g = graph_of(tree);
    for (const auto& e : g.edges)
      if (e.kind == "connects") CHECK_FALSE(e.violation);
    // billing's SQL cannot reach the orders database: the rule is silent, so no edge.
    CHECK_FALSE(edge(g, "service:services/billing", "table:orders", "reads"));
  }
  SECTION("the shared database declared read-only") {
    write_orders_and_billing(tree);
    tree.write_file(".svc.yaml", "databases:\n  - name: orders\n    readonly: true\n");
    graph::Graph g = graph_of(tree);
    CHECK(node(g, "database:compose:./postgres:5432/orders")->attributes.at("readonly") == "true");
    for (const auto& e : g.edges)
      if (e.kind == "connects") CHECK_FALSE(e.violation);
  }
  SECTION("db-cross-service-access and db-shared-database off") {
    write_orders_and_billing(tree);
    tree.write_file(".svc.yaml", "rules:\n  db-cross-service-access: off\n  db-shared-database: off\n");
    graph::Graph g = graph_of(tree);
    REQUIRE(edge(g, "service:services/billing", "table:orders", "reads"));
    for (const auto& e : g.edges) CHECK_FALSE(e.violation);
  }
}

TEST_CASE("build_graph: queues and a call to an undiscovered compose service", "[graph]") {
  TempTree tree;
  tree.write_file("docker-compose.yml",
                  "services:\n"
                  "  orders:\n"
                  "    build: ./services/orders\n"
                  "    environment:\n"
                  "      PAYMENTS_URL: http://payments:8080\n"
                  "  payments:\n"
                  "    image: ghcr.io/acme/payments-gateway:1.2\n");
  tree.write_file("services/orders/package.json",
                  R"({"name": "orders", "dependencies": {"hono": "^4.0.0", "bullmq": "^5.0.0"}})");
  tree.write_file("services/orders/src/queue.ts",
                  "import { Queue } from 'bullmq';\n"
                  "export const emails = new Queue('emails');\n"
                  "export const send = (id: string) => emails.add('send', { id }, { jobId: id });\n");
  graph::Graph g = graph_of(tree);
  REQUIRE(node(g, "queue:bullmq/emails"));
  CHECK(node(g, "queue:bullmq/emails")->attributes.at("system") == "bullmq");
  CHECK(edge(g, "service:services/orders", "queue:bullmq/emails", "produces"));
  REQUIRE(node(g, "external:payments"));
  CHECK(node(g, "external:payments")->kind == "external");
  CHECK(edge(g, "service:services/orders", "external:payments", "calls"));
}

TEST_CASE("build_graph: the same tree gives the same graph, however many threads read it", "[graph]") {
  TempTree tree;
  write_orders_and_billing(tree);
  graph::Graph a = graph_of(tree, 1), b = graph_of(tree, 4);
  REQUIRE(a.nodes.size() == b.nodes.size());
  for (std::size_t i = 0; i < a.nodes.size(); ++i) CHECK(a.nodes[i].id == b.nodes[i].id);
  REQUIRE(a.edges.size() == b.edges.size());
  for (std::size_t i = 0; i < a.edges.size(); ++i)
    CHECK((a.edges[i].from + a.edges[i].to + a.edges[i].kind) == (b.edges[i].from + b.edges[i].to + b.edges[i].kind));
}
