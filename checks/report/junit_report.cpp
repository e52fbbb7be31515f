// JUnit XML, the test-report shape GitLab (artifacts:reports:junit) and Jenkins' JUnit
// plugin read: one suite per rule that ran, one test case per (rule, file) with
// findings, and one passing "no findings" case for a rule that found nothing, so the
// report also shows what was checked.
#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "checks/report/reporter.h"
#include "checks/report/xml_escape.h"

namespace svc::report {
namespace {

// The findings of one rule in one file; `failed` are unsuppressed, `suppressed` the rest.
struct Case {
  std::vector<const engine::Finding*> failed, suppressed;
};
// Per rule, per repository-relative path, in path order.
using Suites = std::map<std::string, std::map<std::string, Case>, std::less<>>;

// The rules that ran, in catalog order, then any other rule a finding names.
std::vector<std::string> rule_order(const engine::AuditResult& r, const Suites& suites) {
  std::vector<std::string> ids;
  for (const auto& rule : r.rules) ids.push_back(rule.id);
  for (const auto& [id, cases] : suites)
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  return ids;
}

struct Totals {
  std::size_t tests = 0, failures = 0, skipped = 0;
};

// `cases` is null for a rule with no findings: one passing test.
Totals totals_of(const std::map<std::string, Case>* cases) {
  if (!cases) return {1, 0, 0};
  Totals t;
  for (const auto& [path, c] : *cases) {
    ++t.tests;
    ++(c.failed.empty() ? t.skipped : t.failures);
  }
  return t;
}

std::string location(const std::string& path, const engine::Finding& f) {
  return fmt::format("{}:{}:{}", path, f.line, f.column);
}

// One <failure> per test case, however many findings: GitLab and Jenkins show only
// one per case, so the message names the first and the body lists them all.
void write_failure(const std::string& path, const std::vector<const engine::Finding*>& findings, std::ostream& out) {
  auto worst = std::max_element(findings.begin(), findings.end(),
                                [](const auto* a, const auto* b) { return a->severity < b->severity; });
  const engine::Finding& first = *findings.front();
  std::string message = findings.size() == 1 ? first.message
                                             : fmt::format("{} findings, the first at line {}: {}", findings.size(),
                                                           first.line, first.message);
  std::string body;
  for (const auto* f : findings)
    body += fmt::format("{}: {}: {}\n", location(path, *f), engine::to_string(f->severity), f->message);
  out << fmt::format("      <failure message=\"{}\" type=\"{}\">{}</failure>\n", xml_attribute(message),
                     engine::to_string((*worst)->severity), xml_text(body));
}

// A (rule, file) whose findings are all suppressed in source is reported as skipped,
// with the reason: the rule did fire, and someone decided that is fine.
void write_skipped(const std::vector<const engine::Finding*>& findings, std::ostream& out) {
  const engine::Finding& first = *findings.front();
  std::string message = fmt::format("suppressed at line {}: {}", first.line, first.suppression_reason);
  if (findings.size() > 1) message = fmt::format("{} findings suppressed, the first at line {}: {}", findings.size(),
                                                 first.line, first.suppression_reason);
  out << fmt::format("      <skipped message=\"{}\"/>\n", xml_attribute(message));
}

void write_suite(const std::string& rule, const std::map<std::string, Case>* cases, std::ostream& out) {
  Totals t = totals_of(cases);
  std::string id = xml_attribute(rule);
  out << fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\" time=\"0\">\n",
                     id, t.tests, t.failures, t.skipped);
  if (!cases)
    out << fmt::format("    <testcase classname=\"{}\" name=\"no findings\" time=\"0\"/>\n", id);
  else
    for (const auto& [path, c] : *cases) {
      // `file` is GitLab's link from the test report to the file.
      out << fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" time=\"0\">\n", id,
                         xml_attribute(path), xml_attribute(path));
      if (c.failed.empty())
        write_skipped(c.suppressed, out);
      else
        write_failure(path, c.failed, out);
      out << "    </testcase>\n";
    }
  out << "  </testsuite>\n";
}

}  // namespace

void write_junit(const engine::AuditResult& r, const ReportOptions&, std::ostream& out) {
  Suites suites;
  for (const auto& f : r.findings) {
    Case& c = suites[f.rule][r.repository_prefix + f.path];
    (f.suppressed ? c.suppressed : c.failed).push_back(&f);
  }
  std::vector<std::string> rules = rule_order(r, suites);
  auto cases_of = [&](const std::string& rule) -> const std::map<std::string, Case>* {
    auto it = suites.find(rule);
    return it == suites.end() ? nullptr : &it->second;
  };
  Totals all;
  for (const auto& rule : rules) {
    Totals t = totals_of(cases_of(rule));
    all.tests += t.tests;
    all.failures += t.failures;
    all.skipped += t.skipped;
  }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << fmt::format("<testsuites name=\"svc\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\""
                     " time=\"{:.3f}\">\n",
                     all.tests, all.failures, all.skipped, static_cast<double>(r.duration_ms) / 1000.0);
  for (const auto& rule : rules) write_suite(rule, cases_of(rule), out);
  out << "</testsuites>\n";
}

}  // namespace svc::report
