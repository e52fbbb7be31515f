#pragma once
// One fixture of a rule, run the way `svc audit` would run it, and held to its inline
// expectations both ways: each `svc-expect` gets its finding, no `svc-ok` line gets one,
// the rule under test fires nowhere unexpected, and every file that can carry a marker
// carries one (a fixture file that says nothing proves nothing). `svc test` and the
// project's own tests share it.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "checks/core/rule_catalog.h"

namespace svc::engine {

struct FixtureFailure {
  std::string path;  // relative to the fixture folder ("" for the fixture as a whole)
  int line = 0;
  std::string message;
};

struct FixtureOutcome {
  std::string name;  // the fixture's folder as the user knows it, or the rule file's test name
  std::size_t expectations = 0;
  std::map<std::string, std::size_t> expectations_by_rule;  // the rules its markers name
  std::vector<FixtureFailure> failures;
  bool passed() const { return failures.empty(); }
};

struct FixtureRun {
  std::string root;   // the fixture folder, audited as a repository
  std::string name;   // for FixtureOutcome::name
  std::string rule;   // the rule under test
  std::shared_ptr<const RuleCatalog> catalog;
  // Run every rule of the catalog and hold svc-ok lines against all of them (the
  // built-in fixtures, written knowing every built-in rule). Otherwise only the rule
  // under test and the rules the markers name run.
  bool all_rules = false;
};

FixtureOutcome run_fixture(const FixtureRun& run);

}  // namespace svc::engine
