// Hand-built graphs the writer tests share: what build_graph() makes of two services
// that share a database and a table, and names no writer may trip over.
#pragma once
#include <algorithm>

#include "checks/graph/graph.h"

namespace svc::graph::testing {

// billing reads orders' table and connects to its database: two violation edges.
inline Graph two_services() {
  Graph g;
  g.nodes = {
      {"database:compose:./postgres:5432/orders", "database", "postgres:5432/orders", "",
       {{"engine", "postgres"}, {"readonly", "false"}}},
      {"service:services/billing", "service", "billing", "",
       {{"framework", "fastapi"}, {"language", "python"}, {"path", "services/billing"}}},
      {"service:services/orders", "service", "orders", "",
       {{"framework", "hono"}, {"language", "typescript"}, {"path", "services/orders"}}},
      {"table:orders", "table", "orders", "service:services/orders", {{"origin", "Drizzle table"}}},
  };
  g.edges = {
      {"service:services/billing", "database:compose:./postgres:5432/orders", "connects", "DATABASE_URL", true},
      {"service:services/billing", "table:orders", "reads", "services/billing/app/main.py:8", true},
      {"service:services/orders", "database:compose:./postgres:5432/orders", "connects", "DATABASE_URL", false},
      {"service:services/orders", "table:orders", "owns", "services/orders/src/db/schema.ts:3", false},
  };
  return g;
}

// The same graph in another order: writers must not care.
inline Graph two_services_shuffled() {
  Graph g = two_services();
  std::reverse(g.nodes.begin(), g.nodes.end());
  std::rotate(g.edges.begin(), g.edges.begin() + 2, g.edges.end());
  return g;
}

// Quotes, markup, entity look-alikes, backslashes, newlines and ids that differ
// only in punctuation.
inline Graph odd_names() {
  Graph g;
  g.nodes = {
      {"service:a b", "service", "say \"hi\" <b>#1</b> & `x` | y\\z\nnext", "", {}},
      {"service:a-b", "service", "a-b", "", {}},
      {"end", "queue", "end", "", {{"system", "rq"}}},
  };
  g.edges = {
      {"service:a b", "end", "produces", "say \"hi\"", false},
      {"service:a-b", "end", "consumes", "", true},
  };
  return g;
}

// A schema package that owns five tables, and the services around it:
//   api    calls orders, reads three of db's tables (one read judged a violation),
//          writes one, connects to the database and produces to a queue;
//   orders owns its own table, which api and web reference; web calls api;
//   cron   calls nothing api touches and shares the database: not api's neighbour;
//   mailer consumes api's queue.
// Two of db's tables reference each other (a foreign key inside one owner).
inline Graph shared_schema() {
  Graph g;
  auto service = [](const std::string& path) {
    return Node{"service:" + path, "service", path.substr(path.rfind('/') + 1), "", {{"path", path}}};
  };
  g.nodes = {service("packages/db"), service("services/api"), service("services/orders"), service("apps/web"),
             service("services/cron"), service("workers/mailer"),
             {"database:pg/app", "database", "pg/app", "", {}},
             {"queue:bullmq/mail", "queue", "mail", "", {{"system", "bullmq"}}},
             {"table:orders", "table", "orders", "service:services/orders", {}}};
  for (const char* t : {"accounts", "invoices", "payments", "plans", "users"})
    g.nodes.push_back({std::string("table:") + t, "table", t, "service:packages/db", {}});
  for (const char* t : {"accounts", "invoices", "payments", "plans", "users"})
    g.edges.push_back({"service:packages/db", std::string("table:") + t, "owns", "schema.ts", false});
  g.edges.insert(g.edges.end(), {
      {"service:services/orders", "table:orders", "owns", "orders.ts", false},
      {"table:invoices", "table:accounts", "references", "invoices.account_id", false},
      {"service:services/api", "table:accounts", "reads", "api/a.ts:1", false},
      {"service:services/api", "table:invoices", "reads", "api/a.ts:2", true},
      {"service:services/api", "table:users", "reads", "api/a.ts:3", false},
      {"service:services/api", "table:payments", "writes", "api/a.ts:4", true},
      {"service:services/api", "table:orders", "references", "api/m.ts:1", true},
      {"service:apps/web", "table:orders", "references", "web/m.ts:1", true},
      {"service:services/api", "service:services/orders", "calls", "ORDERS_URL", false},
      {"service:apps/web", "service:services/api", "calls", "API_URL", false},
      {"service:services/api", "database:pg/app", "connects", "DATABASE_URL", true},
      {"service:services/cron", "database:pg/app", "connects", "DATABASE_URL", true},
      {"service:services/api", "queue:bullmq/mail", "produces", "", false},
      {"service:workers/mailer", "queue:bullmq/mail", "consumes", "", false},
  });
  return g;
}

// Two services that change together, as `svc review` adds it from history.
inline Graph co_changing() {
  Graph g;
  g.nodes = {{"service:services/a", "service", "a", "", {{"path", "services/a"}}},
             {"service:services/b", "service", "b", "", {{"path", "services/b"}}}};
  g.edges = {{"service:services/a", "service:services/b", "co-changes", "changed together in 72% of commits", false}};
  return g;
}

}  // namespace svc::graph::testing
