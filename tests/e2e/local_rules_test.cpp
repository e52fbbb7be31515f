// A repository's own rules (.svc/rules/*.yaml) end to end: two house rules of a Hono
// monorepo run through every report format, --since, suppressions, baselines, --only and
// .svc.yaml settings, the way the built-in rules do; a broken rule file stops the run.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "checks/report/reporter.h"
#include "e2e/cli_runner.h"
#include "e2e/git_history.h"
#include "e2e/git_repo.h"
#include "e2e/sarif_schema.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

constexpr const char* kNoAxios = R"(id: no-axios
severity: error
summary: Services call each other through @acme/http, not axios
description: >-
  @acme/http adds retries with backoff, tracing headers and timeouts; a bare HTTP client
  skips all three.
message: "{what}: use @acme/http's client"
docs: |
  # local/no-axios: Services call each other through @acme/http

  Our client adds retries, tracing and timeouts. Replace `axios.get(url)` with `http.get(url)`.
help_uri: https://wiki.example.com/rules/no-axios
languages: [typescript, javascript]
prefilter: ["${banned}"]
options:
  banned: [axios]
patterns:
  - query: |
      (import_statement source: (string (string_fragment) @pkg) (#any-of? @pkg ${banned})) @match
    args: {what: "import of {pkg}"}
)";

constexpr const char* kHandlerEnv = R"(id: handler-no-env
summary: Route handlers read settings, not process.env
message: "`{env}` in a route handler: read it once at startup"
languages: [typescript]
prefilter: ["process.env"]
services: {frameworks: [hono, express], kinds: [http]}
patterns:
  - query: |
      (member_expression
        object: (member_expression object: (identifier) @p property: (property_identifier) @e)
        (#eq? @p "process") (#eq? @e "env")) @match
    in_route_handler: true
    args: {env: "{match}"}
)";

constexpr const char* kPackage = R"({"name": "orders", "dependencies": {"hono": "4.6.0", "axios": "1.7.0"}})";

constexpr const char* kIndex = R"(import { Hono } from "hono";
import axios from "axios";

const app = new Hono();

app.get("/health", (c) => c.text("ok"));

app.get("/v1/orders", async (c) => {
  const token = process.env.API_TOKEN;
  const r = await axios.get("http://stock/v1", { headers: { token } });
  return c.json(r.data);
});

export const port = Number(process.env.PORT ?? 3000);
export default app;
)";

// services/orders (hono) with one finding of each local rule: no-axios at 2, handler-no-env at 9.
void house_repo(const TempTree& tree) {
  tree.write_file(".svc/rules/no-axios.yaml", kNoAxios);
  tree.write_file(".svc/rules/handler-env.yaml", kHandlerEnv);
  tree.write_file("services/orders/package.json", kPackage);
  tree.write_file("services/orders/src/index.ts", kIndex);
}

RunResult audit(const TempTree& tree, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"audit", tree.str(), "--fail-on", "never", "--no-cache"};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_svc(args, hermetic(tree.path()));
}

std::set<std::string> local_findings(const RunResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> out;
  json report = json::parse(r.out);
  for (const auto& f : report["findings"]) {
    std::string rule = f["rule"];
    if (rule.rfind("local/", 0) == 0 && !f["suppressed"].get<bool>())
      out.insert(rule + " " + f["path"].get<std::string>() + ":" + std::to_string(f["line"].get<int>()));
  }
  return out;
}

const std::string kAxios = "local/no-axios services/orders/src/index.ts:2";
const std::string kEnv = "local/handler-no-env services/orders/src/index.ts:9";

}  // namespace

TEST_CASE("local rules: both house rules report where they should and nowhere else", "[e2e][local-rules]") {
  TempTree tree;
  house_repo(tree);
  CHECK(local_findings(audit(tree, {"--format", "json"})) == std::set<std::string>{kAxios, kEnv});
  // process.env outside a handler (port, line 14) is fine; the rule folder, whose
  // fixtures import axios on purpose, is not audited.
  tree.write_file(".svc/rules/no-axios/services/orders/src/bad.ts", "import axios from \"axios\";\n");
  tree.write_file(".svc/rules/no-axios/services/orders/package.json", kPackage);
  auto text = audit(tree);
  CHECK(text.out.find("index.ts:14") == std::string::npos);
  CHECK(text.out.find(".svc/rules") == std::string::npos);
}

