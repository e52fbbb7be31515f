#include "checks/core/findings.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/args.h>
#include <fmt/format.h>
#include <re2/re2.h>
#include <xxhash.h>

#include "checks/core/rule_catalog.h"

namespace svc::engine {

std::string render_message(const std::string& tmpl, const MessageArgs& args) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const auto& [name, value] : args) store.push_back(fmt::arg(name.c_str(), value));
  try {
    return fmt::vformat(tmpl, store);
  } catch (const fmt::format_error&) {
    return tmpl;  // a field the check did not supply: show the template rather than nothing
  }
}

void FindingSink::report(const SourceFile& file, std::size_t begin, std::size_t end,
                         const MessageArgs& args) {
  end = std::max(begin, std::min(end, file.text().size()));
  Finding f;
  f.rule = rule_.id;
  f.severity = rule_.severity;
  f.path = file.path();
  Position b = file.position_of(begin), e = file.position_of(end);
  f.line = b.line;
  f.column = b.column;
  f.end_line = e.line;
  f.end_column = e.column;
  f.message = render_message(rule_.message, args);
  f.matched_text = file.text().substr(begin, std::min<std::size_t>(end - begin, 4096));
  f.source_line = file.snippet(b.line);
  findings_.push_back(std::move(f));
}

void FindingSink::report_at(const std::string& path, Position begin, Position end,
                            const MessageArgs& args, std::string matched_text) {
  Finding f;
  f.rule = rule_.id;
  f.severity = rule_.severity;
  f.path = path;
  f.line = begin.line;
  f.column = begin.column;
  f.end_line = end.line;
  f.end_column = end.column;
  f.message = render_message(rule_.message, args);
  f.matched_text = std::move(matched_text);
  findings_.push_back(std::move(f));
}

namespace {
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool is_closing(char c) { return c == ')' || c == ']' || c == '}'; }
}  // namespace

// Formatters (prettier, black, gofmt-style re-indentation) change exactly these: spacing
// and line breaks, quote style, and trailing commas when a call is split over lines. A
// space survives only between two word characters, where dropping it would merge tokens.
std::string normalize_for_fingerprint(std::string_view text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (is_space(c)) {
      space = !out.empty();
      continue;
    }
    if (c == '\'' || c == '`') c = '"';
    if (is_closing(c) && !out.empty() && out.back() == ',') out.pop_back();
    if (space && !out.empty() && is_word(out.back()) && is_word(c)) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

void finalize_findings(std::vector<Finding>& findings) {
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.path, a.line, a.column, a.rule, a.message) <
           std::tie(b.path, b.line, b.column, b.rule, b.message);
  });
  std::map<std::string, int> seen;
  for (auto& f : findings) {
    std::string key = f.rule + '\0' + f.path + '\0' + normalize_for_fingerprint(f.matched_text);
    int ordinal = seen[key]++;
    key += '\0' + std::to_string(ordinal);
    f.fingerprint = fmt::format("{:016x}", XXH3_64bits(key.data(), key.size()));
  }
}

std::set<std::string> message_fields(const std::string& tmpl) {
  static const RE2 field(R"(\{([A-Za-z_][A-Za-z0-9_]*)\})");
  std::set<std::string> out;
  re2::StringPiece input(tmpl);
  std::string name;
  while (RE2::FindAndConsume(&input, field, &name)) out.insert(name);
  return out;
}

}  // namespace svc::engine
