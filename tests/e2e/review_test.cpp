// `svc review` end to end: a monorepo with a Next.js app, a Hono API and a worker, with a
// scripted history (authors, modules that change together, services that ship together,
// a huge commit, a shallow copy), checked section by section through the JSON contract.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/git_history.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

const char* const kWebPackage = R"({"name": "web", "private": true,
  "scripts": {"build": "next build", "start": "next start"},
  "dependencies": {"next": "15.1.0", "react": "19.0.0", "drizzle-orm": "0.38.3", "postgres": "3.4.5", "resend": "4.0.1"}})";

const char* const kSchema = R"(import { pgTable, text, integer } from 'drizzle-orm/pg-core';
export const invoices = pgTable('invoices', { id: text('id').primaryKey(), total: integer('total') });
export const products = pgTable('products', { id: text('id').primaryKey(), name: text('name') });
)";

const char* const kBillingActions = R"('use server';
import { Resend } from 'resend';
import { db } from '../../db/client';
import { invoices } from '../../db/schema';

const resend = new Resend(process.env.RESEND_API_KEY);

export async function sendInvoices() {
  const rows = await db.select().from(invoices);
  for (const row of rows) {
    await resend.emails.send({ from: 'billing@x.example', to: 'a@x.example', subject: row.id, html: '' });
  }
  await db.insert(invoices).values({ id: 'x', total: 1 });
}
)";

const char* const kCatalogActions = R"('use server';
import { db } from '../../db/client';
import { products } from '../../db/schema';
import { invoiceTotal } from '../billing/summary';

export async function renameProduct(id: string, name: string) {
  await db.update(products).set({ name });
  return invoiceTotal(id);
}
)";

const char* const kApiPackage = R"({"name": "api", "private": true,
  "scripts": {"start": "node dist/index.js"}, "dependencies": {"hono": "4.6.0", "bullmq": "5.0.0"}})";
const char* const kApi = R"(import { Hono } from 'hono';
import { Queue } from 'bullmq';
const queue = new Queue('emails');
const app = new Hono();
app.get('/v1/keys', async (c) => {
  if (c.req.header('x-api-key') !== process.env.API_KEY) return c.json({ error: 'unauthorized' }, 401);
  await queue.add('welcome', { to: 'a@x.example' });
  return c.json({ ok: true });
});
export default app;
)";
const char* const kWorkerPackage = R"({"name": "jobs", "private": true,
  "scripts": {"start": "node dist/worker.js"}, "dependencies": {"bullmq": "5.0.0"}})";
const char* const kWorker = R"(import { Worker } from 'bullmq';
new Worker('emails', async (job) => { console.log(job.id); });
)";

// The files of the work tree; the history below commits its own contents.
void write_shop(const TempTree& tree) {
  tree.write_file("apps/web/package.json", kWebPackage);
  tree.write_file("apps/web/vercel.json", "{}\n");
  tree.write_file("apps/web/src/db/schema.ts", kSchema);
  tree.write_file("apps/web/src/db/client.ts",
                  "import { drizzle } from 'drizzle-orm/postgres-js';\nimport postgres from 'postgres';\n"
                  "export const db = drizzle(postgres(process.env.DATABASE_URL!));\n");
  tree.write_file("apps/web/src/app/billing/actions.ts", kBillingActions);
  tree.write_file("apps/web/src/app/billing/summary.ts",
                  "export function invoiceTotal(id: string) { return id.length; }\n");
  tree.write_file("apps/web/src/app/billing/page.tsx",
                  "import { sendInvoices } from './actions';\nexport default function Page() { return null; }\n");
  tree.write_file("apps/web/src/app/catalog/actions.ts", kCatalogActions);
  tree.write_file("apps/web/src/app/catalog/page.tsx",
                  "import { renameProduct } from './actions';\nexport default function Page() { return null; }\n");
  tree.write_file("services/api/package.json", kApiPackage);
  tree.write_file("services/api/src/index.ts", kApi);
  tree.write_file("workers/jobs/package.json", kWorkerPackage);
  tree.write_file("workers/jobs/src/worker.ts", kWorker);
}

