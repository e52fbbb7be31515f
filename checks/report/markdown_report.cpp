// Markdown for a pull-request comment or GitHub's job summary ($GITHUB_STEP_SUMMARY):
// a count per severity and rule, then the first findings with links to the lines.
#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "checks/report/reporter.h"

namespace svc::report {
namespace {

constexpr std::size_t kFirstFindings = 20;

// Finding text is arbitrary (a matched line, a file name): backslash-escape what
// Markdown would read as emphasis, code, links or a table cell's end, turn HTML-ish
// characters into entities, and fold line breaks so a row stays one line.
std::string escape_markdown(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '|': case '~':
        out += '\\';
        out += c;
        break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default:
        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;  // other controls dropped
    }
  }
  return out;
}

// Percent-encodes all but RFC 3986 unreserved characters and '/', so a path with
// spaces, '#', '(' or ')' stays one valid link destination.
std::string url_path(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                c == '.' || c == '_' || c == '~' || c == '/';
    out += keep ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  }
  return out;
}

const engine::RuleInfo* find_rule(const engine::AuditResult& r, const std::string& id) {
  auto it = std::find_if(r.rules.begin(), r.rules.end(), [&](const auto& rule) { return rule.id == id; });
  return it == r.rules.end() ? nullptr : &*it;
}

std::string rule_link(const engine::AuditResult& r, const std::string& id) {
  const auto* rule = find_rule(r, id);
  if (!rule || rule->help_uri.empty()) return escape_markdown(id);
  return fmt::format("[{}]({})", escape_markdown(id), rule->help_uri);
}

// `path:line`, linked to the lines on GitHub when the run knows the commit.
std::string location_link(const engine::AuditResult& r, const engine::Finding& f, const ReportOptions& options) {
  std::string path = r.repository_prefix + f.path;
  std::string text = escape_markdown(fmt::format("{}:{}", path, f.line));
  if (options.blob_url.empty()) return text;
  std::string anchor = fmt::format("#L{}", f.line);
  if (f.end_line > f.line) anchor += fmt::format("-L{}", f.end_line);
  return fmt::format("[{}]({}{}{})", text, options.blob_url, url_path(path), anchor);
}

void write_counts(const engine::AuditResult& r, std::ostream& out) {
  std::map<std::pair<engine::Severity, std::string>, std::size_t> counts;
  for (const auto& f : r.findings)
    if (!f.suppressed) ++counts[{f.severity, f.rule}];
  std::vector<std::tuple<engine::Severity, std::size_t, std::string>> rows;
  for (const auto& [key, n] : counts) rows.emplace_back(key.first, n, key.second);
  // Most severe first, then the most frequent.
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    return std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(a)) <
           std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(b));
  });
  out << "| Severity | Rule | Findings |\n| --- | --- | ---: |\n";
  for (const auto& [severity, n, rule] : rows)
    out << fmt::format("| {} | {} | {} |\n", engine::to_string(severity), rule_link(r, rule), n);
}

void write_first_findings(const engine::AuditResult& r, const ReportOptions& options, std::ostream& out) {
  std::vector<const engine::Finding*> shown;
  for (const auto& f : r.findings)
    if (!f.suppressed) shown.push_back(&f);
  // Errors first; the engine's path order within a severity.
  std::stable_sort(shown.begin(), shown.end(), [](const auto* a, const auto* b) { return a->severity > b->severity; });
  std::size_t total = shown.size();
  if (shown.size() > kFirstFindings) shown.resize(kFirstFindings);
  out << "\n### First findings\n\n| Severity | Location | Rule | Message |\n| --- | --- | --- | --- |\n";
  for (const auto* f : shown)
    out << fmt::format("| {} | {} | {} | {} |\n", engine::to_string(f->severity), location_link(r, *f, options),
                       rule_link(r, f->rule), escape_markdown(f->message));
  if (total > shown.size())
    out << fmt::format("\n…and {} more: `svc audit` lists them all.\n", total - shown.size());
}

}  // namespace

void write_markdown(const engine::AuditResult& r, const ReportOptions& options, std::ostream& out) {
  SeverityCounts c = count_findings(r);
  out << "## svc audit\n\n" << escape_markdown(summary_line(r)) << "\n\n";
  for (const auto& line : scope_lines(r)) out << escape_markdown(line) << "\n\n";
  if (c.total() == 0) {
    out << "**No findings.**\n";
  } else {
    write_counts(r, out);
    write_first_findings(r, options, out);
  }
  if (c.suppressed)
    out << fmt::format("\n{} suppressed in source (not listed).\n",
                       c.suppressed == 1 ? std::string("1 finding") : fmt::format("{} findings", c.suppressed));
}

}  // namespace svc::report
