#include "checks/report/reporter.h"

#include <cstdlib>

#include <fmt/format.h>

namespace svc::report {

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats = {"text",  "json",     "sarif",      "github",
                                                     "junit", "markdown", "codeclimate"};
  return formats;
}

ReportFn reporter_for(std::string_view format) {
  if (format == "text") return &write_text;
  if (format == "json") return &write_json;
  if (format == "sarif") return &write_sarif;
  if (format == "github") return &write_github;
  if (format == "junit") return &write_junit;
  if (format == "markdown") return &write_markdown;
  if (format == "codeclimate") return &write_codeclimate;
  return nullptr;
}

std::string github_blob_url() {
  const char* server = std::getenv("GITHUB_SERVER_URL");
  const char* repository = std::getenv("GITHUB_REPOSITORY");
  const char* sha = std::getenv("GITHUB_SHA");
  if (!server || !*server || !repository || !*repository || !sha || !*sha) return "";
  std::string_view base = server;
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return fmt::format("{}/{}/blob/{}/", base, repository, sha);
}

SeverityCounts count_findings(const engine::AuditResult& result) {
  SeverityCounts c;
  for (const auto& f : result.findings) {
    if (f.suppressed) { ++c.suppressed; continue; }
    switch (f.severity) {
      case engine::Severity::error: ++c.error; break;
      case engine::Severity::warning: ++c.warning; break;
      case engine::Severity::info: ++c.info; break;
      case engine::Severity::off: break;
    }
  }
  return c;
}

namespace {
std::string plural(std::size_t n, std::string_view word) { return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s"); }
}  // namespace

std::string summary_line(const engine::AuditResult& r) {
  SeverityCounts c = count_findings(r);
  std::string s = c.total() == 0 ? "no findings"
                                 : fmt::format("{} ({}, {}, {} info)", plural(c.total(), "finding"),
                                               plural(c.error, "error"), plural(c.warning, "warning"), c.info);
  s += fmt::format(" in {} across {} ({} parsed)", plural(r.services.size(), "service"), plural(r.files, "file"),
                   r.parsed);
  if (c.suppressed) s += fmt::format(", {} suppressed", c.suppressed);
  if (r.skipped.total())
    s += fmt::format(", {} skipped ({} binary, {} over 2 MiB, {} not UTF-8, {} unreadable)", r.skipped.total(),
                     r.skipped.binary, r.skipped.too_large, r.skipped.not_utf8, r.skipped.unreadable);
  return s + fmt::format(", {} ms", r.duration_ms);
}

}  // namespace svc::report
