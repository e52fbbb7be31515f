// Each report format end to end: what a terminal, a script, a code-scanning upload
// and a GitHub Actions log see.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

std::set<std::string> keys_of(const json& object) {
  std::set<std::string> keys;
  for (const auto& item : object.items()) keys.insert(item.key());
  return keys;
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// A colour-capable terminal type and no NO_COLOR, whatever the test runner has set,
// so only the option under test decides.
RunOptions terminal_env(bool stdout_tty) {
  RunOptions options;
  options.env = {{"NO_COLOR", std::nullopt}, {"TERM", "xterm-256color"}};
  options.stdout_tty = stdout_tty;
  return options;
}

// One root-user service, one whose root-user finding is suppressed.
void write_two_services(const TempTree& tree) {
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kSuppressedRootDockerfile);
}

json* find_finding(json& findings, const std::string& rule, const std::string& path) {
  for (auto& f : findings)
    if (f.at("rule") == rule && f.at("path") == path) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("text: location, severity, rule id, snippet with caret, summary", "[e2e][formats]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto r = run_svc({"audit", tree.str()}, terminal_env(false));
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  auto lines = lines_of(r.out);
  auto at = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("services/api/Dockerfile:1:1: error: ", 0) == 0 && contains(l, "[docker-root-user]");
  });
  REQUIRE(at != lines.end());
  REQUIRE(lines.end() - at >= 3);
  CHECK(at[1] == "    1 | FROM node:22-slim");
  CHECK(at[2].rfind("      | ^", 0) == 0);
  CHECK(contains(r.out, "[docker-no-healthcheck]"));
  CHECK(contains(r.out, "[docker-single-stage]"));
  CHECK(contains(lines.back(), "3 findings (1 error, 2 warnings, 0 info) in 1 service across 1 file (1 parsed)"));
  CHECK_FALSE(has_ansi_escape(r.out));  // stdout is a pipe
}

TEST_CASE("text: colour follows --color, the terminal and NO_COLOR", "[e2e][formats]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto audit = [&](std::vector<std::string> extra, RunOptions options) {
    std::vector<std::string> args = {"audit", tree.str()};
    args.insert(args.end(), extra.begin(), extra.end());
    auto r = run_svc(args, options);
    INFO(r.err);
    CHECK(r.exit_code == 1);
    return r.out;
  };
  RunOptions tty = terminal_env(true), pipe = terminal_env(false);

  CHECK(has_ansi_escape(audit({}, tty)));                    // auto on a terminal
  CHECK_FALSE(has_ansi_escape(audit({}, pipe)));             // auto into a pipe
  CHECK(has_ansi_escape(audit({"--color", "always"}, pipe)));
  CHECK_FALSE(has_ansi_escape(audit({"--color", "never"}, tty)));
  RunOptions tty_no_color = terminal_env(true);
  tty_no_color.env["NO_COLOR"] = "1";
  CHECK_FALSE(has_ansi_escape(audit({}, tty_no_color)));
  CHECK(has_ansi_escape(audit({"--color", "always"}, tty_no_color)));  // an explicit request wins
}

TEST_CASE("text: --quiet keeps the findings and drops the summary", "[e2e][formats]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--quiet"});
  CHECK(r.exit_code == 1);
  CHECK(contains(r.out, "[docker-root-user]"));
  CHECK_FALSE(contains(r.out, "3 findings"));

  TempTree clean;
  clean.write_file("services/api/Dockerfile", kCleanDockerfile);
  auto q = run_svc({"audit", clean.str(), "--quiet"});
  CHECK(q.exit_code == 0);
  CHECK(q.out.empty());
}

