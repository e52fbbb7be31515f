// `svc test [DIR]`: runs the fixtures of a repository's own rules (or, with --builtin,
// of svc's built-in rules) and holds them to their svc-expect / svc-ok markers.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/core/errors.h"
#include "checks/local_rules/repository_rules.h"
#include "checks/local_rules/rule_file.h"
#include "checks/rule_tests/fixture_run.h"
#include "checks/rule_tests/scratch_folder.h"
#include "cli/command_run.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"

namespace fs = std::filesystem;

namespace svc::cli {
namespace {

struct RuleResult {
  std::string id;
  std::vector<engine::FixtureOutcome> fixtures;
  std::string missing;  // why the rule has no fixture ("" when it has)
  // Fixtures of other rules whose markers name this one: they test it too.
  std::vector<const engine::FixtureOutcome*> covered_by;
  bool failed() const {
    auto bad = [](const engine::FixtureOutcome& f) { return !f.passed(); };
    return std::any_of(fixtures.begin(), fixtures.end(), bad) ||
           std::any_of(covered_by.begin(), covered_by.end(), [&](const auto* f) { return bad(*f); });
  }
  bool untested() const { return !missing.empty() && covered_by.empty(); }
};

// A rule with no fixture of its own may be tested by another's: a fixture that exercises
// several rules side by side carries the markers of each.
void find_coverage(std::vector<RuleResult>& results) {
  for (auto& r : results) {
    if (r.missing.empty()) continue;
    for (const auto& other : results)
      for (const auto& f : other.fixtures)
        if (&other != &r && f.expectations_by_rule.count(r.id)) r.covered_by.push_back(&f);
  }
}

// A local rule's fixtures: its folder beside the rule files, then its `tests:`.
RuleResult test_local_rule(const engine::RuleInfo& rule, const std::string& dir, const std::string& rules_dir,
                           const std::shared_ptr<const engine::RuleCatalog>& catalog) {
  RuleResult r{rule.id, {}, "", {}};
  std::string bare = rule.id.substr(std::string(engine::kLocalRulePrefix).size());
  std::string folder = (fs::path(rules_dir) / bare).generic_string();
  std::error_code ec;
  if (fs::is_directory(fs::path(dir) / folder, ec))
    r.fixtures.push_back(engine::run_fixture({(fs::path(dir) / folder).string(), folder + "/", rule.id, catalog, false}));
  for (const auto& inline_fixture : engine::inline_fixtures(rule)) {
    engine::ScratchFolder scratch;
    for (const auto& [path, text] : inline_fixture.files) scratch.write(path, text);
    r.fixtures.push_back(engine::run_fixture(
        {scratch.path(), fmt::format("{} [{}] ", rule.source, inline_fixture.name), rule.id, catalog, false}));
  }
  if (r.fixtures.empty()) r.missing = fmt::format("no fixtures: add {}/ or a tests: section", folder);
  return r;
}

// Every built-in rule against DIR/<id>/, with every built-in rule running.
std::vector<RuleResult> test_builtin_rules(const std::string& dir, const std::vector<std::string>& only) {
  auto catalog = std::make_shared<const engine::RuleCatalog>(engine::RuleCatalog::builtin());
  std::vector<RuleResult> out;
  std::error_code ec;
  for (const auto& rule : catalog->rules()) {
    if (!only.empty() && std::find(only.begin(), only.end(), rule.id) == only.end()) continue;
    RuleResult r{rule.id, {}, "", {}};
    fs::path folder = fs::path(dir) / rule.id;
    if (fs::is_directory(folder, ec)) {
      r.fixtures.push_back(engine::run_fixture({folder.string(), rule.id + "/", rule.id, catalog, true}));
    } else {
      // A built-in rule without fixtures is a hole in svc's own tests, not a note.
      engine::FixtureOutcome missing;
      missing.name = rule.id + "/";
      missing.failures.push_back({"", 0, fmt::format("no fixture folder {}", folder.string())});
      r.fixtures.push_back(std::move(missing));
    }
    out.push_back(std::move(r));
  }
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.is_directory() && !catalog->find(entry.path().filename().string())) {
      engine::FixtureOutcome stray;
      stray.name = entry.path().filename().string() + "/";
      stray.failures.push_back({"", 0, "this fixture folder names no built-in rule"});
      out.push_back({entry.path().filename().string(), {std::move(stray)}, "", {}});
    }
  return out;
}

void print_text(const std::vector<RuleResult>& results) {
  std::size_t width = 0;
  for (const auto& r : results) width = std::max(width, r.id.size());
  std::size_t passed = 0, failed = 0, untested = 0, expectations = 0, failures = 0;
  for (const auto& r : results) {
    std::size_t n = 0;
    for (const auto& f : r.fixtures) n += f.expectations;
    expectations += n;
    if (!r.covered_by.empty()) {
      std::size_t mine = 0;
      std::string where;
      for (const auto* f : r.covered_by) {
        mine += f->expectations_by_rule.at(r.id);
        where += (where.empty() ? "" : ", ") + f->name.substr(0, f->name.find_last_not_of(' ') + 1);
      }
      bool bad = r.failed();
      ++(bad ? failed : passed);
      std::cout << fmt::format("{:<{}}  {}  {} expectation{} in {}\n", r.id, width, bad ? "FAIL" : "ok  ", mine,
                               mine == 1 ? "" : "s", where);
      continue;
    }
    if (!r.missing.empty()) {
      ++untested;
      std::cout << fmt::format("{:<{}}  NONE  {}\n", r.id, width, r.missing);
      continue;
    }
    bool bad = r.failed();
    ++(bad ? failed : passed);
    std::cout << fmt::format("{:<{}}  {}  {} fixture{}, {} expectation{}\n", r.id, width, bad ? "FAIL" : "ok  ",
                             r.fixtures.size(), r.fixtures.size() == 1 ? "" : "s", n, n == 1 ? "" : "s");
    for (const auto& f : r.fixtures)
      for (const auto& x : f.failures) {
        ++failures;
        // A folder's name ends in '/', an inline test's in a space: either runs on into the path.
        std::string where = x.path.empty() ? f.name.substr(0, f.name.find_last_not_of(' ') + 1)
                            : x.line       ? fmt::format("{}{}:{}", f.name, x.path, x.line)
                                           : f.name + x.path;
        std::cout << fmt::format("    {}: {}\n", where, x.message);
      }
  }
  std::cout << fmt::format("\n{} rule{}: {} passed, {} failed, {} without fixtures; {} expectations, {} problem{}\n",
                           results.size(), results.size() == 1 ? "" : "s", passed, failed, untested, expectations,
                           failures, failures == 1 ? "" : "s");
}

void print_json(const std::vector<RuleResult>& results) {
  nlohmann::json rules = nlohmann::json::array();
  std::size_t passed = 0, failed = 0, untested = 0;
  for (const auto& r : results) {
    nlohmann::json fixtures = nlohmann::json::array();
    for (const auto& f : r.fixtures) {
      nlohmann::json problems = nlohmann::json::array();
      for (const auto& x : f.failures) problems.push_back({{"path", x.path}, {"line", x.line}, {"message", x.message}});
      std::string name = f.name.substr(0, f.name.find_last_not_of(' ') + 1);
      fixtures.push_back({{"name", name}, {"expectations", f.expectations}, {"failures", problems}});
    }
    std::string status = r.untested() ? "untested" : r.failed() ? "failed" : "passed";
    ++(status == "passed" ? passed : status == "failed" ? failed : untested);
    rules.push_back({{"id", r.id}, {"status", status}, {"fixtures", fixtures}});
  }
  nlohmann::json out = {{"rules", rules}, {"summary", {{"passed", passed}, {"failed", failed}, {"untested", untested}}}};
  std::cout << out.dump(2) << '\n';
}

}  // namespace