TEST_CASE("local rules: every report format carries them", "[e2e][local-rules][formats]") {
  TempTree tree;
  house_repo(tree);
  for (const auto& format : svc::report::report_formats()) {
    INFO(format);
    auto r = audit(tree, {"--format", format});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find("local/no-axios") != std::string::npos);
    CHECK(r.out.find("local/handler-no-env") != std::string::npos);
  }
  auto github = audit(tree, {"--format", "github"});
  CHECK(github.out.find("::error file=services/orders/src/index.ts,line=2") != std::string::npos);

  auto sarif = audit(tree, {"--format", "sarif"});
  auto valid = validate_sarif(tree, sarif.out);
  INFO(valid.out);
  CHECK(valid.exit_code == 0);
  json doc = json::parse(sarif.out);
  json axios, env;
  for (const auto& rule : doc["runs"][0]["tool"]["driver"]["rules"]) {
    if (rule["id"] == "local/no-axios") axios = rule;
    if (rule["id"] == "local/handler-no-env") env = rule;
  }
  REQUIRE(axios.is_object());
  REQUIRE(env.is_object());
  CHECK(axios["name"] == "NoAxios");
  CHECK(axios["shortDescription"]["text"] == "Services call each other through @acme/http, not axios");
  CHECK(axios["fullDescription"]["text"].get<std::string>().find("retries with backoff") != std::string::npos);
  CHECK(axios["help"]["markdown"].get<std::string>().find("http.get(url)") != std::string::npos);
  CHECK(axios["helpUri"] == "https://wiki.example.com/rules/no-axios");
  CHECK(axios["defaultConfiguration"]["level"] == "error");
  CHECK(axios["properties"]["source"] == ".svc/rules/no-axios.yaml");
  CHECK_FALSE(env.contains("helpUri"));  // none given: no made-up address
  CHECK(env["help"]["text"].get<std::string>().find("Route handlers read settings") != std::string::npos);
}

TEST_CASE("local rules: --only, --disable, severity and options from .svc.yaml", "[e2e][local-rules][config]") {
  TempTree tree;
  house_repo(tree);
  CHECK(local_findings(audit(tree, {"--format", "json", "--only", "local/no-axios"})) == std::set<std::string>{kAxios});
  CHECK(local_findings(audit(tree, {"--format", "json", "--disable", "local/no-axios"})) == std::set<std::string>{kEnv});
  auto unknown = audit(tree, {"--only", "local/no-such"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("no rule file in the repository declares it") != std::string::npos);

  // The handler rule raised to error fails the run at the default --fail-on.
  tree.write_file(".svc.yaml", "rules:\n  local/handler-no-env: error\n  local/no-axios: off\n  health-endpoint-missing: off\n");
  auto strict = run_svc({"audit", tree.str(), "--format", "json", "--no-cache"}, hermetic(tree.path()));
  CHECK(strict.exit_code == 1);
  std::set<std::string> errors;
  json strict_report = json::parse(strict.out);
  for (const auto& f : strict_report["findings"])
    if (f["severity"] == "error") errors.insert(f["rule"]);
  CHECK(errors == std::set<std::string>{"local/handler-no-env"});

  // An option widens the banned list, prefilter included.
  tree.write_file("services/orders/src/fetcher.ts", "import got from \"got\";\nexport const f = got;\n");
  tree.write_file(".svc.yaml", "rules:\n  local/no-axios: {banned: [axios, got]}\n");
  auto widened = local_findings(audit(tree, {"--format", "json"}));
  CHECK(widened.count("local/no-axios services/orders/src/fetcher.ts:1"));
  CHECK(widened.count(kAxios));

  tree.write_file(".svc.yaml", "rules:\n  local/no-axios: {bannd: [got]}\n");
  auto typo = audit(tree);
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find(".svc.yaml:2:20: unknown option 'bannd' for rule local/no-axios") != std::string::npos);
}

TEST_CASE("local rules: suppressions and baselines work for them", "[e2e][local-rules][baseline]") {
  TempTree tree;
  house_repo(tree);
  std::string suppressed = kIndex;
  suppressed.replace(suppressed.find("import axios"), 0, "// svc-ignore local/no-axios: migrating in ORD-12\n");
  tree.write_file("services/orders/src/index.ts", suppressed);
  auto r = audit(tree, {"--format", "json"});
  json report = json::parse(r.out);
  bool found = false;
  for (const auto& f : report["findings"])
    if (f["rule"] == "local/no-axios") {
      found = true;
      CHECK(f["suppressed"] == true);
    } else {
      CHECK(f["rule"] != "suppression-unused");
    }
  CHECK(found);

  tree.write_file("services/orders/src/index.ts", kIndex);
  auto baseline = (tree.path() / "baseline.json").string();
  auto write = audit(tree, {"--write-baseline", baseline});
  INFO(write.err);
  REQUIRE(write.exit_code == 0);
  CHECK(local_findings(audit(tree, {"--format", "json", "--baseline", baseline})).empty());
}

