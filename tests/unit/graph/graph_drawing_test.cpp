// drawn(): tables collapsed per owner, and --focus on one service's neighbourhood.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "unit/graph/sample_graph.h"

using namespace svc::graph;

namespace {

const Node* node(const Graph& g, const std::string& id) {
  auto it = std::find_if(g.nodes.begin(), g.nodes.end(), [&](const Node& n) { return n.id == id; });
  return it == g.nodes.end() ? nullptr : &*it;
}

const Edge* edge(const Graph& g, const std::string& from, const std::string& to, const std::string& kind) {
  auto it = std::find_if(g.edges.begin(), g.edges.end(),
                         [&](const Edge& e) { return e.from == from && e.to == to && e.kind == kind; });
  return it == g.edges.end() ? nullptr : &*it;
}

std::set<std::string> ids(const Graph& g) {
  std::set<std::string> out;
  for (const auto& n : g.nodes) out.insert(n.id);
  return out;
}

Graph focused(const std::string& focus, bool tables = false) {
  return drawn(testing::shared_schema(), {tables, focus});
}

}  // namespace

TEST_CASE("drawn: each owner's tables become one node with a count", "[graph]") {
  Graph g = drawn(testing::shared_schema(), {});
  for (const auto& n : g.nodes) CHECK(n.kind != "table");
  const Node* db = node(g, "tables:service:packages/db");
  REQUIRE(db);
  CHECK(db->kind == "tables");
  CHECK(db->label == "5 tables");
  CHECK(db->parent == "service:packages/db");  // drawn inside the owner's box
  CHECK(db->attributes.at("count") == "5");
  CHECK(db->attributes.at("tables") == "accounts, invoices, payments, plans, users");
  CHECK(display_lines(*db) == std::vector<std::string>{"5 tables"});  // too many to name

  const Node* orders = node(g, "tables:service:services/orders");
  REQUIRE(orders);
  CHECK(display_lines(*orders) == std::vector<std::string>{"1 table", "orders"});  // a few are named
  CHECK(children_by_parent(g).at("service:services/orders") ==
        std::vector<std::string>{"tables:service:services/orders"});
}

TEST_CASE("drawn: edges to one owner's tables merge per kind, counted, red if any was", "[graph]") {
  Graph g = drawn(testing::shared_schema(), {});
  const Edge* reads = edge(g, "service:services/api", "tables:service:packages/db", "reads");
  REQUIRE(reads);
  CHECK(reads->label == "reads 3 tables");
  CHECK(reads->merged == 3);
  CHECK(reads->violation);  // one of the three reads was
  CHECK(edge_caption(*reads) == "reads 3 tables");

  const Edge* writes = edge(g, "service:services/api", "tables:service:packages/db", "writes");
  REQUIRE(writes);
  CHECK(writes->label == "writes payments");  // one table is named, not counted
  CHECK(writes->merged == 1);

  const Edge* owns = edge(g, "service:packages/db", "tables:service:packages/db", "owns");
  REQUIRE(owns);
  CHECK(owns->label == "owns 5 tables");
  CHECK_FALSE(owns->violation);

  // Foreign keys across owners merge like reads; inside one owner they vanish.
  const Edge* fk = edge(g, "service:services/api", "tables:service:services/orders", "references");
  REQUIRE(fk);
  CHECK(fk->violation);
  for (const auto& e : g.edges) CHECK(e.from != e.to);

  // Everything else stands as built.
  const Edge* calls = edge(g, "service:services/api", "service:services/orders", "calls");
  REQUIRE(calls);
  CHECK(calls->label == "ORDERS_URL");
  CHECK(calls->merged == 0);
  CHECK(edge_caption(*calls) == "calls");
  CHECK(edge(g, "service:services/cron", "database:pg/app", "connects")->violation);
  CHECK(g.edges.size() == 12);
}

TEST_CASE("drawn: tables several services claim collapse per set of claimants", "[graph]") {
  Graph full;
  full.nodes = {{"service:a", "service", "a", "", {}},
                {"service:b", "service", "b", "", {}},
                {"table:t1", "table", "t1", "", {{"conflict", "true"}}},
                {"table:t2", "table", "t2", "", {{"conflict", "true"}}}};
  full.edges = {{"service:a", "table:t1", "owns", "", true}, {"service:b", "table:t1", "owns", "", true},
                {"service:a", "table:t2", "owns", "", false}, {"service:b", "table:t2", "owns", "", true}};
  Graph g = drawn(full, {});
  const Node* shared = node(g, "tables:service:a+service:b");
  REQUIRE(shared);
  CHECK(shared->label == "2 shared tables");
  CHECK(shared->parent.empty());
  CHECK(shared->attributes.at("conflict") == "true");
  CHECK(display_lines(*shared) == std::vector<std::string>{"2 shared tables", "t1, t2"});
  CHECK(edge(g, "service:a", shared->id, "owns")->violation);
  CHECK(edge(g, "service:b", shared->id, "owns")->label == "owns 2 tables");
}

