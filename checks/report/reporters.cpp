#include "checks/report/reporter.h"

#include <algorithm>
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
  auto declared = std::count_if(r.services.begin(), r.services.end(), [](const auto& sv) { return sv.declared; });
  s += fmt::format(" in {}", plural(r.services.size(), "service"));
  if (declared) s += fmt::format(" ({} from .svc.yaml)", declared);
  s += fmt::format(" across {} ({} parsed", plural(r.files, "file"), r.parsed);
  if (r.cache && r.cache->reused) s += fmt::format(", {} unchanged from cache", r.cache->reused);
  s += ")";
  if (c.suppressed) s += fmt::format(", {} suppressed", c.suppressed);
  if (r.skipped.total())
    s += fmt::format(", {} skipped ({})", r.skipped.total(), r.skipped.breakdown());
  return s + fmt::format(", {} ms", r.duration_ms);
}

std::vector<std::string> scope_lines(const engine::AuditResult& r) {
  std::vector<std::string> out;
  if (r.since)
    out.push_back(fmt::format("since {} (merge-base of {}): {} changed, {} outside the change not shown",
                              r.since->base.substr(0, 7), r.since->ref, plural(r.since->changed_files, "file"),
                              plural(r.since->hidden, "finding")));
  if (!r.baseline_file.empty()) {
    std::string line = fmt::format("{} hidden by baseline {}", r.baseline_hidden, r.baseline_file);
    if (r.baseline_fixed)
      line += fmt::format(", {} baseline {} fixed (run with --update-baseline to drop them)", r.baseline_fixed,
                          r.baseline_fixed == 1 ? "entry" : "entries");
    out.push_back(line);
  }
  return out;
}

}  // namespace svc::report
