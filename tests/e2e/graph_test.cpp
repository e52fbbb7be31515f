// `svc graph` end to end: each format from a two-service tree, in a shape its
// consumer (GitHub's Mermaid, Graphviz, a JSON reader) accepts.
#include <catch2/catch.hpp>

#include <map>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// orders (TypeScript, Hono) owns the orders table and database and feeds a queue;
// billing (Python, FastAPI) calls orders, and also reads its table and database.
void write_two_services(const TempTree& tree) {
  tree.write_file("docker-compose.yml",
                  "services:\n"
                  "  postgres:\n"
                  "    image: postgres:16-alpine\n"
                  "  redis:\n"
                  "    image: redis:7-alpine\n"
                  "  orders:\n"
                  "    build: ./services/orders\n"
                  "    environment:\n"
                  "      DATABASE_URL: postgres://orders@postgres:5432/orders\n"
                  "      REDIS_URL: redis://redis:6379/0\n"
                  "  billing:\n"
                  "    build: ./services/billing\n"
                  "    environment:\n"
                  "      DATABASE_URL: postgresql://billing@postgres:5432/orders\n"
                  "      ORDERS_URL: http://orders:3000\n");
  tree.write_file("services/orders/package.json",
                  R"({"name": "orders", "dependencies": {"hono": "^4.0.0", "drizzle-orm": "^0.30.0", "bullmq": "^5.0.0"}})");
  tree.write_file("services/orders/src/db/schema.ts",
                  "import { pgTable, serial, text } from 'drizzle-orm/pg-core';\n"
                  "export const orders = pgTable('orders', { id: serial('id').primaryKey(), status: text('status') });\n");
  tree.write_file("services/orders/src/queue.ts",
                  "import { Queue } from 'bullmq';\n"
                  "export const emails = new Queue('emails');\n"
                  "export const confirm = (id: string) => emails.add('confirm', { id }, { jobId: id });\n");
  tree.write_file("services/billing/requirements.txt", "fastapi\npsycopg\n");
  tree.write_file("services/billing/app/main.py",
                  "from fastapi import FastAPI\n"
                  "app = FastAPI()\n"
                  "@app.get('/v1/paid')\n"
                  "def paid(conn):\n"
                  "    return conn.execute(\"SELECT id FROM orders WHERE status = 'paid'\").fetchall()\n");
}

// Braces outside quoted strings balance and never go negative.
bool balanced_braces(const std::string& dot) {
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < dot.size(); ++i) {
    char c = dot[i];
    if (quoted && c == '\\') ++i;
    else if (c == '"') quoted = !quoted;
    else if (!quoted && c == '{') ++depth;
    else if (!quoted && c == '}' && --depth < 0) return false;
  }
  return depth == 0 && !quoted;
}

}  // namespace

TEST_CASE("graph: json lists both services, the table under its owner and the violations", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);
  auto r = run_svc({"graph", tree.str(), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  std::map<std::string, json> nodes;
  for (const auto& n : doc.at("nodes")) nodes[n.at("id")] = n;
  REQUIRE(nodes.count("service:services/orders"));
  CHECK(nodes["service:services/orders"]["attributes"]["framework"] == "hono");
  REQUIRE(nodes.count("service:services/billing"));
  CHECK(nodes["service:services/billing"]["attributes"]["language"] == "python");
  REQUIRE(nodes.count("table:orders"));
  CHECK(nodes["table:orders"]["parent"] == "service:services/orders");
  CHECK(nodes.count("database:compose:./postgres:5432/orders"));
  CHECK(nodes.count("queue:bullmq/emails"));

  std::set<std::string> violations, kinds;
  for (const auto& e : doc.at("edges")) {
    CHECK(nodes.count(e.at("from")));
    CHECK(nodes.count(e.at("to")));
    kinds.insert(e.at("kind").get<std::string>());
    if (e.at("violation") == true) violations.insert(e.at("kind").get<std::string>() + " " + e.at("to").get<std::string>());
  }
  CHECK(kinds == std::set<std::string>{"calls", "connects", "owns", "produces", "reads"});
  CHECK(violations == std::set<std::string>{"connects database:compose:./postgres:5432/orders", "reads table:orders"});
}

TEST_CASE("graph: dot declares every node an edge names, braces balance", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);
  auto r = run_svc({"graph", tree.str(), "--format", "dot", "--output", (tree.path() / "graph.dot").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  std::string dot = tree.read_file("graph.dot");
  CHECK(dot.rfind("digraph svc {\n  rankdir=LR;\n", 0) == 0);
  CHECK(balanced_braces(dot));
  CHECK(has(dot, "subgraph \"cluster_service:services/orders\" {"));

  std::regex node(R"re(^\s*"((?:[^"\\]|\\.)*)" \[label=)re"), edge(R"re(^\s*"((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)")re");
  std::set<std::string> declared;
  std::vector<std::pair<std::string, std::string>> edges;
  std::istringstream lines(dot);
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_search(line, m, edge)) edges.emplace_back(m[1], m[2]);
    else if (std::regex_search(line, m, node)) declared.insert(m[1]);
  }
  CHECK(edges.size() >= 5);
  for (const auto& [from, to] : edges) {
    CHECK(declared.count(from));
    CHECK(declared.count(to));
  }
  // Graphviz (installed by scripts/install-deps.sh) must draw the file.
  auto svg = run_program({"dot", "-Tsvg", (tree.path() / "graph.dot").string(), "-o", (tree.path() / "graph.svg").string()});
  INFO(svg.err);
  CHECK(svg.exit_code == 0);
  CHECK(tree.read_file("graph.svg").find("<svg") != std::string::npos);
}

TEST_CASE("graph: mermaid is the default, a flowchart with plain ids", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);
  RunOptions in_tree;
  in_tree.cwd = tree.path();
  auto r = run_svc({"graph"}, in_tree);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("flowchart LR\n", 0) == 0);
  CHECK(has(r.out, "subgraph group_service_services_orders[\"orders\"]"));
  CHECK(has(r.out, "service_services_orders[\"orders<br/>typescript, hono\"]:::service"));
  CHECK(has(r.out, "  linkStyle "));

  std::regex declaration(R"(^\s+([^\s\[\{\(]+)(\[|\{\{|\(\[))"), link(R"(^\s+(\S+) (-->|==>)\|[^|]*\| (\S+)$)");
  std::set<std::string> declared;
  std::vector<std::string> ends;
  std::istringstream lines(r.out);
  std::smatch m;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("  subgraph ", 0) == 0) continue;
    if (std::regex_search(line, m, link)) ends.insert(ends.end(), {m[1], m[3]});
    else if (std::regex_search(line, m, declaration)) declared.insert(m[1]);
  }
  CHECK(declared.size() >= 6);
  for (const auto& id : declared) CHECK(std::regex_match(id, std::regex("[A-Za-z0-9_]+")));
  for (const auto& id : ends) CHECK(declared.count(id));
}