Author at(const char* name, int day) {
  return {name, std::string(name) + "@shop.example", 1767607200 + day * 86400};
}

// api and jobs ship together in 6 of their 7 commits; billing and catalog have an author
// each; one commit of 60 generated files says nothing and is dropped.
void write_history(const TempTree& tree) {
  GitRepo repo(tree.path());
  int day = 0;
  for (int i = 0; i < 6; ++i)
    commit_as(tree.path(), at("ana", ++day),
              {{"services/api/src/index.ts", "// v" + std::to_string(i)}, {"workers/jobs/src/worker.ts", "// v" + std::to_string(i)}},
              "api and jobs " + std::to_string(i));
  commit_as(tree.path(), at("ana", ++day), {{"services/api/src/index.ts", "// alone"}}, "api alone");
  commit_as(tree.path(), at("ana", ++day), {{"workers/jobs/src/worker.ts", "// alone"}}, "jobs alone");
  for (int i = 0; i < 5; ++i) {
    commit_as(tree.path(), at("bea", ++day), {{"apps/web/src/app/billing/actions.ts", "// b" + std::to_string(i)}},
              "billing " + std::to_string(i));
    commit_as(tree.path(), at("cal", ++day), {{"apps/web/src/app/catalog/actions.ts", "// c" + std::to_string(i)}},
              "catalog " + std::to_string(i));
  }
  std::map<std::string, std::optional<std::string>> bulk;
  for (int i = 0; i < 60; ++i) bulk["generated/file" + std::to_string(i) + ".ts"] = "// generated";
  commit_as(tree.path(), at("bot", ++day), bulk, "regenerate");
}

json review_json(const TempTree& tree, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"review", tree.str(), "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_svc(args, hermetic(tree.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

const json* find_by(const json& list, const char* key, const std::string& value) {
  for (const auto& item : list)
    if (item.value(key, std::string()) == value) return &item;
  return nullptr;
}

}  // namespace

TEST_CASE("review: the JSON contract has every section in its order", "[e2e][review]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  json doc = review_json(tree);
  auto raw = run_svc({"review", tree.str(), "--format", "json"}, hermetic(tree.path()));
  auto ordered = nlohmann::ordered_json::parse(raw.out);  // keys as printed
  std::vector<std::string> keys;
  for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
  CHECK(std::vector<std::string>(keys.begin(), keys.begin() + 6) ==
        std::vector<std::string>{"version", "system", "criteria", "coupling", "candidates", "notes"});
  CHECK(doc["version"] == 1);
  std::vector<std::string> ids;
  for (const auto& c : doc["criteria"]) {
    ids.push_back(c["id"]);
    CHECK((c["verdict"] == "split" || c["verdict"] == "stay" || c["verdict"] == "unclear"));
    CHECK(!c["summary"].get<std::string>().empty());
  }
  CHECK(ids == std::vector<std::string>{"public-api", "long-running-work", "background-jobs", "language-needs",
                                        "complex-architecture", "team"});
  for (const char* section : {"data", "code", "change", "team"}) CHECK(doc["coupling"][section].is_array());
}

TEST_CASE("review: the system lists services, the Next.js app's surface, tables and queues", "[e2e][review]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  json system = review_json(tree)["system"];
  const json* web = find_by(system["services"], "path", "apps/web");
  REQUIRE(web);
  CHECK((*web)["kind"] == "nextjs");
  REQUIRE(system["next_apps"].size() == 1);
  const json& app = system["next_apps"][0];
  CHECK(app["path"] == "apps/web");
  const json* action = find_by(app["server_actions"], "name", "sendInvoices");
  REQUIRE(action);
  CHECK((*action)["path"] == "apps/web/src/app/billing/actions.ts");
  CHECK((*action)["line"] == 8);
  const json* invoices = find_by(system["tables"], "name", "invoices");
  REQUIRE(invoices);
  CHECK((*invoices)["owner"] == "apps/web");
  const json* emails = find_by(system["queues"], "name", "bullmq/emails");
  REQUIRE(emails);
  CHECK((*emails)["producers"] == json::array({"services/api"}));
  CHECK((*emails)["consumers"] == json::array({"workers/jobs"}));
}

