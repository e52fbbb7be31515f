// The exit-code contract CI pipelines depend on: 0 nothing at or above --fail-on,
// 1 findings at or above it, 2 usage/config/I/O errors, which outrank findings.
#include <catch2/catch.hpp>

#include "e2e/cli_runner.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;

TEST_CASE("exit codes: a clean tree exits 0", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);
  auto r = run_svc({"audit", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("no findings") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("exit codes: an error finding exits 1", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto r = run_svc({"audit", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("[docker-root-user]") != std::string::npos);
}

TEST_CASE("exit codes: findings below --fail-on exit 0, at or above it exit 1", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kShellFormDockerfile);  // one warning, no error
  auto by_default = run_svc({"audit", tree.str()});
  INFO(by_default.out << by_default.err);
  CHECK(by_default.out.find("[docker-shell-form-cmd]") != std::string::npos);
  CHECK(by_default.exit_code == 0);
  CHECK(run_svc({"audit", tree.str(), "--fail-on", "warning"}).exit_code == 1);
  CHECK(run_svc({"audit", tree.str(), "--fail-on", "info"}).exit_code == 1);
  CHECK(run_svc({"audit", tree.str(), "--fail-on", "error"}).exit_code == 0);
}

TEST_CASE("exit codes: --fail-on never exits 0 even with errors", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto r = run_svc({"audit", tree.str(), "--fail-on", "never"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[docker-root-user]") != std::string::npos);  // still reported
}

TEST_CASE("exit codes: a suppressed error does not fail the run", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kSuppressedRootDockerfile);
  auto r = run_svc({"audit", tree.str()});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("[docker-root-user]") == std::string::npos);
  CHECK(r.out.find("1 suppressed") != std::string::npos);
}

TEST_CASE("exit codes: usage mistakes exit 2 with a diagnostic on stderr", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);

  SECTION("unknown subcommand suggests the closest one") {
    auto r = run_svc({"audti"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("svc: error: unknown command 'audti'") != std::string::npos);
    CHECK(r.err.find("did you mean 'svc audit'?") != std::string::npos);
  }
  SECTION("unknown option suggests the closest one") {
    auto r = run_svc({"audit", tree.str(), "--fail-of", "warning"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown option '--fail-of'") != std::string::npos);
    CHECK(r.err.find("did you mean '--fail-on'?") != std::string::npos);
  }
  SECTION("bad --format value") {
    auto r = run_svc({"audit", tree.str(), "--format", "xml"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("svc: error:") != std::string::npos);
    CHECK(r.err.find("--format") != std::string::npos);
  }
  SECTION("bad --fail-on value") {
    auto r = run_svc({"audit", tree.str(), "--fail-on", "critical"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("--fail-on") != std::string::npos);
  }
  SECTION("missing PATH directory") {
    auto missing = (tree.path() / "no-such-dir").string();
    auto r = run_svc({"audit", missing});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("svc: error: no such directory: " + missing) != std::string::npos);
    CHECK(r.err.find("hint:") != std::string::npos);
  }
  SECTION("unknown rule id in --only") {
    auto r = run_svc({"audit", tree.str(), "--only", "docker-root-usr"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown rule 'docker-root-usr'") != std::string::npos);
  }
  SECTION("bad configuration") {
    tree.write_file(".svc.yaml", "rulez: {}\n");
    auto r = run_svc({"audit", tree.str()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown key 'rulez'") != std::string::npos);
  }
  SECTION("a report on stdout is never mixed with the diagnostic") {
    auto r = run_svc({"audit", tree.str(), "--format", "xml"});
    CHECK(r.out.empty());
  }
}

TEST_CASE("exit codes: errors outrank findings", "[e2e][exit]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);

  SECTION("a bad configuration in a tree with error findings") {
    tree.write_file(".svc.yaml", "rules:\n  suppression-unused: fatal\n");
    auto r = run_svc({"audit", tree.str()});
    CHECK(r.exit_code == 2);
  }
  SECTION("a report that cannot be written after the audit found errors") {
    auto target = (tree.path() / "no-such-dir" / "report.json").string();
    auto r = run_svc({"audit", tree.str(), "--format", "json", "--output", target});
    INFO(r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("svc: error: cannot write " + target) != std::string::npos);
  }
  SECTION("an unknown rule id alongside findings") {
    auto r = run_svc({"audit", tree.str(), "--disable", "no-such-rule"});
    CHECK(r.exit_code == 2);
  }
}
