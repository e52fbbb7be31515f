// Baselines across line shifts, reformatting and duplicates: fingerprints and the
// multiset matching of checks/filters/baseline.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "checks/filters/baseline.h"

using namespace svc::engine;

namespace {

Finding finding(std::string rule, std::string path, int line, std::string matched, std::string message = "m") {
  Finding f;
  f.rule = std::move(rule);
  f.path = std::move(path);
  f.line = f.end_line = line;
  f.matched_text = std::move(matched);
  f.message = std::move(message);
  return f;
}

std::vector<Finding> finalized(std::vector<Finding> findings) {
  finalize_findings(findings);
  return findings;
}

const std::set<std::string> kAllRules = {"logging-unstructured", "docker-root-user"};

}  // namespace

TEST_CASE("baseline: written sorted and stable, and read back", "[baseline]") {
  auto findings = finalized({finding("logging-unstructured", "b.ts", 3, "console.log(x)", "use a logger"),
                             finding("docker-root-user", "a/Dockerfile", 1, "FROM node", "runs as root"),
                             finding("logging-unstructured", "a/x.ts", 9, "console.log(y)")});
  findings.push_back(finding("docker-root-user", "c/Dockerfile", 1, "FROM x"));
  findings.back().suppressed = true;  // suppressed in source: not the baseline's business
  std::string text = render_baseline(baseline_from_findings(findings));

  CHECK(text.back() == '\n');
  auto doc = nlohmann::json::parse(text);
  CHECK(doc["version"] == 1);
  REQUIRE(doc["findings"].size() == 3);
  CHECK(doc["findings"][0]["path"] == "a/Dockerfile");
  CHECK(doc["findings"][1]["path"] == "a/x.ts");
  CHECK(doc["findings"][2]["path"] == "b.ts");
  CHECK(doc["findings"][2]["rule"] == "logging-unstructured");
  CHECK(doc["findings"][2]["message"] == "use a logger");
  CHECK(doc["findings"][2]["fingerprint"] == findings[2].fingerprint);

  // Same findings in another order, and a round trip: the same bytes.
  std::reverse(findings.begin(), findings.end());
  CHECK(render_baseline(baseline_from_findings(findings)) == text);
  CHECK(render_baseline(parse_baseline(text, "b.json")) == text);
}

TEST_CASE("baseline: fingerprints survive lines inserted above", "[baseline]") {
  auto before = finalized({finding("logging-unstructured", "a.ts", 3, "console.log(x)")});
  auto after = finalized({finding("logging-unstructured", "a.ts", 40, "console.log(x)")});
  CHECK(before[0].fingerprint == after[0].fingerprint);
}

TEST_CASE("baseline: fingerprints survive the match being reformatted", "[baseline]") {
  auto fp = [](std::string matched) {
    return finalized({finding("logging-unstructured", "a.ts", 1, std::move(matched))})[0].fingerprint;
  };
  std::string original = fp("console.log('saved', order.id)");
  CHECK(fp("console.log(\"saved\", order.id)") == original);             // quote style
  CHECK(fp("console.log( 'saved',order.id )") == original);              // spacing
  CHECK(fp("console.log(\n    'saved',\n    order.id,\n)") == original);  // split with a trailing comma
  CHECK(fp("console.log('saved', order.ids)") != original);              // a real change
  CHECK(normalize_for_fingerprint("return  x") == "return x");            // tokens never merge
}

