// The CI report formats end to end, each parsed back by a real parser: JUnit XML by
// Python's xml.etree (what a strict consumer does), Code Climate JSON by nlohmann,
// and the Markdown tables checked row by row.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "checks/core/rule_catalog.h"
#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

// Parses a JUnit file with ElementTree and prints its structure as JSON. Any XML
// error makes Python exit non-zero with the parser's message.
constexpr const char* kJunitToJson = R"(
import json, sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
def case(c):
    f, s = c.find("failure"), c.find("skipped")
    return {"classname": c.get("classname"), "name": c.get("name"), "file": c.get("file"),
            "failures": len(c.findall("failure")),
            "failure": None if f is None else {"message": f.get("message"), "type": f.get("type"), "text": f.text},
            "skipped": None if s is None else s.get("message")}
print(json.dumps({"tag": root.tag, "attrib": root.attrib,
                  "suites": [{"attrib": s.attrib, "cases": [case(c) for c in s.findall("testcase")]}
                             for s in root.findall("testsuite")]}))
)";

json parse_junit(const TempTree& tree, const std::string& xml) {
  auto file = tree.write_file("report.junit.xml", xml);
  auto r = run_program({SVC_PYTHON, "-c", kJunitToJson, file.string()});
  INFO(xml << r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}


const json* suite_named(const json& junit, const std::string& rule) {
  for (const auto& s : junit["suites"])
    if (s["attrib"]["name"] == rule) return &s;
  return nullptr;
}

const json* case_named(const json& suite, const std::string& name) {
  for (const auto& c : suite["cases"])
    if (c["name"] == name) return &c;
  return nullptr;
}

int attr(const json& element, const char* name) { return std::stoi(element["attrib"][name].get<std::string>()); }

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

RunOptions without_github() {
  RunOptions o;
  o.env = {{"GITHUB_SERVER_URL", std::nullopt}, {"GITHUB_REPOSITORY", std::nullopt}, {"GITHUB_SHA", std::nullopt}};
  return o;
}

}  // namespace

TEST_CASE("junit: a suite per rule, a case per rule and file, failures for findings", "[e2e][formats][junit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kSuppressedRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "junit"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  json junit = parse_junit(tree, r.out);
  json report = json::parse(run_svc({"audit", tree.str(), "--format", "json"}).out);

  CHECK(junit["tag"] == "testsuites");
  CHECK(junit["attrib"]["name"] == "svc");
  // Every rule that ran has its suite, in catalog order.
  const auto& catalog = svc::engine::RuleCatalog::builtin().rules();
  REQUIRE(junit["suites"].size() == catalog.size());
  for (std::size_t i = 0; i < catalog.size(); ++i) CHECK(junit["suites"][i]["attrib"]["name"] == catalog[i].id);

  int tests = 0, failures = 0, skipped = 0;
  for (const auto& s : junit["suites"]) {
    int suite_failures = 0, suite_skipped = 0;
    for (const auto& c : s["cases"]) {
      CHECK(c["classname"] == s["attrib"]["name"]);
      CHECK(c["failures"].get<int>() <= 1);
      suite_failures += c["failure"].is_null() ? 0 : 1;
      suite_skipped += c["skipped"].is_null() ? 0 : 1;
    }
    CHECK(attr(s, "tests") == static_cast<int>(s["cases"].size()));
    CHECK(attr(s, "failures") == suite_failures);
    CHECK(attr(s, "skipped") == suite_skipped);
    tests += attr(s, "tests");
    failures += suite_failures;
    skipped += suite_skipped;
  }
  CHECK(attr(junit, "tests") == tests);
  CHECK(attr(junit, "failures") == failures);
  CHECK(attr(junit, "skipped") == skipped);
  CHECK(failures == 5);  // the unsuppressed findings, each alone in its rule and file
  CHECK(skipped == 1);

  const json* root_user = suite_named(junit, "docker-root-user");
  REQUIRE(root_user);
  REQUIRE((*root_user)["cases"].size() == 2);
  const json* api = case_named(*root_user, "services/api/Dockerfile");
  REQUIRE(api);
  CHECK((*api)["file"] == "services/api/Dockerfile");
  CHECK((*api)["failure"]["type"] == "error");
  std::string message;
  for (const auto& f : report["findings"])
    if (f["rule"] == "docker-root-user" && f["suppressed"] == false) message = f["message"];
  CHECK((*api)["failure"]["message"] == message);
  CHECK((*api)["failure"]["text"] == "services/api/Dockerfile:1:1: error: " + message + "\n");
  const json* web = case_named(*root_user, "services/web/Dockerfile");
  REQUIRE(web);
  CHECK((*web)["failure"].is_null());
  CHECK((*web)["skipped"] == "suppressed at line 2: the entrypoint drops privileges with gosu");

  const json* healthcheck = suite_named(junit, "docker-no-healthcheck");
  REQUIRE(healthcheck);
  CHECK(attr(*healthcheck, "failures") == 2);
  CHECK((*healthcheck)["cases"][0]["failure"]["type"] == "warning");

  // A rule that found nothing still shows that it ran.
  const json* health = suite_named(junit, "health-endpoint-missing");
  REQUIRE(health);
  REQUIRE((*health)["cases"].size() == 1);
  CHECK((*health)["cases"][0]["name"] == "no findings");
  CHECK((*health)["cases"][0]["failure"].is_null());
}

