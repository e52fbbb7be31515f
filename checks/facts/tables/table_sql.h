#pragma once
// SQL text reduced to table facts, shared by the extractors of .sql files and of
// SQL inside JavaScript and Python strings. table_facts_sql.cpp walks SQL syntax
// trees; table_sql_strings.cpp finds SQL in code strings; table_sql_fallback.cpp
// reads fragments the grammar does not parse.
#include <cstddef>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

#include "checks/facts/tables/table_facts.h"

namespace svc::engine {

class SyntaxTree;

// One file's SQL scan: statements are numbered across all fragments of the file.
struct SqlScan {
  const SourceFile& file;
  TableFacts& out;
  int next_statement = 0;
};

// Visits every named node under `root` in document order, with a tree cursor: for
// extractors that classify nodes in code, cheaper than a query cursor.
template <class Visit>
void for_each_named(TSNode root, Visit&& visit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(node)) visit(node);
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!ts_tree_cursor_goto_next_sibling(&cursor))
      if (!ts_tree_cursor_goto_parent(&cursor)) return ts_tree_cursor_delete(&cursor);
  }
}

// A .sql file, parsed by the runner.
void scan_sql_tree(SqlScan& scan, const SyntaxTree& tree);

// SQL text standing at byte `base` of the file. `fragment` has the length of the
// source range, with quotes, escapes and `${...}` holes blanked, so offsets map back.
// Parsed with the SQL grammar; what does not parse is read by the fallback.
void scan_sql_fragment(SqlScan& scan, std::string_view fragment, std::size_t base);

// Table names after FROM/JOIN/INTO/UPDATE/TABLE, for text the grammar rejects.
// `statement` is the statement the text belongs to; -1 numbers them by `;`.
void scan_sql_fallback(SqlScan& scan, std::string_view fragment, std::size_t base, int statement = -1);

// Whether a string's content reads as a SQL statement. Outside a SQL context (a
// tagged template, the argument of a query call) the leading keyword must be
// upper case, so prose like "select a plan from the list" stays prose.
bool looks_like_sql(std::string_view text, bool sql_context);

// A cheap test before looks_like_sql, on a string literal as written (quotes and
// prefixes included): whether its first word starts in upper case with the first
// letter of a SQL statement keyword.
bool may_start_sql(std::string_view literal);

// The text of a string node with quotes, prefixes and escapes blanked and the
// children of type `hole` (template substitutions, f-string fields) filled with
// '_'. The same length as the node's text.
std::string blank_string(const SyntaxTree& tree, TSNode node, std::string_view hole);

// The call names that take SQL text: query, execute, raw, $queryRaw, text, read_sql ...
bool is_sql_call_name(std::string_view name);

// A SQL identifier or qualified name as written ("public"."orders") without quotes.
std::string unquote_name(std::string_view name);

}  // namespace svc::engine
