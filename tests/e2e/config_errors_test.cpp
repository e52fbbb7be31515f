// A mistake in .svc.yaml must stop the run (exit 2) and say exactly where it is,
// so a typo can never silently switch a check off.
#include <catch2/catch.hpp>

#include "e2e/cli_runner.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;

namespace {

// Audits a tree holding `config` as its .svc.yaml, from inside the tree, and
// returns stderr after checking the run failed as a configuration error.
std::string config_error(const std::string& config) {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);
  tree.write_file(".svc.yaml", config);
  RunOptions in_tree;
  in_tree.cwd = tree.path();
  auto r = run_svc({"audit"}, in_tree);
  INFO(config << "\n---\n" << r.out << r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("hint:") != std::string::npos);
  return r.err;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("config: an unknown key points at the key", "[e2e][config]") {
  auto err = config_error("ignore: [\"legacy/**\"]\nrulez:\n  docker-root-user: off\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:2:1: unknown key 'rulez' in the configuration"));

  err = config_error("services:\n  - name: api\n    paht: services/api\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:3:5: unknown key 'paht' in a service"));
}

TEST_CASE("config: a value of the wrong type points at the value", "[e2e][config]") {
  auto err = config_error("rules: {}\nignore: legacy/**\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:2:9: ignore must be a list"));

  err = config_error("databases:\n  - name: analytics\n    readonly: maybe\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:3:15: readonly must be true or false"));
}

TEST_CASE("config: an unknown rule id points at the id", "[e2e][config]") {
  auto err = config_error("rules:\n  suppression-unused: warning\n  docker-root-usr: off\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:3:3: unknown rule 'docker-root-usr'"));
}

TEST_CASE("config: a bad severity points at the severity", "[e2e][config]") {
  auto err = config_error("rules:\n  suppression-unused: fatal\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:2:23: bad severity 'fatal'"));

  err = config_error("rules:\n  suppression-no-reason: {severity: critical}\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:2:37: bad severity 'critical'"));
}

TEST_CASE("config: broken YAML syntax points at the break", "[e2e][config]") {
  // A key indented under a scalar: the parser stops at its colon.
  auto err = config_error("rules:\n  suppression-unused: warning\n   suppression-no-reason: off\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:3:25: "));
  // A list item inside a mapping: the parser stops at the dash.
  err = config_error("rules:\n  suppression-unused: warning\n  - suppression-no-reason\n");
  CHECK(has(err, "svc: error: ./.svc.yaml:3:3: "));
}

TEST_CASE("config: --config names the file, and a missing one is an error", "[e2e][config]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);
  auto custom = tree.write_file("ci/svc.yaml", "rules:\n  nope: off\n");
  auto r = run_svc({"audit", tree.str(), "--config", custom.string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "svc: error: " + custom.string() + ":2:3: unknown rule 'nope'"));

  auto missing = (tree.path() / "absent.yaml").string();
  r = run_svc({"audit", tree.str(), "--config", missing});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "svc: error: " + missing + ":1:1: cannot read the configuration file"));
}

TEST_CASE("config: a valid file is accepted and applied", "[e2e][config]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file(".svc.yaml",
                  "rules:\n  docker-root-user: warning\n  docker-single-stage: off\n"
                  "  docker-no-healthcheck: {severity: info}\n");
  auto r = run_svc({"audit", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);  // the error was lowered to a warning
  CHECK(r.out.find("services/api/Dockerfile:1:1: warning: ") != std::string::npos);
  CHECK(r.out.find("[docker-single-stage]") == std::string::npos);
  CHECK(r.out.find("info: ") != std::string::npos);
  CHECK(run_svc({"audit", tree.str(), "--fail-on", "info"}).exit_code == 1);
}