TEST_CASE("review: change coupling flags services that ship together, after dropping huge commits",
          "[e2e][review][history]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  json doc = review_json(tree);
  const json* pair = nullptr;
  for (const auto& c : doc["coupling"]["change"])
    if (c["a"] == "services/api" && c["b"] == "workers/jobs") pair = &c;
  REQUIRE(pair);
  CHECK((*pair)["shared_commits"] == 6);
  CHECK((*pair)["revisions_a"] == 7);
  CHECK((*pair)["revisions_b"] == 7);
  CHECK((*pair)["degree"].get<double>() == Approx(6.0 / 7.0));
  CHECK((*pair)["distributed_monolith"] == true);
  for (const auto& c : doc["coupling"]["change"]) CHECK(c["a"] != "generated");
  bool dropped_noted = std::any_of(doc["notes"].begin(), doc["notes"].end(), [](const json& n) {
    return n.get<std::string>().find("1 commit changing more than 50 files left out") != std::string::npos;
  });
  CHECK(dropped_noted);
}

TEST_CASE("review: team coupling counts each module's authors", "[e2e][review][history]") {
  TempTree tree;
  write_shop(tree);
  tree.write_file(".github/CODEOWNERS", "* @shop/everyone\n/apps/web/ @shop/web\n");
  write_history(tree);
  json doc = review_json(tree);
  const json* web = find_by(doc["coupling"]["team"], "path", "apps/web");
  REQUIRE(web);
  CHECK((*web)["commits"] == 10);
  REQUIRE((*web)["authors"].size() == 2);
  CHECK((*web)["authors"][0]["commits"] == 5);
  CHECK((*web)["main_share"].get<double>() == Approx(0.5));
  CHECK((*web)["owners"] == json::array({"@shop/web"}));
  const json* api = find_by(doc["coupling"]["team"], "path", "services/api");
  REQUIRE(api);
  CHECK((*api)["owners"] == json::array({"@shop/everyone"}));
}

TEST_CASE("review: a proposed candidate carries its tables, blockers, framework and svc new command",
          "[e2e][review]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  json doc = review_json(tree);
  const json* billing = find_by(doc["candidates"], "path", "apps/web/**/billing/**");
  REQUIRE(billing);
  CHECK((*billing)["proposed"] == true);
  CHECK((*billing)["framework"] == "hono");
  CHECK((*billing)["tables"] == json::array({"invoices"}));
  CHECK((*billing)["svc_new"].get<std::string>().rfind("svc new billing --template hono --dir ", 0) == 0);
  // catalog imports billing's summary: that import must go before billing can leave.
  const json* blocker = find_by((*billing)["blockers"], "path", "apps/web/src/app/catalog/actions.ts");
  REQUIRE(blocker);
  CHECK((*blocker)["line"] == 4);
  CHECK(!(*billing)["steps"].empty());
}

TEST_CASE("review: --candidate weighs the folder it names", "[e2e][review]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  json doc = review_json(tree, {"--candidate", "apps/web/src/app/catalog"});
  REQUIRE(doc["candidates"].size() == 1);
  const json& c = doc["candidates"][0];
  CHECK(c["path"] == "apps/web/src/app/catalog");
  CHECK(c["proposed"] == false);
  CHECK(c["tables"] == json::array({"products"}));
  const json* blocker = find_by(c["blockers"], "path", "apps/web/src/app/catalog/actions.ts");
  REQUIRE(blocker);  // it imports billing's code, which stays in the app
}