TEST_CASE("drawn: --tables keeps every table as built", "[graph]") {
  Graph full = testing::shared_schema();
  Graph g = drawn(full, {true, ""});
  CHECK(g.nodes.size() == full.nodes.size());
  CHECK(g.edges.size() == full.edges.size());
  CHECK(node(g, "table:payments"));
  CHECK(edge(g, "table:invoices", "table:accounts", "references"));
}

TEST_CASE("drawn: --focus keeps the service, what it owns and its neighbours", "[graph]") {
  Graph g = focused("services/api");
  CHECK(ids(g) == std::set<std::string>{"service:services/api",
                                        "service:services/orders", "tables:service:services/orders",  // called; its table
                                        "service:apps/web",                                          // calls api
                                        "service:packages/db", "tables:service:packages/db",         // tables it reads
                                        "database:pg/app", "queue:bullmq/mail",
                                        "service:workers/mailer"});  // at the other end of its queue
  // cron shares the database but is two edges away; orders' and db's other links go too.
  for (const auto& e : g.edges) {
    bool touches = e.from == "service:services/api" || e.to == "service:services/api";
    CHECK((touches || e.kind == "owns" || e.kind == "consumes"));
  }
  CHECK(edge(g, "service:packages/db", "tables:service:packages/db", "owns"));  // the owner's box holds together
  CHECK_FALSE(edge(g, "service:apps/web", "tables:service:services/orders", "references"));
  CHECK(edge(g, "service:services/api", "tables:service:packages/db", "reads")->label == "reads 3 tables");
}

TEST_CASE("drawn: --focus with --tables shows only the tables it touches", "[graph]") {
  Graph g = focused("services/api", true);
  CHECK(node(g, "table:accounts"));
  CHECK(node(g, "table:payments"));
  CHECK_FALSE(node(g, "table:plans"));  // db's, untouched by api
  CHECK(edge(g, "service:packages/db", "table:accounts", "owns"));
  CHECK_FALSE(edge(g, "table:invoices", "table:accounts", "references"));  // between two neighbours
}

TEST_CASE("drawn: --focus takes a folder, a path inside it, or a node id", "[graph]") {
  Graph by_folder = focused("services/api");
  CHECK(ids(focused("./services/api/")) == ids(by_folder));
  CHECK(ids(focused("services/api/src/index.ts")) == ids(by_folder));
  CHECK(ids(focused("service:services/api")) == ids(by_folder));
  // A database, or a table (its owner's tables node once collapsed).
  CHECK(ids(focused("database:pg/app")) ==
        std::set<std::string>{"database:pg/app", "service:services/api", "service:services/cron"});
  CHECK(node(focused("table:orders"), "service:apps/web"));
  CHECK(node(focused("table:orders"), "tables:service:services/orders"));

  // The deepest service holds the path.
  Graph nested = testing::shared_schema();
  nested.nodes.push_back({"service:services/api/worker", "service", "worker", "", {{"path", "services/api/worker"}}});
  CHECK(focus_node(nested, "services/api/worker/main.ts") == "service:services/api/worker");
  CHECK(focus_node(nested, "services/api/main.ts") == "service:services/api");
  CHECK(focus_node(nested, "services").empty());
}

TEST_CASE("drawn: an unknown --focus names the services", "[graph]") {
  REQUIRE_THROWS_AS(focused("services/nope"), UnknownFocus);
  try {
    focused("services/nope");
  } catch (const UnknownFocus& e) {
    CHECK(std::string(e.what()) ==
          "no service at 'services/nope'; the services: apps/web, packages/db, services/api, services/cron, "
          "services/orders, workers/mailer");
  }
  // Many services: the nearest few.
  Graph many;
  for (int i = 0; i < 12; ++i) {
    std::string path = (i < 6 ? "apps/app" : "services/svc") + std::to_string(i);
    many.nodes.push_back({"service:" + path, "service", path, "", {{"path", path}}});
  }
  std::string message = unknown_focus_message(many, "services/sv");
  CHECK(message.find("the nearest services: services/svc10, services/svc11, services/svc6,") != std::string::npos);
  CHECK(message.find("apps/") == std::string::npos);
  CHECK(message.find("(and 7 more)") != std::string::npos);
}

TEST_CASE("drawn: change coupling stays as given and makes neighbours", "[graph]") {
  Graph full = testing::shared_schema();
  full.edges.push_back({"service:services/cron", "service:services/api", "co-changes",
                        "changed together in 72% of commits", true});
  Graph g = drawn(full, {});
  const Edge* kept = edge(g, "service:services/cron", "service:services/api", "co-changes");
  REQUIRE(kept);
  CHECK(kept->violation);
  CHECK(edge_caption(*kept) == "changed together in 72% of commits");
  CHECK(node(drawn(full, {false, "services/api"}), "service:services/cron"));
}
