// `svc test`: a repository's rules against their fixtures (a folder beside the rule, or
// the rule file's tests:), with per-rule results, a summary and exit codes CI can use.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

constexpr const char* kNoEval = R"yaml(id: no-eval
summary: No eval in services
message: "{what} runs code from a string"
languages: [python]
prefilter: ["eval"]
patterns:
  - query: '((call function: (identifier) @f) @match (#eq? @f "eval"))'
    args: {what: "eval()"}
)yaml";

constexpr const char* kInline = R"yaml(id: no-print
summary: No print in services
message: "print() in service code"
languages: [python]
prefilter: ["print"]
patterns:
  - query: '((call function: (identifier) @f) @match (#eq? @f "print"))'
tests:
  - name: a service module
    files:
      app/main.py: |
        # svc-expect: local/no-print
        print("hi")
        # svc-ok: local/no-print
        log("hi")
)yaml";

void rules_repo(const TempTree& tree) {
  tree.write_file(".svc/rules/no-eval.yaml", kNoEval);
  tree.write_file(".svc/rules/no-print.yaml", kInline);
  tree.write_file(".svc/rules/no-eval/app/main.py",
                  "# svc-expect: local/no-eval\neval(code)\n# svc-ok: local/no-eval\nliteral_eval(code)\n");
}

}  // namespace

