// arch-graphql on small trees: package.json hits (JSON cannot hold an inline
// expectation of its own), suppressing in JSON, once per service, options.
#include <catch2/catch.hpp>

#include "checks/engine/runner.h"
#include "e2e/temp_tree.h"

using namespace svc;
using svc::e2e::TempTree;

namespace {

std::vector<engine::Finding> audit(const TempTree& tree) {
  engine::AuditOptions options;
  options.root = tree.str();
  options.only = {"arch-graphql", "suppression-unused"};
  options.jobs = 2;
  return engine::run_audit(options).findings;
}

}  // namespace

TEST_CASE("arch-graphql: a GraphQL server in package.json", "[arch-graphql]") {
  TempTree tree;
  tree.write_file("services/gateway/package.json",
                  "{\n  \"name\": \"gateway\",\n  \"dependencies\": {\n    \"express\": \"^4\",\n"
                  "    \"graphql\": \"^16\",\n    \"@apollo/server\": \"^4\"\n  }\n}\n");
  auto findings = audit(tree);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule == "arch-graphql");
  CHECK(findings[0].severity == engine::Severity::info);
  CHECK(findings[0].path == "services/gateway/package.json");
  CHECK(findings[0].line == 6);
  CHECK(findings[0].column == 5);
  CHECK(findings[0].message.find("gateway runs a GraphQL server (@apollo/server)") != std::string::npos);
  CHECK(findings[0].message.find("svc-ignore-file arch-graphql") != std::string::npos);
}

TEST_CASE("arch-graphql: a top-level \"//\" directive suppresses it in package.json", "[arch-graphql]") {
  TempTree tree;
  tree.write_file("services/gateway/package.json",
                  "{\n  \"//\": \"svc-ignore-file arch-graphql: federation gateway for the mobile app\",\n"
                  "  \"dependencies\": {\"fastify\": \"^5\", \"mercurius\": \"^14\"}\n}\n");
  auto findings = audit(tree);
  REQUIRE(findings.size() == 1);  // and no suppression-unused
  CHECK(findings[0].suppressed);
  CHECK(findings[0].suppression_reason.rfind("federation gateway for the mobile app", 0) == 0);
}

TEST_CASE("arch-graphql: clients and dev-only servers are not reported", "[arch-graphql]") {
  TempTree tree;
  tree.write_file("services/web/package.json",
                  R"({"dependencies": {"hono": "^4", "@apollo/client": "^3", "graphql": "^16", "urql": "^4"},
                      "devDependencies": {"graphql-yoga": "^5"}})");
  tree.write_file("services/reports/requirements.txt", "fastapi\ngql[requests]\n");
  tree.write_file("services/reports/requirements-test.txt", "ariadne\n");
  CHECK(audit(tree).empty());
}

TEST_CASE("arch-graphql: once per service, naming every server package", "[arch-graphql]") {
  TempTree tree;
  tree.write_file("services/catalog/pyproject.toml",
                  "[project]\nname = \"catalog\"\ndependencies = [\n  \"fastapi\",\n  \"strawberry-graphql[fastapi]>=0.2\",\n]\n");
  tree.write_file("services/catalog/requirements.txt", "fastapi\nGraphene==3.3\nstrawberry_graphql\n");
  auto findings = audit(tree);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].path == "services/catalog/pyproject.toml");
  CHECK(findings[0].line == 5);
  CHECK(findings[0].message.find("strawberry-graphql, graphene") != std::string::npos);
}

TEST_CASE("arch-graphql: server_packages from .svc.yaml", "[arch-graphql]") {
  TempTree tree;
  tree.write_file(".svc.yaml", "rules:\n  arch-graphql: {server_packages: [acme-graphql-kit]}\n");
  tree.write_file("services/a/requirements.txt", "fastapi\nacme_graphql_kit==1.0\n");
  tree.write_file("services/b/requirements.txt", "fastapi\ngraphene\n");
  auto findings = audit(tree);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].path == "services/a/requirements.txt");
  CHECK(findings[0].line == 2);
}
