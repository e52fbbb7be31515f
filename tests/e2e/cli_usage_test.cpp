// The discoverable surface: help, version, the rule catalog and rule pages.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "checks/core/rule_catalog.h"
#include "e2e/cli_runner.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string source_file(const std::string& relative) {
  std::ifstream in(std::string(SVC_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

TEST_CASE("usage: svc --version prints the version", "[e2e][usage]") {
  auto r = run_svc({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == "svc " SVC_VERSION "\n");
  CHECK(r.err.empty());
}

TEST_CASE("usage: svc help lists the commands and the exit codes", "[e2e][usage]") {
  auto r = run_svc({"help"});
  CHECK(r.exit_code == 0);
  for (const char* command : {"audit", "rules", "explain", "help"}) CHECK(has(r.out, std::string("  ") + command));
  CHECK(has(r.out, "Exit codes:"));
  CHECK(run_svc({"--help"}).out == r.out);

  CHECK(run_svc({"help", "help"}).out == r.out);

  auto typo = run_svc({"--verison"});
  CHECK(typo.exit_code == 2);
  CHECK(has(typo.err, "svc: error: unknown option '--verison'"));
  CHECK(has(typo.err, "did you mean 'svc --version'?"));

  auto bare = run_svc({});  // no command is a usage error, but still shows the help
  CHECK(bare.exit_code == 2);
  CHECK(bare.out == r.out);
}

TEST_CASE("usage: svc help audit and svc audit --help show the audit options", "[e2e][usage]") {
  auto help = run_svc({"help", "audit"});
  auto flag = run_svc({"audit", "--help"});
  CHECK(help.exit_code == 0);
  CHECK(flag.exit_code == 0);
  CHECK(help.out == flag.out);
  for (const char* option : {"--format", "--output", "--fail-on", "--config", "--only", "--disable", "--color"})
    CHECK(has(help.out, option));
  CHECK(has(help.out, "Exit codes:"));

  auto unknown = run_svc({"help", "adit"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "did you mean 'svc audit'?"));
}

TEST_CASE("usage: svc rules lists every rule", "[e2e][usage]") {
  const auto& catalog = svc::engine::RuleCatalog::builtin();
  REQUIRE_FALSE(catalog.rules().empty());

  auto text = run_svc({"rules"});
  CHECK(text.exit_code == 0);
  std::istringstream lines(text.out);
  std::vector<std::string> listed;
  for (std::string line; std::getline(lines, line);) listed.push_back(line.substr(0, line.find(' ')));
  CHECK(listed == catalog.ids());
  for (const auto& rule : catalog.rules()) CHECK(has(text.out, rule.summary));

  auto as_json = run_svc({"rules", "--format", "json"});
  CHECK(as_json.exit_code == 0);
  json rules = json::parse(as_json.out);
  REQUIRE(rules.size() == catalog.rules().size());
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const auto& info = catalog.rules()[i];
    CHECK(rules[i] == json{{"id", info.id}, {"name", info.name}, {"severity", svc::engine::to_string(info.severity)},
                           {"summary", info.summary}, {"description", info.description},
                           {"help_uri", info.help_uri}});
  }
  CHECK(run_svc({"rules", "--format", "yaml"}).exit_code == 2);
}

TEST_CASE("usage: svc explain prints the rule's doc page", "[e2e][usage]") {
  auto r = run_svc({"explain", "docker-root-user"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  std::string doc = source_file("docs/rules/docker-root-user.md");
  REQUIRE_FALSE(doc.empty());
  CHECK(r.out.rfind(doc, 0) == 0);
  CHECK(has(r.out, "Default severity: error."));
  CHECK(has(r.out, "docs/rules/docker-root-user.md"));
}

TEST_CASE("usage: svc explain suggests the id for a typo", "[e2e][usage]") {
  auto r = run_svc({"explain", "docker-rot-user"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(has(r.err, "svc: error: unknown rule 'docker-rot-user'"));
  CHECK(has(r.err, "did you mean 'docker-root-user'?"));

  auto missing = run_svc({"explain"});
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "svc: error:"));
}