TEST_CASE("baseline: identical findings in one file stay distinct", "[baseline]") {
  auto two = finalized({finding("logging-unstructured", "a.ts", 3, "console.log(x)"),
                        finding("logging-unstructured", "a.ts", 7, "console.log(x)")});
  REQUIRE(two[0].fingerprint != two[1].fingerprint);
  auto with_both = baseline_from_findings(two);

  SECTION("a baseline with both hides both") {
    auto findings = two;
    auto m = apply_baseline(with_both, findings, kAllRules);
    CHECK(m.hidden == 2);
    CHECK(m.fixed.empty());
    CHECK(findings.empty());
  }
  SECTION("a baseline with one hides only one") {
    auto findings = two;
    auto m = apply_baseline(baseline_from_findings({two[0]}), findings, kAllRules);
    CHECK(m.hidden == 1);
    CHECK(findings.size() == 1);
  }
  SECTION("one occurrence removed: one entry fixed") {
    auto findings = finalized({finding("logging-unstructured", "a.ts", 3, "console.log(x)")});
    auto m = apply_baseline(with_both, findings, kAllRules);
    CHECK(m.hidden == 1);
    REQUIRE(m.fixed.size() == 1);
    CHECK(findings.empty());
    CHECK(without_fixed(with_both, m).entries.size() == 1);
  }
  SECTION("a repeated fingerprint in a hand-merged file hides one finding per entry") {
    Baseline doubled{{with_both.entries[0], with_both.entries[0]}};
    auto findings = two;
    auto m = apply_baseline(doubled, findings, kAllRules);
    CHECK(m.hidden == 1);
    CHECK(m.fixed.size() == 1);
  }
}

TEST_CASE("baseline: new findings are not hidden, and fixed counts only rules that ran", "[baseline]") {
  auto old = finalized({finding("logging-unstructured", "a.ts", 3, "console.log(x)"),
                        finding("docker-root-user", "Dockerfile", 1, "FROM node")});
  auto baseline = baseline_from_findings(old);
  auto now = finalized({finding("logging-unstructured", "a.ts", 3, "console.log(x)"),
                        finding("logging-unstructured", "b.ts", 1, "console.log(y)")});
  auto m = apply_baseline(baseline, now, {"logging-unstructured"});  // docker-root-user did not run
  CHECK(m.hidden == 1);
  CHECK(m.fixed.empty());
  REQUIRE(now.size() == 1);
  CHECK(now[0].path == "b.ts");

  auto all = finalized({finding("logging-unstructured", "b.ts", 1, "console.log(y)")});
  auto m2 = apply_baseline(baseline, all, kAllRules);
  CHECK(m2.hidden == 0);
  CHECK(m2.fixed.size() == 2);
  CHECK(without_fixed(baseline, m2).entries.empty());  // update drops, never adds b.ts
}

TEST_CASE("baseline: suppressed findings are left alone", "[baseline]") {
  auto findings = finalized({finding("logging-unstructured", "a.ts", 3, "console.log(x)")});
  auto baseline = baseline_from_findings(findings);
  findings[0].suppressed = true;
  auto m = apply_baseline(baseline, findings, kAllRules);
  CHECK(m.hidden == 0);
  CHECK(findings.size() == 1);
  CHECK(m.fixed.size() == 1);
}

TEST_CASE("baseline: a malformed file names itself and the problem", "[baseline]") {
  auto error_of = [](const std::string& text) {
    try {
      parse_baseline(text, "svc-baseline.json");
    } catch (const BaselineError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("{\"version\": 1, \"findings\": [}").rfind("svc-baseline.json: not valid JSON: parse error", 0) == 0);
  CHECK(error_of("[]").rfind("svc-baseline.json: not an svc baseline", 0) == 0);
  CHECK(error_of("{\"version\": 2, \"findings\": []}") ==
        "svc-baseline.json: unsupported baseline version (this svc reads version 1)");
  CHECK(error_of("{\"version\": 1, \"findings\": [{\"rule\": \"x\"}]}") ==
        "svc-baseline.json: findings[0] has no \"fingerprint\"");
  CHECK(error_of("{\"version\": 1, \"findings\": [{\"fingerprint\": 3, \"rule\": \"x\"}]}") ==
        "svc-baseline.json: findings[0].fingerprint must be a non-empty string");
  CHECK(error_of("{\"version\": 1, \"findings\": []}") == "no error");
  CHECK_THROWS_AS(load_baseline("/no/such/baseline.json"), BaselineError);
}
