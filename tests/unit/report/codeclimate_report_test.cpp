#include <catch2/catch.hpp>

#include <sstream>

#include <nlohmann/json.hpp>

#include "checks/report/reporter.h"

using namespace svc;
using nlohmann::json;

namespace {

engine::Finding finding(std::string rule, engine::Severity severity, int line, int end_line, bool suppressed = false) {
  engine::Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.path = "orders/src/app.ts";
  f.line = line;
  f.end_line = end_line;
  f.message = "message of " + f.rule;
  f.fingerprint = "fp-" + f.rule;
  f.suppressed = suppressed;
  return f;
}

json codeclimate(const engine::AuditResult& r) {
  std::ostringstream out;
  report::write_codeclimate(r, {}, out);
  return json::parse(out.str());
}

}  // namespace

TEST_CASE("codeclimate: severities, repository-relative paths, no suppressed issues", "[report][codeclimate]") {
  engine::AuditResult r;
  r.repository_prefix = "services/";
  engine::RuleInfo info;
  info.id = "api-error-leak";
  info.summary = "internal error text returned to clients";
  info.help_uri = "https://example.test/api-error-leak.md";
  r.rules = {info};
  r.findings = {finding("api-error-leak", engine::Severity::error, 3, 5),
                finding("logging-unstructured", engine::Severity::warning, 4, 4),
                finding("arch-graphql", engine::Severity::info, 9, 9),
                finding("docker-root-user", engine::Severity::error, 1, 1, true)};
  json issues = codeclimate(r);
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 3);
  CHECK(issues[0] == json{{"type", "issue"},
                          {"engine_name", "svc"},
                          {"check_name", "api-error-leak"},
                          {"description", "message of api-error-leak"},
                          {"fingerprint", "fp-api-error-leak"},
                          {"severity", "major"},
                          {"location", {{"path", "services/orders/src/app.ts"}, {"lines", {{"begin", 3}, {"end", 5}}}}},
                          {"content",
                           {{"body", "internal error text returned to clients\n\n"
                                     "See https://example.test/api-error-leak.md"}}}});
  CHECK(issues[1]["severity"] == "minor");
  CHECK(issues[2]["severity"] == "info");
  CHECK_FALSE(issues[1].contains("content"));  // a rule the result does not describe
}

TEST_CASE("codeclimate: no findings is an empty array", "[report][codeclimate]") {
  CHECK(codeclimate(engine::AuditResult{}) == json::array());
}
