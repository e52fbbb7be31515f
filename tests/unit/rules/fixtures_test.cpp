// Runs every rule against its fixture folder and checks the inline expectations
// both ways: each `svc-expect` line must get its finding, each `svc-ok` line must
// not, and the folder's own rule may fire nowhere else.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include <fmt/format.h>

#include "checks/engine/runner.h"
#include "unit/rules/expectations.h"

namespace fs = std::filesystem;

namespace {

std::string fixtures_root() { return std::string(SVC_SOURCE_DIR) + "/tests/fixtures/rules"; }

void check_fixture(const std::string& rule_id) {
  std::string root = fixtures_root() + "/" + rule_id;
  svc::engine::AuditOptions options;
  options.root = root;
  options.jobs = 2;
  auto result = svc::engine::run_audit(options);
  auto expectations = read_expectations(root);

  auto hits = [&](const std::string& path, int line, const std::string& rule) {
    for (const auto& f : result.findings)
      if (f.path == path && f.line == line && f.rule == rule && !f.suppressed) return true;
    return false;
  };
  std::set<std::tuple<std::string, int, std::string>> expected;
  for (const auto& e : expectations) {
    if (e.expect_hit) {
      expected.insert({e.path, e.target_line, e.rule});
      INFO(fmt::format("{}/{}:{}: expected a {} finding on line {}", rule_id, e.path, e.comment_line, e.rule,
                       e.target_line));
      CHECK(hits(e.path, e.target_line, e.rule));
    } else {
      INFO(fmt::format("{}/{}:{}: expected no {} finding on line {}", rule_id, e.path, e.comment_line, e.rule,
                       e.target_line));
      CHECK_FALSE(hits(e.path, e.target_line, e.rule));
    }
  }
  for (const auto& f : result.findings) {
    if (f.rule != rule_id || f.suppressed) continue;
    INFO(fmt::format("{}/{}:{}: unexpected finding: {}", rule_id, f.path, f.line, f.message));
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
