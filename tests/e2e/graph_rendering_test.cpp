// `svc graph` pictures rendered the way users render them: Graphviz draws the DOT
// output (scripts/install-deps.sh installs it; CI has it, so a missing `dot` fails),
// and the Mermaid text must stay inside what Mermaid draws by default. The bounds
// are what a review page shows without scrolling a column: under about 2,500 pt a
// side, and no more than three times as tall as wide.
#include <catch2/catch.hpp>

#include <cctype>
#include <iterator>
#include <regex>
#include <sstream>

#include "e2e/cli_runner.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;

namespace {

constexpr double kMaxSide = 2500;      // pt
constexpr double kMaxTallness = 3;     // height / width
constexpr std::size_t kMermaidText = 50000;  // Mermaid's default maxTextSize
constexpr std::size_t kMermaidEdges = 500;   // and maxEdges

struct Size {
  double width = 0, height = 0;
};

// The size Graphviz gives the SVG it writes for `dot`, in points.
Size rendered(const TempTree& tree, const std::string& dot) {
  REQUIRE(run_program({"dot", "-V"}).exit_code == 0);  // Graphviz missing: run scripts/install-deps.sh
  tree.write_file("graph.dot", dot);
  auto r = run_program({"dot", "-Tsvg", (tree.path() / "graph.dot").string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  std::regex size(R"re(<svg width="([0-9.]+)pt" height="([0-9.]+)pt")re");
  REQUIRE(std::regex_search(r.out, m, size));
  return {std::stod(m[1]), std::stod(m[2])};
}

void check_readable(const Size& size) {
  INFO("SVG " << size.width << " x " << size.height << " pt");
  CHECK(size.width < kMaxSide);
  CHECK(size.height < kMaxSide);
  CHECK(size.height / size.width < kMaxTallness);
}

std::size_t mermaid_edges(const std::string& text) {
  std::size_t n = 0;
  std::istringstream lines(text);
  std::regex link(R"(^\s+\S+ (-->|==>|-\.-)\|)");
  for (std::string line; std::getline(lines, line);) n += std::regex_search(line, link) ? 1 : 0;
  return n;
}

void check_mermaid_limits(const std::string& text) {
  INFO(text.size() << " characters, " << mermaid_edges(text) << " edges");
  CHECK(text.size() < kMermaidText);
  CHECK(mermaid_edges(text) < kMermaidEdges);
}

std::string svc_graph(const std::vector<std::string>& args) {
  auto r = run_svc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

const char* const kDomains[] = {"checkout", "catalog",   "identity", "billing", "fulfilment", "support",
                                "search",   "pricing",   "inventory", "ledger", "payouts",    "messaging"};
const char* const kResources[] = {"orders", "items", "events", "accounts", "invoices", "notes", "settings"};
constexpr std::size_t kServices = std::size(kDomains);

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A monorepo as teams grow them: a `db` package (its own image runs the migrations)
// defines all 84 tables, seven per domain; twelve Hono services read five tables of
// their domain and two of another's in raw SQL, write two, share one PostgreSQL and
// Redis, call the services after them, and pass events through BullMQ queues.
void write_shared_schema_monorepo(const TempTree& tree) {
  tree.write_file("pnpm-workspace.yaml", "packages:\n  - services/*\n  - packages/*\n");
  tree.write_file("packages/db/package.json",
                  R"({"name": "@acme/db", "main": "src/index.ts", "dependencies": {"drizzle-orm": "^0.30.0"}})");
  tree.write_file("packages/db/Dockerfile", "FROM node:22-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD [\"node\", \"migrate.js\"]\n");
  std::string compose =
      "services:\n  postgres:\n    image: postgres:16-alpine\n  redis:\n    image: redis:7-alpine\n"
      "  migrate:\n    build: ./packages/db\n    environment:\n      DATABASE_URL: postgres://app@postgres:5432/app\n";
  for (std::size_t d = 0; d < kServices; ++d) {
    std::string domain = kDomains[d], other = kDomains[(d + 3) % kServices], schema, queries;
    schema = "import { pgTable, serial } from 'drizzle-orm/pg-core';\n";
    for (std::size_t r = 0; r < std::size(kResources); ++r) {
      std::string table = domain + "_" + kResources[r];
      schema += "export const " + table + " = pgTable('" + table + "', { id: serial('id').primaryKey() });\n";
      queries += r < 5 ? "export const read" + std::to_string(r) + " = \"SELECT id FROM " + table + " WHERE id = $1\";\n"
                       : "export const write" + std::to_string(r) + " = \"INSERT INTO " + table + " (id) VALUES ($1)\";\n";
      if (r < 2) queries += "export const peek" + std::to_string(r) + " = \"SELECT id FROM " + other + "_" +
                            kResources[r] + " WHERE id = $1\";\n";
    }
    tree.write_file("packages/db/src/schema/" + domain + ".ts", schema);
    std::string dir = "services/" + domain + "/";
    tree.write_file(dir + "src/queries.ts", queries);
    tree.write_file(dir + "src/index.ts", "import { Hono } from 'hono';\nconst app = new Hono();\n"
                                          "app.get('/health', (c) => c.json({ ok: true }));\nexport default app;\n");
    tree.write_file(dir + "package.json", R"({"name": ")" + domain + R"(", "dependencies": {"hono": "^4.0.0", )"
                                              R"("pg": "^8.11.0", "bullmq": "^5.0.0"}})");
    if (d % 3 == 0)
      tree.write_file(dir + "src/events.ts", "import { Queue } from 'bullmq';\nexport const events = new Queue('" + domain +
                                                 "-events');\nexport const emit = (id: string) => "
                                                 "events.add('changed', { id }, { jobId: id });\n");
    else if (d % 3 == 1)
      tree.write_file(dir + "src/worker.ts", std::string("import { Worker } from 'bullmq';\nexport const worker = ") +
                                                 "new Worker('" + kDomains[d - 1] + "-events', async (job) => job.data);\n");
    compose += "  " + domain + ":\n    build: ./" + dir + "\n    environment:\n"
               "      DATABASE_URL: postgres://app@postgres:5432/app\n      REDIS_URL: redis://redis:6379/0\n";
    for (std::size_t step : {1, 4})  // a layered call graph: each calls services further down
      if (d + step < kServices && d % 4 != 3)
        compose += "      " + upper(kDomains[d + step]) + "_URL: http://" + kDomains[d + step] + ":3000\n";
  }
  tree.write_file("docker-compose.yml", compose);
}

}  // namespace

TEST_CASE("graph rendering: the example monorepo draws compact in dot and Mermaid", "[e2e][graph][render]") {
  TempTree tree;
  std::string example = std::string(SVC_SOURCE_DIR) + "/examples/monorepo";
  check_readable(rendered(tree, svc_graph({"graph", example, "--format", "dot"})));
  check_readable(rendered(tree, svc_graph({"graph", example, "--format", "dot", "--tables"})));
  check_mermaid_limits(svc_graph({"graph", example}));
}

TEST_CASE("graph rendering: a dozen services around an 84-table schema package stay readable", "[e2e][graph][render]") {
  TempTree tree;
  write_shared_schema_monorepo(tree);
  std::string dot = svc_graph({"graph", tree.str(), "--format", "dot"});
  CHECK(dot.find("[label=\"84 tables\", shape=\"folder\"") != std::string::npos);
  CHECK(dot.find("[label=\"reads 7 tables\"") != std::string::npos);
  check_readable(rendered(tree, dot));

  std::string mermaid = svc_graph({"graph", tree.str()});
  CHECK(mermaid.find("tables_service_packages_db[[\"84 tables\"]]:::tables") != std::string::npos);
  check_mermaid_limits(mermaid);

  // One service with its neighbours is smaller still.
  Size focus = rendered(tree, svc_graph({"graph", tree.str(), "--format", "dot", "--focus", "services/ledger"}));
  check_readable(focus);
  CHECK(focus.height < 1000);

  // Every table drawn is the column the default avoids; Mermaid can still take it.
  Size full = rendered(tree, svc_graph({"graph", tree.str(), "--format", "dot", "--tables"}));
  CHECK(full.height > kMaxSide);
  check_mermaid_limits(svc_graph({"graph", tree.str(), "--tables"}));
}
