#include <catch2/catch.hpp>

#include <sstream>

#include "checks/report/reporter.h"

using namespace svc;

namespace {

engine::RuleInfo rule(std::string id) {
  engine::RuleInfo r;
  r.id = id;
  r.help_uri = "https://example.test/docs/rules/" + id + ".md";
  return r;
}

engine::Finding finding(std::string rule, engine::Severity severity, std::string path, int line,
                        std::string message, bool suppressed = false) {
  engine::Finding f;
  f.rule = std::move(rule);
  f.severity = severity;
  f.path = std::move(path);
  f.line = f.end_line = line;
  f.message = std::move(message);
  f.suppressed = suppressed;
  return f;
}

std::string markdown(const engine::AuditResult& r, std::string blob_url = "") {
  report::ReportOptions options;
  options.blob_url = std::move(blob_url);
  std::ostringstream out;
  report::write_markdown(r, options, out);
  return out.str();
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The cell separators of a table row: '|' not escaped with a backslash.
int separators(const std::string& row) {
  int n = 0;
  for (std::size_t i = 0; i < row.size(); ++i)
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++n;
  return n;
}

std::vector<std::string> table_rows(const std::string& text) {
  std::vector<std::string> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] == '|') rows.push_back(line);
  return rows;
}

engine::AuditResult sample() {
  engine::AuditResult r;
  r.rules = {rule("docker-root-user"), rule("logging-unstructured")};
  r.findings = {
      finding("docker-root-user", engine::Severity::error, "svc/Dockerfile", 1, "runs as root"),
      finding("logging-unstructured", engine::Severity::warning, "svc/a|b.ts", 7,
              "console.log(`x | y`) <script>alert(1)</script> *bold* [link](x) a\\b\nnext line"),
      finding("docker-root-user", engine::Severity::error, "svc/web/Dockerfile", 2, "runs as root", true),
  };
  return r;
}

}  // namespace

TEST_CASE("markdown: summary table, first findings, suppressed count", "[report][markdown]") {
  std::string md = markdown(sample());
  INFO(md);
  CHECK(md.rfind("## svc audit\n\n2 findings (1 error, 1 warning, 0 info)", 0) == 0);
  CHECK(contains(md, "| error | [docker-root-user](https://example.test/docs/rules/docker-root-user.md) | 1 |\n"));
  CHECK(contains(md, "| warning | [logging-unstructured](https://example.test/docs/rules/logging-unstructured.md)"
                     " | 1 |\n"));
  CHECK(contains(md, "### First findings"));
  CHECK(contains(md, "| error | svc/Dockerfile:1 | [docker-root-user]("));
  CHECK(contains(md, "1 finding suppressed in source (not listed)."));
  CHECK_FALSE(contains(md, "svc/web/Dockerfile"));
  CHECK_FALSE(contains(md, "No findings"));
}

TEST_CASE("markdown: message text cannot break a table or inject HTML", "[report][markdown]") {
  std::string md = markdown(sample());
  INFO(md);
  auto rows = table_rows(md);
  REQUIRE(rows.size() == 2 + 2 + 2 + 2);  // two tables: header, delimiter, two rows each
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i]);
    CHECK(separators(rows[i]) == (i < 4 ? 4 : 5));  // three columns, then four
  }
  CHECK(contains(md, "svc/a\\|b.ts:7"));
  CHECK(contains(md, "console.log(\\`x \\| y\\`) &lt;script&gt;alert(1)&lt;/script&gt; "
                     "\\*bold\\* \\[link\\](x) a\\\\b next line |"));
  CHECK_FALSE(contains(md, "<script>"));
}

TEST_CASE("markdown: locations link to the commit on GitHub when it is known", "[report][markdown]") {
  auto r = sample();
  r.repository_prefix = "sub dir/";
  r.findings[0].end_line = 3;
  std::string md = markdown(r, "https://github.com/o/r/blob/abc123/");
  INFO(md);
  CHECK(contains(md, "[sub dir/svc/Dockerfile:1](https://github.com/o/r/blob/abc123/sub%20dir/svc/Dockerfile#L1-L3)"));
  CHECK(contains(md, "[sub dir/svc/a\\|b.ts:7](https://github.com/o/r/blob/abc123/sub%20dir/svc/a%7Cb.ts#L7)"));
}

TEST_CASE("markdown: an empty result says so", "[report][markdown]") {
  engine::AuditResult r;
  r.rules = {rule("docker-root-user")};
  std::string md = markdown(r);
  CHECK(contains(md, "**No findings.**"));
  CHECK(table_rows(md).empty());
}

TEST_CASE("markdown: only the first findings are listed, most severe first", "[report][markdown]") {
  engine::AuditResult r;
  r.rules = {rule("docker-root-user"), rule("logging-unstructured")};
  for (int i = 1; i <= 30; ++i)
    r.findings.push_back(finding("logging-unstructured", engine::Severity::warning, "a.ts", i, "log"));
  r.findings.push_back(finding("docker-root-user", engine::Severity::error, "z/Dockerfile", 1, "root"));
  std::string md = markdown(r);
  INFO(md);
  auto rows = table_rows(md);
  REQUIRE(rows.size() == 4 + 2 + 20);
  CHECK(rows[2].rfind("| error | [docker-root-user]", 0) == 0);  // severity order in the counts
  CHECK(rows[6].rfind("| error | z/Dockerfile:1 |", 0) == 0);     // and in the list
  CHECK(contains(md, "…and 11 more"));
}
