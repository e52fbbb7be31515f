#include "checks/rule_tests/fixture_run.h"

#include <algorithm>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "checks/core/findings.h"
#include "checks/engine/runner.h"
#include "checks/rule_tests/expectations.h"

namespace svc::engine {
namespace {

using Site = std::tuple<std::string, int, std::string>;  // path, line, rule

// The rules a fixture runs when it does not run them all: its own and those its markers name.
std::vector<std::string> rules_to_run(const FixtureRun& run, const FixtureExpectations& fixture,
                                      std::vector<FixtureFailure>& failures) {
  std::vector<std::string> only = {run.rule};
  for (const auto& e : fixture.expectations) {
    if (std::find(only.begin(), only.end(), e.rule) != only.end()) continue;
    if (run.catalog->find(e.rule)) {
      only.push_back(e.rule);
    } else {
      failures.push_back({e.path, e.comment_line, fmt::format("the marker names '{}', which is no rule", e.rule)});
    }
  }
  return only;
}

}  // namespace

FixtureOutcome run_fixture(const FixtureRun& run) {
  FixtureOutcome out;
  out.name = run.name;
  FixtureExpectations fixture = read_expectations(run.root);
  for (const auto& file : fixture.unmarked_files)
    out.failures.push_back({file, 0, "no svc-expect or svc-ok marker: say what the file expects"});
  out.expectations = fixture.expectations.size();
  for (const auto& e : fixture.expectations) ++out.expectations_by_rule[e.rule];
  if (fixture.expectations.empty() && fixture.unmarked_files.empty())
    out.failures.push_back({"", 0, "the fixture holds no svc-expect or svc-ok marker"});

  AuditOptions options;
  options.root = run.root;
  options.jobs = 2;
  options.catalog = run.catalog;
  if (!run.all_rules) options.only = rules_to_run(run, fixture, out.failures);
  AuditResult result;
  try {
    result = run_audit(options);
  } catch (const std::exception& e) {
    out.failures.push_back({"", 0, fmt::format("the audit of the fixture failed: {}", e.what())});
    return out;
  }

  std::set<Site> found, expected;
  for (const auto& f : result.findings)
    if (!f.suppressed) found.insert({f.path, f.line, f.rule});
  std::set<std::pair<std::string, int>> ok_lines;
  std::set<Site> ok_sites;
  for (const auto& e : fixture.expectations) {
    if (!e.expect_hit) {
      ok_lines.insert({e.path, e.target_line});
      ok_sites.insert({e.path, e.target_line, e.rule});
      if (found.count({e.path, e.target_line, e.rule}))
        out.failures.push_back({e.path, e.comment_line, fmt::format("expected no {} finding on line {}, got one", e.rule, e.target_line)});
      continue;
    }
    expected.insert({e.path, e.target_line, e.rule});
    if (!found.count({e.path, e.target_line, e.rule})) {
      out.failures.push_back({e.path, e.comment_line, fmt::format("expected a {} finding on line {}, got none", e.rule, e.target_line)});
    } else if (!e.message_part.empty() &&
               std::none_of(result.findings.begin(), result.findings.end(), [&](const Finding& f) {
                 return f.path == e.path && f.line == e.target_line && f.rule == e.rule &&
                        f.message.find(e.message_part) != std::string::npos;
               })) {
      out.failures.push_back({e.path, e.comment_line,
                              fmt::format("the {} finding on line {} does not say \"{}\"", e.rule, e.target_line, e.message_part)});
    }
  }
  for (const auto& f : result.findings) {
    // A field the check did not supply leaves the template's `{field}` in the message.
    if (const RuleInfo* info = run.catalog->find(f.rule))
      for (const auto& field : message_fields(info->message))
        if (f.message.find("{" + field + "}") != std::string::npos)
          out.failures.push_back({f.path, f.line, fmt::format("{} message without its {{{}}} field: {}", f.rule, field, f.message)});
    if (f.suppressed) continue;
    bool own_rule = f.rule == run.rule;
    bool on_ok_line = ok_lines.count({f.path, f.line}) == 1;
    // A finding its own svc-ok marker forbids was reported above, once.
    if (ok_sites.count({f.path, f.line, f.rule})) continue;
    if ((own_rule || on_ok_line) && !expected.count({f.path, f.line, f.rule}))
      out.failures.push_back({f.path, f.line, fmt::format("unexpected {} finding{}: {}", f.rule,
                                                          on_ok_line ? " on an svc-ok line" : "", f.message)});
  }
  std::sort(out.failures.begin(), out.failures.end(), [](const FixtureFailure& a, const FixtureFailure& b) {
    return std::tie(a.path, a.line, a.message) < std::tie(b.path, b.line, b.message);
  });
  out.failures.erase(std::unique(out.failures.begin(), out.failures.end(),
                                 [](const auto& a, const auto& b) { return std::tie(a.path, a.line, a.message) == std::tie(b.path, b.line, b.message); }),
                     out.failures.end());
  return out;
}

}  // namespace svc::engine
