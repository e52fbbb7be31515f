// Baselines end to end: adopting svc on a repository with findings, then editing it
// (lines inserted above, reformatting, duplicates removed, new findings) — and the
// per-rule `fail:` override of .svc.yaml.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A Hono service with a structured logger: each console call in a handler is a finding.
constexpr const char* kPackage =
    R"({"name": "api", "dependencies": {"hono": "^4.6.0", "pino": "^9.4.0", "hono-pino": "^0.3.0"}})";
constexpr const char* kHeader =
    "import { Hono } from \"hono\";\n"
    "import { pinoLogger } from \"hono-pino\";\n\n"
    "const app = new Hono();\n"
    "app.use(pinoLogger());\n\n";
// One handler with a console call that is identical in every handler.
std::string handler(const std::string& route) {
  return "app.get(\"/v1/" + route + "\", (c) => {\n  console.log(\"listing\", c.req.path);\n  return c.json([]);\n});\n\n";
}
// The same handler after a formatter split the call and changed the quotes.
std::string reformatted_handler(const std::string& route) {
  return "app.get('/v1/" + route + "', (c) => {\n\n    console.log(\n        'listing',\n        c.req.path,\n    );\n"
         "    return c.json([]);\n});\n";
}
constexpr const char* kFooter = "export default app;\n";

struct Repo {
  TempTree tree;
  std::string baseline = (tree.path() / "svc-baseline.json").string();

  explicit Repo(const std::string& routes_ts) {
    tree.write_file("services/api/package.json", kPackage);
    write(routes_ts);
  }
  void write(const std::string& routes_ts) const { tree.write_file("services/api/src/routes.ts", routes_ts); }
  RunResult audit(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args = {"audit", tree.str(), "--only", "logging-unstructured", "--fail-on", "warning"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_svc(args);
  }
  RunResult audit_with_baseline(std::vector<std::string> extra = {}) const {
    extra.insert(extra.begin(), {"--baseline", baseline});
    return audit(extra);
  }
  json baseline_json() const { return json::parse(tree.read_file("svc-baseline.json")); }
};

std::string two_identical() { return kHeader + handler("orders") + handler("items") + kFooter; }

}  // namespace

TEST_CASE("baseline: --write-baseline records findings and exits 0", "[e2e][baseline]") {
  Repo repo(two_identical());
  REQUIRE(repo.audit().exit_code == 1);  // two warnings fail --fail-on warning

  auto w = repo.audit({"--write-baseline", repo.baseline});
  INFO(w.out << w.err);
  CHECK(w.exit_code == 0);
  CHECK(contains(w.out, "wrote 2 findings to " + repo.baseline));
  CHECK(contains(w.out, "2  logging-unstructured"));
  json doc = repo.baseline_json();
  CHECK(doc["version"] == 1);
  REQUIRE(doc["findings"].size() == 2);
  CHECK(doc["findings"][0]["fingerprint"] != doc["findings"][1]["fingerprint"]);
  CHECK(doc["findings"][0]["path"] == "services/api/src/routes.ts");
  CHECK(doc["findings"][0]["rule"] == "logging-unstructured");
  CHECK(!doc["findings"][0]["message"].get<std::string>().empty());

  std::string first = repo.tree.read_file("svc-baseline.json");
  CHECK(repo.audit({"--write-baseline", repo.baseline}).exit_code == 0);
  CHECK(repo.tree.read_file("svc-baseline.json") == first);  // stable bytes
}

TEST_CASE("baseline: known findings are hidden across line shifts and reformatting", "[e2e][baseline]") {
  Repo repo(two_identical());
  REQUIRE(repo.audit({"--write-baseline", repo.baseline}).exit_code == 0);

  SECTION("unchanged") {
    auto r = repo.audit_with_baseline();
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "no findings"));
    CHECK(contains(r.out, "2 hidden by baseline " + repo.baseline));
    CHECK(!contains(r.out, "fixed"));
  }
  SECTION("lines inserted above the findings") {
    repo.write(std::string("// The order routes.\n// More commentary.\n\n") + kHeader + "const unused = 1;\n\n" +
               handler("orders") + handler("items") + kFooter);
    auto r = repo.audit_with_baseline();
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "2 hidden by baseline"));
  }
  SECTION("the file reformatted around the findings") {
    repo.write(std::string(kHeader) + reformatted_handler("orders") + reformatted_handler("items") + kFooter);
    auto plain = repo.audit();
    REQUIRE(plain.exit_code == 1);  // the findings are still there...
    auto r = repo.audit_with_baseline();
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);  // ...and still known
    CHECK(contains(r.out, "2 hidden by baseline"));
  }
}

