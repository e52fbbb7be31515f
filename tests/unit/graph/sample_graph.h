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

}  // namespace svc::graph::testing