TEST_CASE("local rules: --since reports only their findings on changed lines", "[e2e][local-rules][since]") {
  TempTree tree;
  { GitRepo init(tree.path()); }
  switch_head(tree.path(), "main");
  house_repo(tree);
  {
    GitRepo repo(tree.path());
    repo.add({".svc/rules/no-axios.yaml", ".svc/rules/handler-env.yaml", "services/orders/package.json",
              "services/orders/src/index.ts"});
    repo.commit("base");
  }
  create_branch(tree.path(), "feature");
  switch_head(tree.path(), "feature");
  tree.write_file("services/orders/src/client.ts", "import axios from \"axios\";\nexport const c = axios.create();\n");
  auto since = local_findings(audit(tree, {"--format", "json", "--since", "main"}));
  CHECK(since == std::set<std::string>{"local/no-axios services/orders/src/client.ts:1"});
  CHECK(local_findings(audit(tree, {"--format", "json"})).size() == 3);
}

TEST_CASE("local rules: an id cannot stand for a built-in rule", "[e2e][local-rules]") {
  TempTree tree;
  tree.write_file(".svc/rules/root.yaml", R"(id: docker-root-user
summary: a team's rule of the same name
message: "{what}"
languages: [python]
patterns:
  - query: "(call function: (identifier) @f (#eq? @f \"eval\")) @match"
    args: {what: "eval"}
)");
  tree.write_file("svc/app.py", "eval('1')\n");
  tree.write_file("svc/Dockerfile", "FROM python:3.12-slim AS build\nFROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n");
  auto r = run_svc({"rules", tree.str(), "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::set<std::string> ids;
  json listed = json::parse(r.out);
  for (const auto& rule : listed) ids.insert(rule["id"]);
  CHECK(ids.count("docker-root-user"));
  CHECK(ids.count("local/docker-root-user"));
  std::set<std::string> rules;
  json shadow = json::parse(audit(tree, {"--format", "json"}).out);
  for (const auto& f : shadow["findings"]) rules.insert(f["rule"]);
  CHECK(rules.count("docker-root-user"));
  CHECK(rules.count("local/docker-root-user"));
}

TEST_CASE("local rules: svc explain prints the rule's docs", "[e2e][local-rules]") {
  TempTree tree;
  house_repo(tree);
  auto r = run_svc({"explain", "local/no-axios", tree.str()});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Replace `axios.get(url)`") != std::string::npos);
  CHECK(r.out.find("Defined in .svc/rules/no-axios.yaml") != std::string::npos);
  auto generated = run_svc({"explain", "local/handler-no-env", tree.str()});
  CHECK(generated.out.find("Route handlers read settings, not process.env") != std::string::npos);
  auto typo = run_svc({"explain", "local/no-axio", tree.str()});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err.find("did you mean 'local/no-axios'") != std::string::npos);
}

TEST_CASE("local rules: rules_dir in .svc.yaml moves the folder", "[e2e][local-rules][config]") {
  TempTree tree;
  house_repo(tree);
  tree.write_file("platform/rules/no-axios.yaml", kNoAxios);
  std::filesystem::remove_all(tree.path() / ".svc");
  tree.write_file(".svc.yaml", "rules_dir: platform/rules\n");
  CHECK(local_findings(audit(tree, {"--format", "json"})) == std::set<std::string>{kAxios});
  tree.write_file(".svc.yaml", "rules_dir: platform/missing\n");
  auto missing = audit(tree);
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find(".svc.yaml:1:12: rules_dir: no folder platform/missing") != std::string::npos);
  tree.write_file(".svc.yaml", "rules_dir: ../elsewhere\n");
  CHECK(audit(tree).exit_code == 2);
}

TEST_CASE("local rules: a changed rule file is not answered from the result cache", "[e2e][local-rules][cache]") {
  TempTree tree;
  house_repo(tree);
  auto cache = (tree.path() / "cache").string();
  auto run = [&] {
    auto r = run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never", "--cache-dir", cache},
                     hermetic(tree.path()));
    return local_findings(r);
  };
  CHECK(run().count(kAxios));
  std::string renamed = kNoAxios;
  renamed.replace(renamed.find("{what}: use"), 11, "{what}: prefer");
  tree.write_file(".svc/rules/no-axios.yaml", renamed);
  auto r = run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never", "--cache-dir", cache},
                   hermetic(tree.path()));
  CHECK(r.out.find("prefer @acme/http") != std::string::npos);
}

TEST_CASE("local rules: svc graph runs none, and their settings do not trouble it", "[e2e][local-rules][graph]") {
  TempTree tree;
  house_repo(tree);
  tree.write_file(".svc.yaml", "rules:\n  local/no-axios: error\n");
  tree.write_file(".svc/rules/broken.yaml", "id: broken\nsummary: [\n");
  auto graph = run_svc({"graph", tree.str(), "--format", "json"});
  INFO(graph.err);
  CHECK(graph.exit_code == 0);
  auto audit_run = audit(tree);
  CHECK(audit_run.exit_code == 2);
  CHECK(audit_run.err.find(".svc/rules/broken.yaml:3:1: rule file broken.yaml:") != std::string::npos);
}
