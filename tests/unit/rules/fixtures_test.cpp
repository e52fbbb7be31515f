// Runs every rule against its fixture folder and checks the inline expectations
// both ways: each `svc-expect` line must get its finding; no rule at all may fire on an
// `svc-ok` line unless the line also expects that rule; the folder's own rule may fire
// nowhere else; and every file that can carry a marker carries one, so that no fixture
// file passes without saying what it expects.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "checks/engine/runner.h"
#include "unit/rules/expectations.h"

namespace fs = std::filesystem;

namespace {

std::string fixtures_root() { return std::string(SVC_SOURCE_DIR) + "/tests/fixtures/rules"; }

using Site = std::tuple<std::string, int, std::string>;  // path, line, rule


void check_fixture(const std::string& rule_id) {
  std::string root = fixtures_root() + "/" + rule_id;
  svc::engine::AuditOptions options;
  options.root = root;
  options.jobs = 2;
  auto result = svc::engine::run_audit(options);
  auto fixture = read_expectations(root);

  for (const auto& file : fixture.unmarked_files)
    FAIL_CHECK(fmt::format("{}/{}: no svc-expect or svc-ok marker: say what the file expects", rule_id, file));

  std::set<Site> found, expected;
  for (const auto& f : result.findings)
    if (!f.suppressed) found.insert({f.path, f.line, f.rule});
  std::set<std::pair<std::string, int>> ok_lines;
  for (const auto& e : fixture.expectations) {
    if (e.expect_hit) {
      expected.insert({e.path, e.target_line, e.rule});
      INFO(fmt::format("{}/{}:{}: expected a {} finding on line {}", rule_id, e.path, e.comment_line, e.rule,
                       e.target_line));
      CHECK(found.count({e.path, e.target_line, e.rule}) == 1);
      if (!e.message_part.empty()) {
        INFO(fmt::format("{}/{}:{}: the {} finding's message contains \"{}\"", rule_id, e.path, e.comment_line,
                         e.rule, e.message_part));
        CHECK(std::any_of(result.findings.begin(), result.findings.end(), [&](const auto& f) {
          return f.path == e.path && f.line == e.target_line && f.rule == e.rule &&
                 f.message.find(e.message_part) != std::string::npos;
        }));
      }
    } else {
      ok_lines.insert({e.path, e.target_line});
      INFO(fmt::format("{}/{}:{}: expected no {} finding on line {}", rule_id, e.path, e.comment_line, e.rule,
                       e.target_line));
      CHECK(found.count({e.path, e.target_line, e.rule}) == 0);
    }
  }
  for (const auto& f : result.findings) {
    // A field the check did not supply leaves the template's `{field}` in the message.
    const auto* info = svc::engine::RuleCatalog::builtin().find(f.rule);
    REQUIRE(info);
    for (const auto& field : message_fields(info->message)) {
      INFO(fmt::format("{}/{}:{}: {} message without its {{{}}} field: {}", rule_id, f.path, f.line, f.rule, field,
                       f.message));
      CHECK(f.message.find("{" + field + "}") == std::string::npos);
    }
    if (f.suppressed) continue;
    bool own_rule = f.rule == rule_id;
    bool on_ok_line = ok_lines.count({f.path, f.line}) == 1;
    if (!own_rule && !on_ok_line) continue;
    INFO(fmt::format("{}/{}:{}: unexpected {} finding{}: {}", rule_id, f.path, f.line, f.rule,
                     on_ok_line ? " on an svc-ok line" : "", f.message));
    CHECK(expected.count({f.path, f.line, f.rule}) == 1);
  }
}

}  // namespace

TEST_CASE("every rule's fixtures meet their inline expectations", "[fixtures]") {
  std::vector<std::string> ids;
  for (const auto& dir : fs::directory_iterator(fixtures_root()))
    if (dir.is_directory()) ids.push_back(dir.path().filename().string());
  std::sort(ids.begin(), ids.end());
  REQUIRE_FALSE(ids.empty());
  for (const auto& id : ids) {
    DYNAMIC_SECTION(id) { check_fixture(id); }
  }
}
