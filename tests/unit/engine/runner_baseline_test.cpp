// The baseline is a pipeline stage: run_audit hides what it records, after suppressions,
// and counts as fixed only entries of rules that ran.
#include <catch2/catch.hpp>

#include "checks/engine/runner.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::engine;
using svc::e2e::TempTree;

namespace {

AuditOptions options_for(const TempTree& tree) {
  AuditOptions options;
  options.root = tree.str();
  options.only = {"docker-root-user"};
  options.jobs = 1;
  return options;
}

}  // namespace

TEST_CASE("runner: a baseline hides the findings it records and counts the fixed ones", "[baseline][runner]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", svc::e2e::kRootDockerfile);
  tree.write_file("services/web/Dockerfile", svc::e2e::kRootDockerfile);
  auto before = run_audit(options_for(tree));
  REQUIRE(before.findings.size() == 2);

  Baseline baseline = baseline_from_findings(before.findings);
  baseline.entries.push_back({"0000000000000000", "docker-root-user", "services/gone/Dockerfile", "fixed since"});
  baseline.entries.push_back({"1111111111111111", "docker-no-healthcheck", "services/api/Dockerfile", "not run"});
  tree.write_file("services/new/Dockerfile", svc::e2e::kRootDockerfile);

  auto options = options_for(tree);
  options.baseline = baseline;
  options.baseline_file = "svc-baseline.json";
  auto after = run_audit(options);
  REQUIRE(after.findings.size() == 1);
  CHECK(after.findings[0].path == "services/new/Dockerfile");
  CHECK(after.baseline_file == "svc-baseline.json");
  CHECK(after.baseline_hidden == 2);
  CHECK(after.baseline_fixed == 1);  // the docker-no-healthcheck entry's rule did not run
  CHECK(after.baseline_match.fixed.size() == 1);
}