TEST_CASE("json: the keys of the design's report, exactly", "[e2e][formats]") {
  TempTree tree;
  write_two_services(tree);
  auto r = run_svc({"audit", tree.str(), "--format", "json"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  json doc = json::parse(r.out);

  CHECK(keys_of(doc) == std::set<std::string>{"tool", "root", "services", "libraries", "findings", "summary"});
  CHECK(doc["libraries"] == json::array());
  CHECK(doc["tool"] == json{{"name", "svc"}, {"version", SVC_VERSION}});
  CHECK(doc["root"] == tree.str());

  REQUIRE(doc["services"].size() == 2);
  for (auto& s : doc["services"])
    CHECK(keys_of(s) ==
          std::set<std::string>{"name", "path", "language", "kind", "framework", "frameworks", "discovered", "declared"});
  CHECK(doc["services"][0]["path"] == "services/api");
  CHECK(doc["services"][0]["name"] == "api");

  json& findings = doc["findings"];
  REQUIRE(findings.size() == 6);  // three per Dockerfile, one of them suppressed
  const std::set<std::string> finding_keys = {"rule", "severity", "path", "line", "column",
                                              "end_line", "end_column", "service", "message",
                                              "fingerprint", "suppressed"};
  for (auto& f : findings) {
    INFO(f.dump());
    auto expected = finding_keys;
    if (f["suppressed"] == true) expected.insert("suppression_reason");
    CHECK(keys_of(f) == expected);
    CHECK(f["line"].is_number_integer());
    CHECK(f["line"].get<int>() >= 1);
    CHECK(f["column"].get<int>() >= 1);
    CHECK(f["end_line"].get<int>() >= f["line"].get<int>());
    CHECK(f["fingerprint"].get<std::string>().size() > 0);
  }
  // Sorted by path, line, column, rule.
  auto sort_key = [](json& f) {
    return std::tuple(f["path"].get<std::string>(), f["line"].get<int>(), f["column"].get<int>(),
                      f["rule"].get<std::string>());
  };
  for (std::size_t i = 1; i < findings.size(); ++i) CHECK(sort_key(findings[i - 1]) <= sort_key(findings[i]));

  json* root_user = find_finding(findings, "docker-root-user", "services/api/Dockerfile");
  REQUIRE(root_user);
  CHECK((*root_user)["severity"] == "error");
  CHECK((*root_user)["line"] == 1);
  CHECK((*root_user)["column"] == 1);
  CHECK((*root_user)["service"] == "services/api");
  CHECK((*root_user)["suppressed"] == false);
  json* suppressed = find_finding(findings, "docker-root-user", "services/web/Dockerfile");
  REQUIRE(suppressed);
  CHECK((*suppressed)["line"] == 2);
  CHECK((*suppressed)["suppressed"] == true);
  CHECK((*suppressed)["suppression_reason"] == "the entrypoint drops privileges with gosu");

  json& summary = doc["summary"];
  CHECK(keys_of(summary) == std::set<std::string>{"files", "parsed", "cached", "findings", "suppressed",
                                                  "by_severity", "skipped", "duration_ms"});
  CHECK(summary["files"] == 2);
  CHECK(summary["parsed"] == 2);
  CHECK(summary["cached"] == 0);  // a tree never audited before
  CHECK(summary["findings"] == 5);  // unsuppressed only
  CHECK(summary["suppressed"] == 1);
  CHECK(summary["by_severity"] == json{{"error", 1}, {"warning", 4}, {"info", 0}});
  CHECK(summary["skipped"] ==
        json{{"binary", 0}, {"too_large", 0}, {"not_utf8", 0}, {"unreadable", 0}, {"too_deep", 0}, {"yaml_aliases", 0}});
  CHECK(summary["duration_ms"].is_number_integer());
}

TEST_CASE("github: one workflow command per unsuppressed finding, then a summary", "[e2e][formats]") {
  TempTree tree;
  write_two_services(tree);
  auto r = run_svc({"audit", tree.str(), "--format", "github"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 1);
  json doc = json::parse(run_svc({"audit", tree.str(), "--format", "json"}).out);

  auto lines = lines_of(r.out);
  REQUIRE(lines.size() == 6);  // five unsuppressed findings and the summary
  std::size_t i = 0;
  for (auto& f : doc["findings"]) {
    if (f["suppressed"] == true) continue;
    // Columns only for a single-line span: GitHub rejects them on a multi-line one.
    int line = f["line"], end_line = f["end_line"];
    std::string where = "file=" + f["path"].get<std::string>() + ",line=" + std::to_string(line);
    if (line == end_line)
      where += ",col=" + std::to_string(f["column"].get<int>()) + ",endLine=" + std::to_string(end_line) +
               ",endColumn=" + std::to_string(f["end_column"].get<int>());
    else
      where += ",endLine=" + std::to_string(end_line);
    std::string expected = "::" + f["severity"].get<std::string>() + " " + where +
                           ",title=" + f["rule"].get<std::string>() + "::" + f["message"].get<std::string>();
    CHECK(lines[i++] == expected);  // the sample paths and messages need no escaping
  }
  CHECK(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.rfind("::error file=services/api/Dockerfile,line=1,col=1,", 0) == 0 && contains(l, ",title=docker-root-user::");
  }));
  CHECK(lines.back().rfind("::", 0) != 0);
  CHECK(contains(lines.back(), "5 findings (1 error, 4 warnings, 0 info)"));
  CHECK(contains(lines.back(), "1 suppressed"));
}

TEST_CASE("github: paths are relative to the repository when a subfolder is audited", "[e2e][formats]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  GitRepo repo(tree.path());
  repo.add({"services/api/Dockerfile"});
  repo.commit("init");
  // CI checks out the repository and may audit only part of it: annotations must
  // still name files from the repository's top, or GitHub cannot place them.
  auto r = run_svc({"audit", (tree.path() / "services").string(), "--format", "github"});
  INFO(r.out << r.err);
  CHECK(contains(r.out, "::error file=services/api/Dockerfile,line=1,"));
  auto json_report = run_svc({"audit", (tree.path() / "services").string(), "--format", "json"});
  CHECK(contains(json_report.out, "\"path\": \"api/Dockerfile\""));  // JSON stays relative to its root
}

TEST_CASE("github: properties and data are escaped the way the runner decodes them", "[e2e][formats]") {
  TempTree tree;
  // A folder name with every character a property must escape, and a directive with
  // no reason whose text (a % and a bare carriage return) ends up in the message.
  tree.write_file("svc,a:b%c/Dockerfile", std::string("# svc-ignore docker-root-user 100%\rdone\n") + kRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--format", "github"});
  INFO(r.out << r.err);
  auto lines = lines_of(r.out);
  auto no_reason = std::find_if(lines.begin(), lines.end(),
                                [](const std::string& l) { return contains(l, "title=suppression-no-reason::"); });
  REQUIRE(no_reason != lines.end());
  CHECK(no_reason->rfind("::error file=svc%2Ca%3Ab%25c/Dockerfile,line=1,", 0) == 0);
  std::string data = no_reason->substr(no_reason->find("::", 2) + 2);
  CHECK(contains(data, "svc-ignore docker-root-user 100%25\\x0ddone"));  // the CR escaped before the format sees it
  CHECK_FALSE(contains(data, "\r"));
  for (const auto& l : lines) CHECK(l.find('\r') == std::string::npos);
}

TEST_CASE("output: --output writes the report to a file and leaves stdout empty", "[e2e][formats]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  for (std::string format : {"text", "json", "sarif", "github"}) {
    INFO(format);
    auto target = tree.path() / ("report." + format);
    auto r = run_svc({"audit", tree.str(), "--format", format, "--output", target.string(), "--color", "always"});
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    std::string written = tree.read_file("report." + format);
    CHECK_FALSE(written.empty());
    CHECK_FALSE(has_ansi_escape(written));  // colour is for terminals only
    if (format == "json") CHECK(json::parse(written)["summary"]["findings"] == 3);
    if (format == "sarif") CHECK(written == run_svc({"audit", tree.str(), "--format", "sarif"}).out);
  }
}
