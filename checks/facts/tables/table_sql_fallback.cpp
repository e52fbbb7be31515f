// Table names in SQL the grammar does not parse (dialect syntax, `${...}` holes
// where a name should be, ERROR spans): the word after FROM, JOIN, INTO, UPDATE,
// TABLE or REFERENCES. Comments, string literals and function-style FROMs
// (EXTRACT(YEAR FROM x)) are blanked first so they never yield a name.
#include <algorithm>
#include <cctype>
#include <set>

#include <re2/re2.h>

#include "checks/facts/tables/table_sql.h"
#include "common/ascii.h"

namespace svc::engine {
namespace {

#define SVC_SQL_NAME_PART R"((?:[A-Za-z_][\w$]*|"[^"\n]+"|`[^`\n]+`|\[[^\]\n]+\]))"
#define SVC_SQL_NAME "(" SVC_SQL_NAME_PART R"((?:\s*\.\s*)" SVC_SQL_NAME_PART ")*)"

// Same length as `text`: comments, quoted strings and the insides of functions that
// take FROM as a keyword replaced by spaces.
std::string blank_noise(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out.compare(i, 2, "--") == 0) {
      while (i < out.size() && out[i] != '\n') out[i++] = ' ';
    } else if (out.compare(i, 2, "/*") == 0) {
      std::size_t end = out.find("*/", i + 2);
      end = end == std::string::npos ? out.size() : end + 2;
      for (; i < end; ++i) out[i] = out[i] == '\n' ? '\n' : ' ';
      --i;
    } else if (out[i] == '\'') {
      std::size_t end = out.find('\'', i + 1);
      end = end == std::string::npos ? out.size() : end + 1;
      for (; i < end; ++i) out[i] = out[i] == '\n' ? '\n' : ' ';
      --i;
    }
  }
  static const RE2 keyword_functions(R"((?i)\b(extract|substring|trim|overlay|position)\s*\()");
  re2::StringPiece input(out);
  re2::StringPiece fn;
  while (RE2::FindAndConsume(&input, keyword_functions, &fn)) {
    std::size_t open = input.data() - out.data() - 1, depth = 0;
    for (std::size_t i = open; i < out.size(); ++i) {
      if (out[i] == '(') ++depth;
      else if (out[i] == ')' && --depth == 0) break;
      if (i > open) out[i] = ' ';
    }
  }
  static const RE2 distinct_from(R"((?i)\bdistinct\s+(from)\b)");
  input = re2::StringPiece(out);
  re2::StringPiece word;
  while (RE2::FindAndConsume(&input, distinct_from, &word))
    std::fill_n(out.begin() + (word.data() - out.data()), word.size(), ' ');
  return out;
}

bool is_keyword(const std::string& name) {
  static const std::set<std::string> words = {
      "select", "set", "values", "where", "lateral", "only", "table", "default", "on", "using", "as", "with",
      "and", "or", "not", "null", "exists", "if", "cascade", "restrict", "no", "of", "skip", "nowait", "unnest",
      "dual", "generate_series", "json_table", "into", "from", "join", "update", "delete", "returning"};
  return words.count(name) > 0;
}

std::set<std::string> cte_names(const std::string& text) {
  static const RE2 cte(R"((?i)(?:\bwith\s+(?:recursive\s+)?|,\s*))" SVC_SQL_NAME R"(\s+as\s*\()");
  std::set<std::string> out;
  re2::StringPiece input(text), name;
  while (RE2::FindAndConsume(&input, cte, &name)) out.insert(table_key(unquote_name(std::string_view(name.data(), name.size()))));
  return out;
}

}  // namespace

void scan_sql_fallback(SqlScan& scan, std::string_view fragment, std::size_t base, int statement) {
  static const RE2 table_word(
      R"((?i)\b(create\s+(?:or\s+replace\s+)?(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table)"
      R"(|alter\s+table|drop\s+table|create\s+(?:unique\s+)?index(?:\s+concurrently)?(?:\s+if\s+not\s+exists)?\s+[\w"]+\s+on)"
      R"(|truncate(?:\s+table)?|insert\s+into|delete\s+from|update|from|join|into|references))"
      R"(\s+(?:if\s+(?:not\s+)?exists\s+)?(?:only\s+)?)" SVC_SQL_NAME);
  std::string text = blank_noise(fragment);
  std::set<std::string> ctes = cte_names(text);
  int current = statement >= 0 ? statement : scan.next_statement++;
  std::size_t counted = 0;  // semicolons before this offset have been counted
  re2::StringPiece input(text), verb, name;
  while (RE2::FindAndConsume(&input, table_word, &verb, &name)) {
    std::size_t at = name.data() - text.data();
    if (statement < 0) {
      for (; counted < at; ++counted)
        if (text[counted] == ';') current = scan.next_statement++;
    }
    std::string verb_text = ascii_lower(std::string_view(verb.data(), verb.size()));
    std::string v = verb_text.substr(0, verb_text.find_first_of(" \t\r\n"));
    std::string table = unquote_name(std::string_view(name.data(), name.size()));
    std::string key = table_key(table);
    if (key.empty() || is_keyword(key) || table.find_first_not_of('_') == std::string::npos ||
        table.find_first_of("{}%$:?@") != std::string::npos)
      continue;
    std::size_t next = text.find_first_not_of(" \t\r\n", at + name.size());
    bool call = next != std::string::npos && text[next] == '(';
    SourceSpan span{scan.file.position_of(base + at), scan.file.position_of(base + at + name.size())};
    if (v == "create" && verb_text.find("index") != std::string::npos) {
      scan.out.definitions.push_back({table, "", TableOrigin::sql, TableChange::index, span});
    } else if (v == "create") {
      if (verb_text.find("temp") != std::string::npos || verb_text.find("unlogged") != std::string::npos) continue;
      scan.out.definitions.push_back({table, "", TableOrigin::sql, TableChange::create, span});
    } else if (v == "alter" || v == "drop") {
      auto change = v == "alter" ? TableChange::alter : TableChange::drop;
      // `ALTER TABLE a RENAME TO b` (SQLite's table rebuilds, Postgres): a rename.
      static const RE2 rename_to(R"((?i)\s*rename\s+to\s+)" SVC_SQL_NAME);
      re2::StringPiece rest(text.data() + at + name.size(), text.size() - at - name.size()), target;
      std::string renamed;
      if (v == "alter" && RE2::Consume(&rest, rename_to, &target)) {
        change = TableChange::rename;
        renamed = unquote_name(std::string_view(target.data(), target.size()));
      }
      scan.out.definitions.push_back({table, "", TableOrigin::sql, change, span, renamed});
    } else {
      if ((v == "from" || v == "join") && call) continue;  // a set-returning function
      if (ctes.count(key)) continue;
      TableAccess access = v == "from" || v == "join" ? TableAccess::read
                           : v == "references"        ? TableAccess::foreign_key
                                                      : TableAccess::write;
      scan.out.add_reference(table, RefTarget::table, access, "", ModuleKind::none, current, span);
    }
  }
}

}  // namespace svc::engine
