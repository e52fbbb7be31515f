// SQL inside code strings: which strings hold SQL, and their text with quotes,
// escapes and interpolations blanked so the SQL grammar sees plain SQL at the
// same offsets as in the file.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <re2/re2.h>

#include "checks/syntax/code_syntax.h"
#include "common/ascii.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/facts/tables/table_sql.h"

namespace svc::engine {
namespace {

bool all_upper(std::string_view s) {
  return std::none_of(s.begin(), s.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
}

// The second keyword a statement needs before it can name a table: "SELECT ... FROM".
const RE2* companion(const std::string& first) {
  static const RE2 from(R"((?i)\bfrom\b)"), into(R"((?i)\binto\b)"), set(R"((?i)\bset\b)");
  static const RE2 with(R"((?is)\bas\s*\(.*\b(select|insert|update|delete)\b)");
  static const RE2 ddl(R"((?i)^\W*\w+\s+(?:or\s+replace\s+)?(?:(?:temp|temporary|unlogged|unique)\s+)?(table|index)\b)");
  static const RE2 anything(".");
  static const std::map<std::string, const RE2*> table = {
      {"select", &from}, {"delete", &from}, {"insert", &into}, {"replace", &into}, {"merge", &into},
      {"update", &set},  {"with", &with},   {"create", &ddl},  {"alter", &ddl},    {"drop", &ddl},
      {"truncate", &anything}};
  auto it = table.find(first);
  return it == table.end() ? nullptr : it->second;
}

}  // namespace

bool may_start_sql(std::string_view literal) {
  std::size_t i = literal.find_first_of("'\"`");
  if (i == std::string_view::npos) return false;
  i = literal.find_first_not_of("'\"`( \t\r\n", i);
  return i != std::string_view::npos && std::string_view("SIUDWCATMR").find(literal[i]) != std::string_view::npos;
}

bool looks_like_sql(std::string_view text, bool sql_context) {
  static const RE2 lead(R"((?s)^\s*(?:(?:--[^\n]*\n|/\*.*?\*/)\s*)*\(?\s*([A-Za-z]+)\b)");
  re2::StringPiece input(text.data(), text.size()), word;
  if (!RE2::PartialMatch(input, lead, &word)) return false;
  std::string_view first(word.data(), word.size());
  if (!sql_context && !all_upper(first)) return false;
  const RE2* next = companion(ascii_lower(first));
  if (!next) return false;
  re2::StringPiece rest(first.data(), text.size() - (first.data() - text.data()));
  return RE2::PartialMatch(rest, *next);
}

std::string blank_string(const SyntaxTree& tree, TSNode node, std::string_view hole) {
  std::string_view source = tree.text(node);
  std::string out(source);
  std::size_t q = out.find_first_of("'\"`");
  if (q == std::string::npos) return std::string(out.size(), ' ');
  std::size_t width = out.size() >= q + 6 && out.compare(q, 3, std::string(3, out[q])) == 0 ? 3 : 1;
  bool raw = source.substr(0, q).find_first_of("rR") != std::string_view::npos;
  uint32_t start = ts_node_start_byte(node);
  for (TSNode child : named_children(node)) {
    if (node_type(child) != hole) continue;
    for (uint32_t i = ts_node_start_byte(child) - start; i < ts_node_end_byte(child) - start; ++i)
      if (out[i] != '\n') out[i] = '_';
  }
  std::size_t end = out.size() >= width ? out.size() - width : 0;
  for (std::size_t i = q + width; !raw && i < end; ++i)
    if (out[i] == '\\') {
      out[i] = ' ';
      if (i + 1 < end && out[i + 1] != '\n') out[++i] = ' ';
    }
  std::fill(out.begin(), out.begin() + std::min(out.size(), q + width), ' ');
  std::fill(out.begin() + std::max(end, q + width), out.end(), ' ');
  return out;
}

bool is_sql_call_name(std::string_view name) {
  static const std::set<std::string, std::less<>> names = {
      "query", "execute", "executemany", "execute_many", "exec", "raw", "unsafe", "$queryRaw", "$executeRaw",
      "$queryRawUnsafe", "$executeRawUnsafe", "text", "read_sql", "read_sql_query", "fetch", "fetchrow",
      "fetchval", "fetch_all", "fetch_one", "fetch_val", "prepare", "run", "all", "get", "sql", "SQL",
      "many", "one", "oneOrNone", "manyOrNone", "any", "none", "queryOne", "queryRaw", "executeRaw",
      "mogrify", "copy_expert", "executescript"};
  return names.count(name) > 0;
}

}  // namespace svc::engine
