// GitHub Actions workflow commands: each line becomes an annotation on the pull request.
#include <fmt/format.h>

#include "checks/report/reporter.h"

namespace svc::report {
namespace {

std::string_view command_for(engine::Severity s) {
  switch (s) {
    case engine::Severity::error: return "error";
    case engine::Severity::warning: return "warning";
    default: return "notice";
  }
}

// The runner splits a command at newlines and percent-decodes its fields, so these
// must be escaped or a message could end the annotation and start a new command.
std::string escape_data(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

// Property values additionally end at ',' and the properties at ':'.
std::string escape_property(std::string_view s) {
  std::string out;
  for (char c : escape_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

void write_github(const engine::AuditResult& r, const ReportOptions&, std::ostream& out) {
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    std::string where = fmt::format("file={},line={}", escape_property(r.repository_prefix + f.path), f.line);
    // GitHub annotations take columns only for a single-line span and reject them otherwise.
    if (f.end_line == f.line)
      where += fmt::format(",col={},endLine={},endColumn={}", f.column, f.end_line, f.end_column);
    else
      where += fmt::format(",endLine={}", f.end_line);
    out << fmt::format("::{} {},title={}::{}\n", command_for(f.severity), where, escape_property(f.rule),
                       escape_data(f.message));
  }
  out << "svc: " + summary_line(r) << '\n';
  for (const auto& line : scope_lines(r)) out << "svc: " << line << '\n';
}

}  // namespace svc::report