TEST_CASE("junit: several findings in one file make one failure that lists them", "[e2e][formats][junit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", std::string("# svc-ignore docker-root-user\n") +
                                                 "# svc-ignore docker-no-healthcheck\n" + kRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "junit"});
  INFO(r.out << r.err);
  json junit = parse_junit(tree, r.out);
  const json* no_reason = suite_named(junit, "suppression-no-reason");
  REQUIRE(no_reason);
  REQUIRE((*no_reason)["cases"].size() == 1);
  const json& c = (*no_reason)["cases"][0];
  CHECK(c["failures"] == 1);
  CHECK(c["failure"]["message"].get<std::string>().rfind("2 findings, the first at line 1: ", 0) == 0);
  auto body = lines_of(c["failure"]["text"]);
  REQUIRE(body.size() == 2);
  CHECK(body[0].rfind("services/api/Dockerfile:1:", 0) == 0);
  CHECK(body[1].rfind("services/api/Dockerfile:2:", 0) == 0);
}

TEST_CASE("junit: markup, quotes and control characters stay well-formed", "[e2e][formats][junit]") {
  TempTree tree;
  // A folder name with every XML markup character, and a directive with no reason
  // whose text (markup, a control character, a carriage return) lands in a message.
  std::string folder = "a&b<c>\"d'e";
  tree.write_file(folder + "/Dockerfile",
                  std::string("# svc-ignore docker-root-user <x> & \"y\" 'z' \x01 ]]> \rdone\n") + kRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "junit"});
  INFO(r.out << r.err);
  json junit = parse_junit(tree, r.out);
  const json* no_reason = suite_named(junit, "suppression-no-reason");
  REQUIRE(no_reason);
  const json& c = (*no_reason)["cases"].at(0);
  CHECK(c["name"] == folder + "/Dockerfile");
  std::string message = c["failure"]["message"];
  // Control characters are written as \xNN (common/utf8.h) before the XML sees them.
  CHECK(contains(message, "<x> & \"y\" 'z' \\x01 ]]> \\x0ddone"));
  CHECK(contains(c["failure"]["text"].get<std::string>(), "<x> & \"y\" 'z' \\x01 ]]> \\x0ddone"));
}