TEST_CASE("graph: usage errors exit 2 with a hint", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);

  auto format = run_svc({"graph", tree.str(), "--format", "svg"});
  CHECK(format.exit_code == 2);
  CHECK(has(format.err, "svc: error: "));
  CHECK(has(format.err, "--format"));
  CHECK(format.out.empty());

  auto typo = run_svc({"graph", tree.str(), "--fromat", "dot"});
  CHECK(typo.exit_code == 2);
  CHECK(has(typo.err, "svc: error: unknown option '--fromat'"));
  CHECK(has(typo.err, "did you mean '--format'?"));

  auto missing = run_svc({"graph", (tree.path() / "nowhere").string()});
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "svc: error: no such directory"));

  tree.write_file("bad.yaml", "rulez: {}\n");
  auto config = run_svc({"graph", tree.str(), "--config", (tree.path() / "bad.yaml").string()});
  CHECK(config.exit_code == 2);
  CHECK(has(config.err, "svc: error: "));
}

TEST_CASE("graph: --help teaches the formats and how to render them", "[e2e][graph]") {
  auto r = run_svc({"graph", "--help"});
  CHECK(r.exit_code == 0);
  for (const char* part : {"--format", "--output", "--config", "--tables", "--focus PATH", "mermaid",
                           "dot -Tsvg > graph.svg", "```mermaid", "\"24 tables\"", "co-changes"})
    CHECK(has(r.out, part));
  CHECK(run_svc({"help", "graph"}).out == r.out);
  CHECK(has(run_svc({"help"}).out, "  graph "));
}