TEST_CASE("baseline: duplicates, fixed entries and new findings", "[e2e][baseline]") {
  Repo repo(two_identical());
  REQUIRE(repo.audit({"--write-baseline", repo.baseline}).exit_code == 0);

  SECTION("one of two identical findings removed: one hidden, one entry fixed") {
    repo.write(kHeader + handler("orders") + kFooter);
    auto r = repo.audit_with_baseline();
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "1 hidden by baseline " + repo.baseline +
                              ", 1 baseline entry fixed (run with --update-baseline to drop them)"));
  }
  SECTION("a third identical finding is new: reported, and fails") {
    repo.write(kHeader + handler("orders") + handler("items") + handler("users") + kFooter);
    auto r = repo.audit_with_baseline();
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    CHECK(contains(r.out, "1 finding (0 errors, 1 warning, 0 info)"));
    CHECK(contains(r.out, "2 hidden by baseline"));
  }
  SECTION("json summary carries the baseline counts; hidden findings are not listed") {
    repo.write(kHeader + handler("orders") + "app.get(\"/v1/x\", (c) => { console.error(\"boom\"); return c.json(1); });\n" +
               kFooter);
    auto r = repo.audit_with_baseline({"--format", "json"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);
    json doc = json::parse(r.out);
    CHECK(doc["summary"]["baseline"] == json{{"file", repo.baseline}, {"hidden", 1}, {"fixed", 1}});
    REQUIRE(doc["findings"].size() == 1);
    CHECK(contains(doc["findings"][0]["message"].get<std::string>(), "console.error"));
  }
  SECTION("--update-baseline drops fixed entries and adds none") {
    repo.write(kHeader + handler("orders") + "app.get(\"/v1/x\", (c) => { console.error(\"boom\"); return c.json(1); });\n" +
               kFooter);
    auto r = repo.audit_with_baseline({"--update-baseline"});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 1);  // the new finding still fails
    CHECK(contains(r.err, "dropped 1 fixed entry from " + repo.baseline + " (1 left)"));
    json doc = repo.baseline_json();
    REQUIRE(doc["findings"].size() == 1);
    auto again = repo.audit_with_baseline();
    CHECK(contains(again.out, "1 hidden by baseline"));
    CHECK(!contains(again.out, "fixed"));
  }
}

TEST_CASE("baseline: unusable baseline files and option mistakes exit 2", "[e2e][baseline]") {
  Repo repo(two_identical());
  SECTION("malformed") {
    repo.tree.write_file("svc-baseline.json", "{\"version\": 1, \"findings\": [\n");
    auto r = repo.audit_with_baseline();
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "svc: error: " + repo.baseline + ": not valid JSON"));
    CHECK(r.out.empty());
  }
  SECTION("missing") {
    auto r = repo.audit_with_baseline();
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "cannot read baseline " + repo.baseline + ": No such file or directory"));
    CHECK(contains(r.err, "hint: record one with `svc audit --write-baseline"));
  }
  SECTION("--update-baseline without --baseline") {
    auto r = repo.audit({"--update-baseline"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--update-baseline needs --baseline FILE"));
  }
  SECTION("--write-baseline with --since") {
    auto r = repo.audit({"--write-baseline", repo.baseline, "--since", "HEAD"});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, "--write-baseline cannot be combined with --since"));
  }
}

TEST_CASE("config: a rule's fail: overrides --fail-on for the exit code", "[e2e][baseline][config]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);  // an error and two warnings
  REQUIRE(run_svc({"audit", tree.str()}).exit_code == 1);

  SECTION("fail: false reports the finding but never fails") {
    tree.write_file(".svc.yaml", "rules:\n  docker-root-user: {fail: false}\n");
    auto r = run_svc({"audit", tree.str()});
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK(contains(r.out, "[docker-root-user]"));
    CHECK(run_svc({"audit", tree.str(), "--fail-on", "warning"}).exit_code == 1);  // the warnings still can
  }
  SECTION("fail: true fails on a warning below --fail-on") {
    tree.write_file(".svc.yaml", "rules:\n  docker-root-user: {fail: false}\n  docker-single-stage: {fail: true}\n");
    CHECK(run_svc({"audit", tree.str()}).exit_code == 1);
    CHECK(run_svc({"audit", tree.str(), "--fail-on", "never"}).exit_code == 0);  // never means never
  }
  SECTION("a bad value is located") {
    tree.write_file(".svc.yaml", "rules:\n  docker-root-user: {severity: warning, fail: sometimes}\n");
    auto r = run_svc({"audit", tree.str()});
    CHECK(r.exit_code == 2);
    CHECK(contains(r.err, ".svc.yaml:2:47: fail must be true or false"));
  }
}
