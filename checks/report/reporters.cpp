#include "checks/report/reporter.h"

namespace svc::report {

const std::vector<std::string>& report_formats() {
  static const std::vector<std::string> formats = {"text", "json", "sarif", "github"};
  return formats;
}

ReportFn reporter_for(std::string_view format) {
  if (format == "text") return &write_text;
  if (format == "json") return &write_json;
  if (format == "sarif") return &write_sarif;
  if (format == "github") return &write_github;
  return nullptr;
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

}  // namespace svc::report