TEST_CASE("graph json: a Next.js app counts the tRPC procedures of the workspace package it serves", "[e2e][graph][nextjs]") {
  TempTree tree;
  tree.write_file("pnpm-workspace.yaml", "packages:\n  - apps/*\n  - packages/*\n");
  tree.write_file("package.json", R"({"name": "acme", "private": true})");
  tree.write_file("apps/web/package.json",
                  R"({"name": "@acme/web", "scripts": {"start": "next start"},
                      "dependencies": {"next": "15.1.0", "@acme/api": "workspace:*", "@trpc/server": "11.0.0"}})");
  tree.write_file("apps/web/src/app/api/trpc/[trpc]/route.ts",
                  "import { fetchRequestHandler } from '@trpc/server/adapters/fetch';\n"
                  "import { appRouter } from '@acme/api';\n"
                  "const handler = (req: Request) => fetchRequestHandler({ endpoint: '/api/trpc', req, router: appRouter });\n"
                  "export { handler as GET, handler as POST };\n");
  tree.write_file("packages/api/package.json", R"({"name": "@acme/api", "main": "src/index.ts"})");
  tree.write_file("packages/api/src/index.ts",
                  "import { createTRPCRouter, publicProcedure } from './trpc';\n"
                  "export const appRouter = createTRPCRouter({\n"
                  "  all: publicProcedure.query(() => []),\n"
                  "  create: publicProcedure.mutation(async () => ({ ok: true })),\n"
                  "});\n");
  auto r = run_svc({"graph", tree.str(), "--format", "json"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  json graph = json::parse(r.out), web;
  for (const auto& n : graph["nodes"])
    if (n["id"] == "service:apps/web") web = n;
  REQUIRE(web.is_object());
  CHECK(web["attributes"]["kind"] == "nextjs");
  CHECK(web["attributes"]["route_handlers"] == "2");  // GET and POST /api/trpc/:trpc
  CHECK(web["attributes"]["trpc_procedures"] == "2");
}

namespace {

// The node ids a Mermaid flowchart declares.
std::set<std::string> mermaid_nodes(const std::string& text) {
  std::regex declaration(R"(^\s+([A-Za-z0-9_]+)(\[|\{\{|\(\[))");
  std::set<std::string> out;
  std::istringstream lines(text);
  std::smatch m;
  for (std::string line; std::getline(lines, line);)
    if (line.find(":::") != std::string::npos && std::regex_search(line, m, declaration)) out.insert(m[1]);
  return out;
}

}  // namespace

TEST_CASE("graph: tables collapse into one node per owner unless --tables", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);
  auto collapsed = run_svc({"graph", tree.str()});
  INFO(collapsed.err);
  REQUIRE(collapsed.exit_code == 0);
  CHECK(has(collapsed.out, "    tables_service_services_orders[[\"1 table<br/>orders\"]]:::tables\n"));
  CHECK(has(collapsed.out, "  service_services_billing ==>|reads orders| tables_service_services_orders\n"));
  CHECK_FALSE(has(collapsed.out, "table_orders"));

  auto full = run_svc({"graph", tree.str(), "--tables"});
  REQUIRE(full.exit_code == 0);
  CHECK(has(full.out, "    table_orders[\"orders\"]:::table\n"));
  CHECK(has(full.out, "  service_services_billing ==>|reads| table_orders\n"));

  // JSON is for tools: every table, whatever --tables says.
  auto doc = run_svc({"graph", tree.str(), "--format", "json"});
  REQUIRE(doc.exit_code == 0);
  CHECK(has(doc.out, "\"id\": \"table:orders\""));
  CHECK_FALSE(has(doc.out, "\"tables:"));
  CHECK(run_svc({"graph", tree.str(), "--format", "json", "--tables"}).out == doc.out);
}

TEST_CASE("graph: --focus draws one service and its neighbours", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);
  auto billing = run_svc({"graph", tree.str(), "--focus", "services/billing"});
  INFO(billing.err);
  REQUIRE(billing.exit_code == 0);
  // billing calls orders, reads its table, shares its database; redis and the queue are orders' alone.
  CHECK(mermaid_nodes(billing.out) == std::set<std::string>{"service_services_billing", "service_services_orders",
                                                            "tables_service_services_orders",
                                                            "database_compose_postgres_5432_orders"});
  CHECK_FALSE(has(billing.out, "service_services_orders -->|connects|"));

  auto orders = run_svc({"graph", tree.str(), "--focus", "services/orders/src/queue.ts", "--format", "json"});
  REQUIRE(orders.exit_code == 0);
  json doc = json::parse(orders.out);
  std::set<std::string> ids;
  for (const auto& n : doc.at("nodes")) ids.insert(n.at("id").get<std::string>());
  CHECK(ids == std::set<std::string>{"service:services/orders", "table:orders", "service:services/billing",
                                     "database:compose:./postgres:5432/orders", "database:compose:./redis:6379/0",
                                     "queue:bullmq/emails"});

  // A path from the working directory or an absolute one; a node id.
  RunOptions in_services;
  in_services.cwd = tree.path() / "services";
  CHECK(run_svc({"graph", tree.str(), "--focus", "billing"}, in_services).out == billing.out);
  CHECK(run_svc({"graph", tree.str(), "--focus", (tree.path() / "services/billing").string()}).out == billing.out);
  CHECK(run_svc({"graph", tree.str(), "--focus", "service:services/billing"}).out == billing.out);
}

TEST_CASE("graph: an unknown --focus is a usage error that lists the services", "[e2e][graph]") {
  TempTree tree;
  write_two_services(tree);
  auto r = run_svc({"graph", tree.str(), "--focus", "services/biling"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(has(r.err, "svc: error: --focus: no service at 'services/biling'; the services: services/billing, "
                   "services/orders\n"));
  CHECK(has(r.err, "hint: "));

  // A service at the root holds every path, so a typo must still not draw it.
  tree.write_file("Dockerfile", "FROM node:22-slim\nUSER node\n");
  auto typo = run_svc({"graph", tree.str(), "--focus", "services/biling"});
  CHECK(typo.exit_code == 2);
  CHECK(has(typo.err, "no service at 'services/biling'"));
  CHECK(run_svc({"graph", tree.str(), "--focus", "docker-compose.yml"}).exit_code == 0);
}
