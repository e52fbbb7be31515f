// A repository rule's queries are bounded in time per file: past the budget the rule
// stops on that file, the run says so, and every other file and rule goes on.
#include <catch2/catch.hpp>

#include <string>

#include "checks/engine/runner.h"
#include "checks/syntax/query.h"
#include "checks/syntax/syntax_tree.h"
#include "e2e/temp_tree.h"

using namespace svc::engine;

namespace {

constexpr const char* kEveryNode = R"yaml(id: every-node
summary: matches every node
message: "{what}"
languages: [typescript]
patterns:
  - query: "((_) @match (#match? @match \"x\"))"
    args: {what: "a node"}
)yaml";

}  // namespace

TEST_CASE("query budget: a query past its time stops with QueryTimeout", "[local-rules][budget]") {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "const x" + std::to_string(i) + " = f(x, [x, {x}]);\n";
  SourceFile file("a.ts", Language::typescript, text);
  auto tree = SyntaxTree::parse(file);
  REQUIRE(tree);
  Query q(Language::typescript, "((_) @n (#match? @n \"x\"))");
  std::size_t unbounded = 0;
  q.for_each(*tree, [&](const QueryMatch&) { ++unbounded; });
  CHECK(unbounded > 10000);
  QueryBudget budget(1);  // one microsecond: spent before the first match is checked
  CHECK_THROWS_AS(q.for_each(*tree, [](const QueryMatch&) {}), QueryTimeout);
}

TEST_CASE("query budget: the audit reports the stopped rule and goes on", "[local-rules][budget]") {
  svc::e2e::TempTree tree;
  tree.write_file(".svc/rules/every.yaml", kEveryNode);
  tree.write_file("web/package.json", R"({"dependencies": {"express": "4.0.0"}})");
  tree.write_file("web/a.ts", "const x = 1;\n");
  tree.write_file("web/Dockerfile", "FROM node:22-slim\nCMD [\"node\", \"a.js\"]\n");
  AuditOptions options;
  options.root = tree.str();
  options.query_budget_micros = 1;
  AuditResult result = run_audit(options);
  bool reported = false;
  for (const auto& p : result.problems)
    reported = reported || p == "web/a.ts: rule local/every-node took over 0 ms here and was stopped: not analysed for it";
  CHECK(reported);
  bool built_in = false;
  for (const auto& f : result.findings) {
    CHECK(f.rule != "local/every-node");
    built_in = built_in || f.rule == "docker-root-user";
  }
  CHECK(built_in);

  options.query_budget_micros = 2'000'000;
  std::size_t found = 0;
  for (const auto& f : run_audit(options).findings) found += f.rule == "local/every-node";
  CHECK(found > 0);
}
