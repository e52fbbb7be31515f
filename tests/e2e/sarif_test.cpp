// SARIF for code-scanning uploads: valid against the OASIS schema and carrying
// rules, fingerprints and in-source suppressions with their justification.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "checks/core/rule_catalog.h"
#include "e2e/cli_runner.h"
#include "e2e/sarif_schema.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

json* result_for(json& results, const std::string& rule, const std::string& uri) {
  for (auto& r : results)
    if (r["ruleId"] == rule && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == uri) return &r;
  return nullptr;
}

}  // namespace

TEST_CASE("sarif: the report validates against the SARIF 2.1.0 schema", "[e2e][formats][sarif]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kSuppressedRootDockerfile);
  tree.write_file("services/web/Dockerfile.blob", std::string("FROM x\0y", 8));  // a skipped file
  auto r = run_svc({"audit", tree.str(), "--format", "sarif"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  auto v = validate_sarif(tree, r.out);
  INFO(v.out << v.err);
  CHECK(v.exit_code == 0);
}

TEST_CASE("sarif: the validator used by these tests rejects a broken document", "[e2e][formats][sarif]") {
  TempTree tree;
  auto v = validate_sarif(tree, R"({"version": "2.1.0", "runs": [{"results": [{"level": "fatal"}]}]})");
  CHECK(v.exit_code == 1);
  CHECK(v.out.find("'tool' is a required property") != std::string::npos);
}

TEST_CASE("sarif: driver, rules, results, fingerprints and suppressions", "[e2e][formats][sarif]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kSuppressedRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "sarif", "--disable", "docker-single-stage"});
  INFO(r.err);
  REQUIRE(r.exit_code == 1);
  json doc = json::parse(r.out);
  json report = json::parse(run_svc({"audit", tree.str(), "--format", "json", "--disable", "docker-single-stage"}).out);

  CHECK(doc["version"] == "2.1.0");
  CHECK(doc["$schema"].get<std::string>().find("sarif") != std::string::npos);
  REQUIRE(doc["runs"].size() == 1);
  json& run = doc["runs"][0];
  json& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "svc");
  CHECK(driver["version"] == SVC_VERSION);
  CHECK(driver["informationUri"] == svc::engine::kRepositoryUrl);
  CHECK(run["columnKind"] == "unicodeCodePoints");
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + tree.str() + "/");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK_FALSE(run["invocations"][0].contains("toolExecutionNotifications"));

  // rules[]: every rule that ran, in catalog order, and only those.
  std::vector<std::string> expected_ids;
  for (const auto& rule : svc::engine::RuleCatalog::builtin().rules())
    if (rule.id != "docker-single-stage") expected_ids.push_back(rule.id);
  std::vector<std::string> ids;
  for (const auto& rule : driver["rules"]) ids.push_back(rule["id"]);
  CHECK(ids == expected_ids);
  for (auto& d : driver["rules"]) {
    const auto* info = svc::engine::RuleCatalog::builtin().find(d["id"]);
    REQUIRE(info);
    INFO(info->id);
    CHECK(d["name"] == info->name);
    CHECK(d["shortDescription"]["text"] == info->summary);
    CHECK(d["fullDescription"]["text"] == info->description);
    // The doc page; the description stands in while a rule has none (the catalog test flags that).
    const std::string& help = info->doc.empty() ? info->description : info->doc;
    CHECK(d["help"]["text"] == help);
    CHECK(d["help"]["markdown"] == help);
    CHECK(d["helpUri"] == info->help_uri);
    std::string level = d["defaultConfiguration"]["level"];
    CHECK(level == (info->severity == svc::engine::Severity::info ? "note" : svc::engine::to_string(info->severity)));
  }

  // results[]: every finding, suppressed ones included, pointing back at its rule.
  json& results = run["results"];
  REQUIRE(results.size() == report["findings"].size());
  for (std::size_t i = 0; i < results.size(); ++i) {
    json &res = results[i], &f = report["findings"][i];
    INFO(res.dump());
    CHECK(res["ruleId"] == f["rule"]);
    CHECK(driver["rules"].at(res["ruleIndex"].get<std::size_t>())["id"] == res["ruleId"]);
    CHECK(res["message"]["text"] == f["message"]);
    CHECK(res["partialFingerprints"] == json{{"svc/v1", f["fingerprint"]}});
    CHECK(res["properties"] == json{{"service", f["service"]}});
    json& loc = res["locations"][0]["physicalLocation"];
    CHECK(loc["artifactLocation"] == json{{"uri", f["path"]}, {"uriBaseId", "SRCROOT"}});
    CHECK(loc["region"]["startLine"] == f["line"]);
    CHECK(loc["region"]["startColumn"] == f["column"]);
    CHECK(loc["region"]["endLine"] == f["end_line"]);
    CHECK(loc["region"]["endColumn"] == f["end_column"]);
    CHECK(res.contains("suppressions") == f["suppressed"].get<bool>());
  }

  json* root_user = result_for(results, "docker-root-user", "services/api/Dockerfile");
  REQUIRE(root_user);
  CHECK((*root_user)["level"] == "error");
  CHECK((*root_user)["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "FROM node:22-slim");
  json* healthcheck = result_for(results, "docker-no-healthcheck", "services/api/Dockerfile");
  REQUIRE(healthcheck);
  CHECK((*healthcheck)["level"] == "warning");

  json* suppressed = result_for(results, "docker-root-user", "services/web/Dockerfile");
  REQUIRE(suppressed);
  CHECK((*suppressed)["suppressions"] ==
        json::array({{{"kind", "inSource"}, {"justification", "the entrypoint drops privileges with gosu"}}}));
}

TEST_CASE("sarif: skipped files become tool notifications", "[e2e][formats][sarif]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);
  tree.write_file("services/api/Dockerfile.blob", std::string("FROM x\0y", 8));
  auto r = run_svc({"audit", tree.str(), "--format", "sarif"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json doc = json::parse(r.out);
  json& invocation = doc["runs"][0]["invocations"][0];
  CHECK(invocation["executionSuccessful"] == true);
  REQUIRE(invocation["toolExecutionNotifications"].size() == 1);
  CHECK(invocation["toolExecutionNotifications"][0]["message"]["text"].get<std::string>().find("1 binary") !=
        std::string::npos);
}

TEST_CASE("sarif: artifact URIs are percent-encoded", "[e2e][formats][sarif]") {
  TempTree tree;
  tree.write_file("services/my api#1/Dockerfile", kRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "sarif", "--only", "docker-root-user"});
  REQUIRE(r.exit_code == 1);
  json doc = json::parse(r.out);
  json& results = doc["runs"][0]["results"];
  REQUIRE(results.size() == 1);
  CHECK(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "services/my%20api%231/Dockerfile");
}

TEST_CASE("sarif: a subfolder of a git repository is reported from the repository's root", "[e2e][formats][sarif]") {
  TempTree tree;
  tree.write_file("platform/services/api/Dockerfile", kRootDockerfile);
  GitRepo repo(tree.path());
  repo.add({"platform/services/api/Dockerfile"});
  repo.commit("api");
  auto r = run_svc({"audit", (tree.path() / "platform").string(), "--format", "sarif", "--only", "docker-root-user"});
  REQUIRE(r.exit_code == 1);
  json run = json::parse(r.out)["runs"][0];
  REQUIRE(run["results"].size() == 1);
  // Code scanning resolves URIs from the repository's root, not from the audited folder.
  CHECK(run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "platform/services/api/Dockerfile");
  CHECK(run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + tree.str() + "/");
}
