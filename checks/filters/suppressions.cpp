#include "checks/filters/suppressions.h"

#include <algorithm>
#include <map>

#include <re2/re2.h>

#include "checks/core/rule_catalog.h"

namespace svc::engine {
namespace {

// A comment marker must come before the directive, so a string such as
// "svc-ignore" in code is not taken for one.
bool inside_comment(std::string_view before) {
  for (std::string_view marker : {"#", "//", "/*", "--", "<!--"})
    if (before.find(marker) != std::string_view::npos) return true;
  auto first = before.find_first_not_of(" \t");
  return first != std::string_view::npos && before[first] == '*';  // inside a /* */ block
}

bool only_comment(std::string_view before) {
  auto first = before.find_first_not_of(" \t");
  if (first == std::string_view::npos) return true;
  std::string_view rest = before.substr(first);
  for (std::string_view marker : {"#", "//", "/*", "--", "<!--", "*"})
    if (rest.substr(0, marker.size()) == marker) return true;
  return false;
}

const RuleInfo* find_rule(const std::vector<RuleInfo>& rules, const std::string& id) {
  for (const auto& r : rules)
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace

std::vector<Suppression> scan_suppressions(const SourceFile& file) {
  static const RE2 directive(
      R"(svc-ignore(-file)?(?:[ \t]+([A-Za-z0-9_/-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_/-]+)*))?[ \t]*(?::(.*))?)");
  std::vector<Suppression> out;
  if (file.text().find("svc-ignore") == std::string::npos) return out;
  for (int n = 1; n <= file.line_count(); ++n) {
    std::string_view line = file.line(n);
    auto at = line.find("svc-ignore");
    if (at == std::string_view::npos || !inside_comment(line.substr(0, at))) continue;
    re2::StringPiece input(line.data() + at, line.size() - at);
    std::string file_flag, ids, reason;
    if (!RE2::PartialMatch(input, directive, &file_flag, &ids, &reason)) continue;
    Suppression s;
    s.path = file.path();
    s.line = n;
    s.column = file.position_of(file.offset_of(n, static_cast<int>(at) + 1)).column;
    s.end_column = file.position_of(file.offset_of(n, static_cast<int>(line.size()) + 1)).column;
    s.whole_file = !file_flag.empty();
    for (std::size_t b = 0; b < ids.size();) {
      std::size_t e = ids.find(',', b);
      if (e == std::string::npos) e = ids.size();
      std::string id = ids.substr(b, e - b);
      id.erase(std::remove_if(id.begin(), id.end(), [](char c) { return c == ' ' || c == '\t'; }), id.end());
      if (!id.empty()) s.rules.push_back(id);
      b = e + 1;
    }
    // Trim the reason and any comment closer.
    for (std::string_view closer : {"*/", "-->"})
      if (auto c = reason.rfind(closer); c != std::string::npos) reason.resize(c);
    auto b = reason.find_first_not_of(" \t"), e = reason.find_last_not_of(" \t\r");
    s.reason = b == std::string::npos ? "" : reason.substr(b, e - b + 1);
    s.text = std::string(line.substr(at));
    s.target_line = n;
    if (only_comment(line.substr(0, at))) {
      // A directive on a line of its own covers the next line; stacked directives
      // all cover the first line below them.
      int t = n + 1;
      while (t <= file.line_count()) {
        std::string_view next = file.line(t);
        auto pos = next.find("svc-ignore");
        if (pos == std::string_view::npos || !only_comment(next.substr(0, pos))) break;
        ++t;
      }
      s.target_line = t;
    }
    out.push_back(std::move(s));
  }
  return out;
}

void apply_suppressions(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                        const std::vector<RuleInfo>& enabled, const RuleCatalog& catalog) {
  std::map<std::string, std::vector<Suppression*>> by_path;
  for (auto& s : suppressions) by_path[s.path].push_back(&s);
  for (auto& f : findings) {
    auto it = by_path.find(f.path);
    if (it == by_path.end()) continue;
    for (Suppression* s : it->second) {
      if (!s->whole_file && s->target_line != f.line && s->line != f.line) continue;
      if (std::find(s->rules.begin(), s->rules.end(), f.rule) == s->rules.end()) continue;
      f.suppressed = true;
      f.suppression_reason = s->reason;
      s->used = true;
      break;
    }
  }
  const RuleInfo* no_reason = find_rule(enabled, "suppression-no-reason");
  const RuleInfo* unused = find_rule(enabled, "suppression-unused");
  for (const auto& s : suppressions) {
    Position b{s.line, s.column}, e{s.line, s.end_column};
    if (no_reason && s.reason.empty() && !s.rules.empty()) {
      FindingSink sink(*no_reason);
      // `svc-ignore id:` with nothing after the colon: the hint adds the colon itself.
      std::string directive = s.text;
      while (!directive.empty() && (directive.back() == ':' || directive.back() == ' ')) directive.pop_back();
      sink.report_at(s.path, b, e, {{"directive", directive}}, s.text);
      for (auto& f : sink.findings()) findings.push_back(std::move(f));
    }
    if (!unused || s.used) continue;
    std::string problem;
    if (s.rules.empty()) {
      problem = "it names no rule";
    } else {
      bool any_ran = false;
      for (const auto& id : s.rules) {
        if (!catalog.find(id)) {
          problem = "there is no rule '" + id + "' (see `svc rules`)";
          break;
        }
        any_ran = any_ran || find_rule(enabled, id);
      }
      if (problem.empty() && !any_ran) continue;  // its rules did not run: cannot tell
      if (problem.empty()) problem = s.whole_file ? "no finding in this file matches it" : "no finding on the line it covers matches it";
    }
    FindingSink sink(*unused);
    sink.report_at(s.path, b, e, {{"directive", s.text}, {"problem", problem}}, s.text);
    for (auto& f : sink.findings()) findings.push_back(std::move(f));
  }
}

}  // namespace svc::engine