TEST_CASE("svc test: fixtures that hold pass, with a line per rule and a summary", "[e2e][svc-test]") {
  TempTree tree;
  rules_repo(tree);
  auto r = run_svc({"test", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == "local/no-eval   ok    1 fixture, 2 expectations");
  CHECK(lines[1] == "local/no-print  ok    1 fixture, 2 expectations");
  CHECK(lines[3] == "2 rules: 2 passed, 0 failed, 0 without fixtures; 4 expectations, 0 problems");
}

TEST_CASE("svc test: a failing expectation exits 1 and says where", "[e2e][svc-test]") {
  TempTree tree;
  rules_repo(tree);
  tree.write_file(".svc/rules/no-eval/app/main.py",
                  "# svc-expect: local/no-eval\nexec(code)\n# svc-ok: local/no-eval\neval(code)\n");
  tree.write_file(".svc/rules/no-eval/app/other.py", "eval(x)\n");
  auto r = run_svc({"test", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("local/no-eval   FAIL") != std::string::npos);
  CHECK(r.out.find(".svc/rules/no-eval/app/main.py:1: expected a local/no-eval finding on line 2, got none") !=
        std::string::npos);
  CHECK(r.out.find(".svc/rules/no-eval/app/main.py:3: expected no local/no-eval finding on line 4, got one") !=
        std::string::npos);
  CHECK(r.out.find("unexpected local/no-eval finding on an svc-ok line") == std::string::npos);  // said once
  CHECK(r.out.find(".svc/rules/no-eval/app/other.py: no svc-expect or svc-ok marker") != std::string::npos);
  CHECK(r.out.find("local/no-print  ok") != std::string::npos);
  CHECK(r.out.find("2 rules: 1 passed, 1 failed") != std::string::npos);

  auto only = run_svc({"test", tree.str(), "--only", "local/no-print"});
  CHECK(only.exit_code == 0);
  CHECK(only.out.find("no-eval") == std::string::npos);

  auto j = run_svc({"test", tree.str(), "--format", "json"});
  CHECK(j.exit_code == 1);
  json doc = json::parse(j.out);
  CHECK(doc["summary"]["failed"] == 1);
  CHECK(doc["rules"][0]["id"] == "local/no-eval");
  CHECK(doc["rules"][0]["status"] == "failed");
  CHECK(doc["rules"][1]["fixtures"][0]["name"] == ".svc/rules/no-print.yaml [a service module]");
}

TEST_CASE("svc test: inline tests: fail like folders, and a rule without fixtures is listed", "[e2e][svc-test]") {
  TempTree tree;
  std::string wrong = kInline;
  wrong.replace(wrong.find("# svc-ok: local/no-print"), 24, "# svc-expect: local/no-print");
  tree.write_file(".svc/rules/no-print.yaml", wrong);
  tree.write_file(".svc/rules/no-eval.yaml", kNoEval);
  auto r = run_svc({"test", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("local/no-eval   NONE  no fixtures: add .svc/rules/no-eval/ or a tests: section") != std::string::npos);
  CHECK(r.out.find(".svc/rules/no-print.yaml [a service module] app/main.py:3: expected a local/no-print finding on "
                   "line 4, got none") != std::string::npos);
}

TEST_CASE("svc test: errors exit 2: a broken rule, no rules, an unknown --only", "[e2e][svc-test]") {
  TempTree tree;
  auto none = run_svc({"test", tree.str()});
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no rule files in") != std::string::npos);
  rules_repo(tree);
  auto unknown = run_svc({"test", tree.str(), "--only", "local/nope"});
  CHECK(unknown.exit_code == 2);
  std::string broken = kNoEval;
  broken.replace(broken.find("(call function"), 14, "(call functon");
  tree.write_file(".svc/rules/no-eval.yaml", broken);
  auto r = run_svc({"test", tree.str()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(".svc/rules/no-eval.yaml:7:") != std::string::npos);
  CHECK(r.err.find("rule local/no-eval: query: python query: unknown field") != std::string::npos);
  CHECK(r.err.find("hint: fix the rule file") != std::string::npos);
}

TEST_CASE("svc test --builtin: every built-in rule needs its folder, and no folder is stray", "[e2e][svc-test]") {
  TempTree tree;
  tree.write_file("no-such-rule/a.py", "# svc-ok: no-such-rule\nx = 1\n");
  auto r = run_svc({"test", "--builtin", tree.str(), "--only", "arch-graphql"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("arch-graphql/: no fixture folder") != std::string::npos);
  CHECK(r.out.find("no-such-rule/: this fixture folder names no built-in rule") != std::string::npos);
}

TEST_CASE("svc test: the guide's three example rules pass their fixtures", "[e2e][svc-test][docs]") {
  std::string examples = std::string(SVC_SOURCE_DIR) + "/examples/custom-rules";
  auto r = run_svc({"test", examples});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("3 rules: 3 passed, 0 failed, 0 without fixtures") != std::string::npos);
}

TEST_CASE("svc test: the guide shows the example rules as they are", "[svc-test][docs]") {
  std::string src = SVC_SOURCE_DIR;
  std::ifstream in(src + "/docs/guide/custom-rules.md");
  std::string guide((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::size_t shown = 0;
  for (std::size_t at = 0; (at = guide.find("```yaml\nid: ", at)) != std::string::npos; ++shown) {
    std::size_t begin = at + 8, end = guide.find("```", begin);
    std::string block = guide.substr(begin, end - begin);
    std::string id = block.substr(4, block.find('\n') - 4);
    std::ifstream file(src + "/examples/custom-rules/.svc/rules/" + id + ".yaml");
    std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    INFO(id);
    CHECK(text == block);
    at = end;
  }
  CHECK(shown == 3);
}

TEST_CASE("svc test: what counts as a route handler, framework by framework", "[e2e][svc-test][local-rules]") {
  // Express inline and named handlers (also wrapped, and behind middleware in a route()
  // chain) and a router mounted by a function, error middleware
  // (not a handler), FastAPI and Django (function and class-based views), NestJS, Go.
  auto r = run_svc({"test", std::string(SVC_SOURCE_DIR) + "/tests/fixtures/local_rules/route-handlers"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("local/in-handler       ok    1 fixture, 44 expectations") != std::string::npos);
  CHECK(r.out.find("local/outside-handler  ok    22 expectations in .svc/rules/in-handler/") != std::string::npos);
}

TEST_CASE("svc test: services: limits a rule by framework, language, kind, name, dependency and tables",
          "[e2e][svc-test][local-rules]") {
  auto r = run_svc({"test", std::string(SVC_SOURCE_DIR) + "/tests/fixtures/local_rules/service-scope"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("6 rules: 6 passed, 0 failed, 0 without fixtures") != std::string::npos);
}
