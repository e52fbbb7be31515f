#pragma once
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "checks/engine/runner.h"

namespace svc::report {

// "<server>/<owner>/<repo>/blob/<sha>/" from GitHub Actions' GITHUB_SERVER_URL,
// GITHUB_REPOSITORY and GITHUB_SHA; "" when any of them is unset.
std::string github_blob_url();

struct ReportOptions {
  bool color = false;  // ANSI colour, for terminals only
  // Where the markdown report links a repository-relative path (URL + path + "#L12");
  // "" for plain `path:line`. Taken from the environment so every caller gets it.
  std::string blob_url = github_blob_url();
};

using ReportFn = void (*)(const engine::AuditResult&, const ReportOptions&, std::ostream&);

// The formats `svc audit --format` accepts, in help order.
const std::vector<std::string>& report_formats();
// nullptr for an unknown format.
ReportFn reporter_for(std::string_view format);

void write_text(const engine::AuditResult&, const ReportOptions&, std::ostream&);
void write_json(const engine::AuditResult&, const ReportOptions&, std::ostream&);
void write_sarif(const engine::AuditResult&, const ReportOptions&, std::ostream&);
void write_github(const engine::AuditResult&, const ReportOptions&, std::ostream&);
void write_junit(const engine::AuditResult&, const ReportOptions&, std::ostream&);
void write_markdown(const engine::AuditResult&, const ReportOptions&, std::ostream&);
void write_codeclimate(const engine::AuditResult&, const ReportOptions&, std::ostream&);

// Counts of unsuppressed findings, shared by the summaries of every format.
struct SeverityCounts {
  std::size_t error = 0, warning = 0, info = 0, suppressed = 0;
  std::size_t total() const { return error + warning + info; }
};
SeverityCounts count_findings(const engine::AuditResult& result);
// "3 findings (1 error, 2 warnings, 0 info) in 4 services across 120 files (...)":
// the closing line of the human-readable formats.
std::string summary_line(const engine::AuditResult& result);
// What --since and --baseline left out of the report, a line each ("" lines omitted):
// every format that prints a summary prints these under it.
std::vector<std::string> scope_lines(const engine::AuditResult& r);

}  // namespace svc::report
