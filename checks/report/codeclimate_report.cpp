// GitLab Code Quality (a subset of the Code Climate issue format): the merge-request
// widget compares these issues between the base and the head by fingerprint.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "checks/report/reporter.h"

namespace svc::report {
namespace {

using nlohmann::json;

// Code Climate's scale is info < minor < major < critical < blocker. An error is a
// playbook violation that fails the build by default: "major". "critical" and
// "blocker" stay unused, because a rule's severity alone cannot tell a security hole
// from a design rule, and overstating every error would drown the ones that matter.
std::string_view codeclimate_severity(engine::Severity s) {
  switch (s) {
    case engine::Severity::error: return "major";
    case engine::Severity::warning: return "minor";
    default: return "info";
  }
}

const engine::RuleInfo* find_rule(const engine::AuditResult& r, const std::string& id) {
  auto it = std::find_if(r.rules.begin(), r.rules.end(), [&](const auto& rule) { return rule.id == id; });
  return it == r.rules.end() ? nullptr : &*it;
}

json issue(const engine::AuditResult& r, const engine::Finding& f) {
  json j = {{"type", "issue"},
            {"engine_name", "svc"},
            {"check_name", f.rule},
            {"description", f.message},
            {"fingerprint", f.fingerprint},
            {"severity", codeclimate_severity(f.severity)},
            // GitLab resolves the path from the repository's top, not the audited folder.
            {"location",
             {{"path", r.repository_prefix + f.path},
              {"lines", {{"begin", f.line}, {"end", std::max(f.end_line, f.line)}}}}}};
  if (const auto* rule = find_rule(r, f.rule))
    j["content"] = {{"body", rule->summary + "\n\nSee " + rule->help_uri}};
  return j;
}

}  // namespace

// Suppressed findings are left out: GitLab has no notion of an accepted issue, and
// listing them would show them as new or unresolved.
void write_codeclimate(const engine::AuditResult& r, const ReportOptions&, std::ostream& out) {
  json issues = json::array();
  for (const auto& f : r.findings)
    if (!f.suppressed) issues.push_back(issue(r, f));
  // A file name need not be UTF-8; replace what is not rather than fail the run.
  out << issues.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
}

}  // namespace svc::report