TEST_CASE("codeclimate: GitLab Code Quality issues for the unsuppressed findings", "[e2e][formats][codeclimate]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kSuppressedRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "codeclimate"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  json issues = json::parse(r.out);
  json report = json::parse(run_svc({"audit", tree.str(), "--format", "json"}).out);

  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 5);
  std::size_t i = 0;
  std::set<std::string> fingerprints;
  for (const auto& f : report["findings"]) {
    if (f["suppressed"] == true) continue;
    const json& issue = issues.at(i++);
    INFO(issue.dump());
    CHECK(issue["type"] == "issue");
    CHECK(issue["check_name"] == f["rule"]);
    CHECK(issue["description"] == f["message"]);
    CHECK(issue["fingerprint"] == f["fingerprint"]);
    CHECK(issue["severity"] == (f["severity"] == "error" ? "major" : f["severity"] == "warning" ? "minor" : "info"));
    CHECK(issue["location"] ==
          json{{"path", f["path"]}, {"lines", {{"begin", f["line"]}, {"end", f["end_line"]}}}});
    CHECK(issue["content"]["body"].get<std::string>().find("/docs/rules/" + f["rule"].get<std::string>() + ".md") !=
          std::string::npos);
    fingerprints.insert(issue["fingerprint"].get<std::string>());
  }
  CHECK(fingerprints.size() == issues.size());  // GitLab tells issues apart by fingerprint

  TempTree clean;
  clean.write_file("services/api/Dockerfile", kCleanDockerfile);
  auto empty = run_svc({"audit", clean.str(), "--format", "codeclimate"});
  CHECK(empty.exit_code == 0);
  CHECK(json::parse(empty.out) == json::array());
}

TEST_CASE("markdown: counts, first findings and rule links, and no findings said plainly", "[e2e][formats][markdown]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kSuppressedRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "markdown"}, without_github());
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  auto lines = lines_of(r.out);
  REQUIRE(lines.size() > 3);
  CHECK(lines[0] == "## svc audit");
  CHECK(contains(lines[2], "5 findings (1 error, 4 warnings, 0 info) in 2 services"));
  const auto* info = svc::engine::RuleCatalog::builtin().find("docker-root-user");
  REQUIRE(info);
  CHECK(contains(r.out, "| error | [docker-root-user](" + info->help_uri + ") | 1 |\n"));
  CHECK(contains(r.out, "| warning | [docker-no-healthcheck]("));
  CHECK(contains(r.out, "| error | services/api/Dockerfile:1 | [docker-root-user]("));
  CHECK(contains(r.out, "1 finding suppressed in source"));
  auto is_row = [](const std::string& l) { return l.rfind("| ", 0) == 0; };
  std::size_t rows = std::count_if(lines.begin(), lines.end(), is_row);
  CHECK(rows == (2 + 3) + (2 + 5));  // three rules fired; five unsuppressed findings

  TempTree clean;
  clean.write_file("services/api/Dockerfile", kCleanDockerfile);
  auto empty = run_svc({"audit", clean.str(), "--format", "markdown"}, without_github());
  CHECK(empty.exit_code == 0);
  CHECK(contains(empty.out, "**No findings.**"));
  CHECK_FALSE(contains(empty.out, "| "));
}

TEST_CASE("markdown: links to the lines on GitHub inside GitHub Actions", "[e2e][formats][markdown]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  GitRepo repo(tree.path());
  repo.add({"services/api/Dockerfile"});
  repo.commit("init");
  RunOptions github;
  github.env = {{"GITHUB_SERVER_URL", "https://github.com"}, {"GITHUB_REPOSITORY", "acme/shop"},
                {"GITHUB_SHA", "0123abcd"}};
  // A subfolder is audited: the links still need the path from the repository's top.
  auto r = run_svc({"audit", (tree.path() / "services").string(), "--format", "markdown"}, github);
  INFO(r.out << r.err);
  CHECK(contains(r.out, "| error | [services/api/Dockerfile:1](https://github.com/acme/shop/blob/0123abcd/"
                        "services/api/Dockerfile#L1) | [docker-root-user]("));
}

TEST_CASE("junit, markdown, codeclimate: repository-relative paths and --output", "[e2e][formats]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  GitRepo repo(tree.path());
  repo.add({"services/api/Dockerfile"});
  repo.commit("init");
  std::string root = (tree.path() / "services").string();
  for (std::string format : {"junit", "markdown", "codeclimate"}) {
    INFO(format);
    auto target = tree.path() / ("report." + format);
    auto r = run_svc({"audit", root, "--format", format, "--output", target.string()}, without_github());
    INFO(r.err);
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    std::string written = tree.read_file("report." + format);
    CHECK(contains(written, "services/api/Dockerfile"));
    if (format == "codeclimate") CHECK(json::parse(written).at(0)["location"]["path"] == "services/api/Dockerfile");
    if (format == "junit")
      CHECK(case_named(*suite_named(parse_junit(tree, written), "docker-root-user"), "services/api/Dockerfile"));
  }
}