TEST_CASE("review: a shallow clone says so and leaves out change and team coupling", "[e2e][review][history]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  make_shallow(tree.path(), {commit_id(tree.path(), "HEAD")});
  json doc = review_json(tree);
  CHECK(doc["coupling"]["change"].empty());
  CHECK(doc["coupling"]["team"].empty());
  bool said = std::any_of(doc["notes"].begin(), doc["notes"].end(), [](const json& n) {
    return n.get<std::string>().find("shallow") != std::string::npos;
  });
  CHECK(said);
  const json* team = find_by(doc["criteria"], "id", "team");
  REQUIRE(team);
  CHECK((*team)["verdict"] == "unclear");
}

TEST_CASE("review: a folder with no git history is reviewed from its code", "[e2e][review]") {
  TempTree tree;
  write_shop(tree);
  json doc = review_json(tree);
  CHECK(doc["coupling"]["change"].empty());
  CHECK(doc["coupling"]["team"].empty());
  CHECK(doc["history"]["available"] == false);
  bool said = std::any_of(doc["notes"].begin(), doc["notes"].end(), [](const json& n) {
    return n.get<std::string>().find("is not in a git repository") != std::string::npos;
  });
  CHECK(said);
  // The code still speaks: the billing loop that sends mail is long-running work.
  const json* work = find_by(doc["criteria"], "id", "long-running-work");
  REQUIRE(work);
  CHECK((*work)["verdict"] == "split");
  CHECK(find_by((*work)["evidence"], "path", "apps/web/src/app/billing/actions.ts"));
}

TEST_CASE("review: text, markdown and --output", "[e2e][review][cli]") {
  TempTree tree;
  write_shop(tree);
  write_history(tree);
  auto text = run_svc({"review", tree.str()}, hermetic(tree.path()));
  CHECK(text.exit_code == 0);
  CHECK(text.out.find("long-running-work") != std::string::npos);
  CHECK(text.out.find("svc new billing") != std::string::npos);
  TempTree out;
  auto md = run_svc({"review", tree.str(), "--format", "markdown", "--output", out.str() + "/review.md"},
                    hermetic(tree.path()));
  REQUIRE(md.exit_code == 0);
  CHECK(md.out.empty());
  std::string doc = out.read_file("review.md");
  for (const char* part : {"# Architecture review", "## Verdicts", "```mermaid", "## Split criteria", "## Coupling",
                           "## Candidates", "## Notes"})
    CHECK(doc.find(part) != std::string::npos);
}

TEST_CASE("review: usage errors exit 2 with a message", "[e2e][review][cli]") {
  TempTree tree;
  write_shop(tree);
  auto up = run_svc({"review", tree.str(), "--candidate", "../elsewhere"});
  CHECK(up.exit_code == 2);
  CHECK(up.err.find("--candidate '../elsewhere'") != std::string::npos);
  auto format = run_svc({"review", tree.str(), "--format", "html"});
  CHECK(format.exit_code == 2);
  auto missing = run_svc({"review", tree.str() + "/nope"});
  CHECK(missing.exit_code == 2);
  auto days = run_svc({"review", tree.str(), "--history-days", "-3"});
  CHECK(days.exit_code == 2);
}

TEST_CASE("review: a --candidate that selects nothing says so instead of judging it", "[e2e][review]") {
  TempTree tree;
  write_shop(tree);
  json doc = review_json(tree, {"--candidate", "services/nope"});
  REQUIRE(doc["candidates"].size() == 1);
  CHECK(doc["candidates"][0]["verdict"] == "unclear");
  CHECK(doc["candidates"][0]["svc_new"] == "");
  bool noted = std::any_of(doc["notes"].begin(), doc["notes"].end(), [](const json& n) {
    return n.get<std::string>() == "--candidate services/nope selects no file svc reads.";
  });
  CHECK(noted);
}