int run_test_command(const std::vector<std::string>& args) {
  CLI::App app{"Run rules' fixtures and check their inline expectations: each `svc-expect: ID` line\n"
               "must get that finding on the next code line, no `svc-ok: ID` line may get one, and\n"
               "the rule may fire nowhere else in its fixtures.",
               "svc test"};
  std::string dir = ".", format = "text";
  std::vector<std::string> only;
  bool builtin = false;
  app.add_option("dir", dir, "The repository whose rules to test (its .svc/rules, or .svc.yaml's rules_dir)")
      ->capture_default_str();
  app.add_option("--only", only, "Test only these rules (ids, comma-separated)")->delimiter(',');
  app.add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  app.add_flag("--builtin", builtin, "DIR holds a fixture folder per built-in rule (svc's own tests/fixtures/rules)");
  app.footer("A rule's fixtures: the folder .svc/rules/<id>/ (a small repository, audited as one), and\n"
             "the `tests:` of its rule file (files written to a scratch folder). Each file says what it\n"
             "expects with comments: `svc-expect: local/<id>` above a line that must be reported,\n"
             "`svc-ok: local/<id>` above one that must not. Exit 0 when every expectation holds, 1 when\n"
             "one fails, 2 on a broken rule file. docs/guide/custom-rules.md walks through examples.");
  if (int code = parse_arguments(app, "test", args); code >= 0) return code;

  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return report_error(fmt::format("no such directory: {}", dir), "pass the repository to test");
  std::vector<RuleResult> results;
  int code = run_reporting_errors("test", "test, e.g. `svc test .`", [&] {
    if (builtin) {
      results = test_builtin_rules(dir, only);
      return;
    }
    engine::RepositorySetup setup = engine::load_repository_setup(dir, "");
    auto catalog = std::make_shared<const engine::RuleCatalog>(setup.catalog);
    for (const auto& id : only)
      if (!catalog->find(id) || !catalog->find(id)->local())
        throw engine::UsageError(fmt::format("'{}' is no rule of {} (built-in rules are tested with --builtin)", id,
                                             (fs::path(dir) / setup.rules_dir).generic_string()));
    for (const auto& rule : catalog->rules())
      if (rule.local() && (only.empty() || std::find(only.begin(), only.end(), rule.id) != only.end()))
        results.push_back(test_local_rule(rule, dir, setup.rules_dir, catalog));
    if (results.empty())
      throw engine::UsageError(fmt::format("no rule files in {}: nothing to test (docs/guide/custom-rules.md)",
                                           (fs::path(dir) / setup.rules_dir).generic_string()));
  });
  if (code >= 0) return code;
  find_coverage(results);
  if (format == "json") print_json(results);
  else print_text(results);
  bool any_failed = std::any_of(results.begin(), results.end(), [](const RuleResult& r) { return r.failed(); });
  return any_failed ? kFindings : kSuccess;
}

}  // namespace svc::cli
