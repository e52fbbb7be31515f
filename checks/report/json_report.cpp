#include <nlohmann/json.hpp>

#include "checks/report/reporter.h"

namespace svc::report {

void write_json(const engine::AuditResult& r, const ReportOptions&, std::ostream& out) {
  using nlohmann::json;
  json services = json::array();
  for (const auto& s : r.services)
    services.push_back({{"name", s.name}, {"path", s.path}, {"language", s.language},
                        {"kind", s.kind()}, {"framework", s.primary_framework()},
                        {"frameworks", s.frameworks},
                        // Where it comes from: discovery, `.svc.yaml` services:, or both.
                        {"discovered", s.discovered}, {"declared", s.declared}});
  // Workspace packages that look like services but only other packages import them.
  json libraries = json::array();
  for (const auto& p : r.packages.packages())
    if (p.library()) libraries.push_back({{"name", p.name}, {"path", p.dir}});
  json findings = json::array();
  for (const auto& f : r.findings) {
    json j = {{"rule", f.rule},           {"severity", engine::to_string(f.severity)},
              {"path", f.path},           {"line", f.line},
              {"column", f.column},       {"end_line", f.end_line},
              {"end_column", f.end_column}, {"service", f.service},
              {"message", f.message},     {"fingerprint", f.fingerprint},
              {"suppressed", f.suppressed}};
    if (f.suppressed) j["suppression_reason"] = f.suppression_reason;
    findings.push_back(std::move(j));
  }
  SeverityCounts c = count_findings(r);
  json doc = {
      {"tool", {{"name", "svc"}, {"version", SVC_VERSION}}},
      {"root", r.root},
      {"services", services},
      {"libraries", libraries},
      {"findings", findings},
      {"summary",
       {{"files", r.files},
        {"parsed", r.parsed},
        {"cached", r.cache ? r.cache->reused : 0},
        {"findings", c.total()},
        {"suppressed", c.suppressed},
        {"by_severity", {{"error", c.error}, {"warning", c.warning}, {"info", c.info}}},
        {"skipped",
         {{"binary", r.skipped.binary}, {"too_large", r.skipped.too_large},
          {"not_utf8", r.skipped.not_utf8}, {"unreadable", r.skipped.unreadable},
          {"too_deep", r.skipped.too_deep}, {"yaml_aliases", r.skipped.yaml_aliases}}},
        {"duration_ms", r.duration_ms}}},
  };
  if (!r.baseline_file.empty())
    doc["summary"]["baseline"] = {
        {"file", r.baseline_file}, {"hidden", r.baseline_hidden}, {"fixed", r.baseline_fixed}};
  if (r.since)
    doc["summary"]["since"] = {{"ref", r.since->ref}, {"base", r.since->base},
                               {"changed_files", r.since->changed_files}, {"hidden", r.since->hidden}};
  out << doc.dump(2) << '\n';
}

}  // namespace svc::report
