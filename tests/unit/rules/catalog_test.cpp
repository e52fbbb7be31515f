// The catalog is generated from rules/*.yaml; this test keeps each rule's three
// parts together: its YAML, its doc page and its fixture folder with both kinds of
// expectation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>

#include "checks/builtin/pattern_check.h"
#include "checks/engine/check.h"
#include "checks/core/findings.h"
#include "checks/core/rule_catalog.h"
#include "checks/rule_tests/expectations.h"

namespace fs = std::filesystem;

TEST_CASE("every rule has its YAML, doc page, fixtures and implementation", "[catalog]") {
  const auto& catalog = svc::engine::RuleCatalog::builtin();
  std::string src = SVC_SOURCE_DIR;
  std::set<std::string> ids;
  for (const auto& rule : catalog.rules()) {
    INFO("rule " << rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(fs::exists(src + "/rules/" + rule.id + ".yaml"));
    CHECK(fs::exists(src + "/docs/rules/" + rule.id + ".md"));
    CHECK_FALSE(rule.doc.empty());
    CHECK_FALSE(rule.summary.empty());
    // One source for what a rule is called and how severe it is: the YAML. The page's
    // title repeats the summary word for word; `svc explain` adds the severity.
    CHECK(rule.doc.substr(0, rule.doc.find('\n')) == "# " + rule.id + ": " + rule.summary);
    CHECK(rule.doc.find("\nSeverity:") == std::string::npos);
    CHECK(rule.name.find('-') == std::string::npos);
    CHECK((rule.implementation == "engine" || svc::engine::builtin_checks().count(rule.implementation) == 1));
    std::string fixtures = src + "/tests/fixtures/rules/" + rule.id;
    REQUIRE(fs::is_directory(fixtures));
    bool expect = false, ok = false, pinned = false;
    for (const auto& e : svc::engine::read_expectations(fixtures).expectations) {
      if (e.rule != rule.id) continue;
      (e.expect_hit ? expect : ok) = true;
      pinned = pinned || !e.message_part.empty();
    }
    CHECK(expect);  // the bad case fires
    CHECK(ok);      // the good case stays silent
    CHECK(pinned);  // and says what it should (svc-expect: <id> "part of the message")
  }
  // Every YAML in rules/ made it into the binary.
  for (const auto& f : fs::directory_iterator(src + "/rules")) {
    INFO(f.path());
    CHECK(ids.count(f.path().stem().string()) == 1);
  }
  // And no fixture folder lingers for a rule that is gone.
  for (const auto& d : fs::directory_iterator(src + "/tests/fixtures/rules")) {
    INFO(d.path());
    CHECK(catalog.find(d.path().filename().string()) != nullptr);
  }
}

TEST_CASE("every query of a pattern rule compiles for each language it names", "[catalog]") {
  for (const auto& rule : svc::engine::RuleCatalog::builtin().rules()) {
    if (rule.implementation != "pattern") continue;
    INFO("rule " << rule.id);
    CHECK_NOTHROW(svc::builtin::compile_pattern_rule(rule));
  }
}

namespace {


// Every `patterns:` list of a rule's YAML, at the top or one level down
// (api-error-shape's `central_handler:`).
std::vector<YAML::Node> pattern_lists(const YAML::Node& spec) {
  std::vector<YAML::Node> out;
  if (spec["patterns"] && spec["patterns"].IsSequence()) out.push_back(spec["patterns"]);
  for (const auto& kv : spec)
    if (kv.second.IsMap() && kv.second["patterns"] && kv.second["patterns"].IsSequence())
      out.push_back(kv.second["patterns"]);
  return out;
}

}  // namespace

TEST_CASE("every pattern fills exactly the fields of its rule's message", "[catalog]") {
  int checked = 0;
  for (const auto& rule : svc::engine::RuleCatalog::builtin().rules()) {
    std::set<std::string> fields = svc::engine::message_fields(rule.message);
    for (const auto& list : pattern_lists(rule.spec)) {
      for (const auto& pattern : list) {
        std::set<std::string> given;
        for (const auto& kv : pattern["args"]) given.insert(kv.first.as<std::string>());
        INFO("rule " << rule.id << ", pattern at line " << pattern.Mark().line + 1 << " of rules/" << rule.id
                     << ".yaml");
        CHECK(given == fields);  // a missing field shows the raw template; an extra one is a typo
        ++checked;
      }
    }
  }
  CHECK(checked > 20);
}
