#include <algorithm>

#include <fmt/format.h>

#include "checks/report/reporter.h"

namespace svc::report {
namespace {

struct Style {
  bool on;
  std::string operator()(std::string_view code, std::string_view text) const {
    return on ? fmt::format("\x1b[{}m{}\x1b[0m", code, text) : std::string(text);
  }
};

std::string_view severity_color(engine::Severity s) {
  switch (s) {
    case engine::Severity::error: return "1;31";
    case engine::Severity::warning: return "1;33";
    default: return "1;36";
  }
}

// The source line with a caret under the match, tabs kept so the caret lines up.
void write_snippet(const engine::Finding& f, const Style& style, std::ostream& out) {
  if (f.source_line.empty()) return;
  std::string gutter = fmt::format("{:>5} | ", f.line);
  out << style("2", gutter) << f.source_line << '\n';
  std::string pad;
  int col = 1;
  for (std::size_t i = 0; i < f.source_line.size() && col < f.column; ++i) {
    unsigned char c = static_cast<unsigned char>(f.source_line[i]);
    if ((c & 0xC0) == 0x80) continue;
    pad += c == '\t' ? '\t' : ' ';
    ++col;
  }
  int width = f.end_line == f.line ? std::max(1, f.end_column - f.column) : 1;
  std::string marks = "^" + std::string(static_cast<std::size_t>(std::min(width, 80) - 1), '~');
  out << style("2", std::string(gutter.size() - 2, ' ') + "| ") << pad << style("1;32", marks) << '\n';
}

}  // namespace

void write_text(const engine::AuditResult& r, const ReportOptions& options, std::ostream& out) {
  Style style{options.color};
  for (const auto& f : r.findings) {
    if (f.suppressed) continue;
    out << style("1", fmt::format("{}:{}:{}:", f.path, f.line, f.column)) << ' '
        << style(severity_color(f.severity), engine::to_string(f.severity)) << ": " << f.message << ' '
        << style("2", "[" + f.rule + "]") << '\n';
    write_snippet(f, style, out);
  }
  SeverityCounts c = count_findings(r);
  std::string summary = summary_line(r);
  if (!r.findings.empty() && c.total()) out << '\n';
  out << style(c.error ? "1;31" : c.total() ? "1;33" : "1;32", summary) << '\n';
  for (const auto& line : scope_lines(r)) out << style("2", line) << '\n';
}

}  // namespace svc::report
