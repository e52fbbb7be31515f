// SQL syntax trees (tree-sitter SQL grammar) reduced to table definitions and
// references: FROM/JOIN relations, INSERT/UPDATE/DELETE targets, REFERENCES, and
// CREATE/ALTER/DROP/CREATE INDEX. Nodes under ERROR are left to the fallback.
#include <algorithm>
#include <cctype>
#include <set>

#include "checks/syntax/code_syntax.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/facts/tables/table_sql.h"

namespace svc::engine {
namespace {

// A per-thread parser for SQL fragments found in code strings.
struct SqlParser {
  TSParser* parser = ts_parser_new();
  SqlParser() { ts_parser_set_language(parser, grammar_for(Language::sql)); }
  ~SqlParser() { ts_parser_delete(parser); }
};

bool has_child_of_type(TSNode node, std::string_view type) {
  for (uint32_t i = 0, n = ts_node_child_count(node); i < n; ++i)
    if (node_type(ts_node_child(node, i)) == type) return true;
  return false;
}

// Not a blanked `${...}` hole, a format placeholder (`{0}`, `%s`) or a parameter.
bool is_table_name(const std::string& name) {
  return !name.empty() && name.find_first_not_of('_') != std::string::npos &&
         name.find_first_of("{}%$:?@") == std::string::npos;
}

// Walks one parsed SQL text. `text` is what the tree was parsed from; `base` maps
// its offsets to the file.
class SqlWalker {
 public:
  SqlWalker(SqlScan& scan, std::string_view text, std::size_t base) : scan_(scan), text_(text), base_(base) {}

  void walk(TSNode node, int depth_in_statement) {
    std::string_view type = node_type(node);
    if (type == "ERROR") {
      errors_.push_back({ts_node_start_byte(node), ts_node_end_byte(node), statement_});
      return;
    }
    if (type == "comment" || type == "marginalia") return;
    if (type == "statement" && depth_in_statement < 0) {  // a top-level statement: a new number
      statement_ = scan_.next_statement++;
      ctes_.clear();
      depth_in_statement = 0;
    }
    if (type == "cte" && ts_node_named_child_count(node) > 0) {
      TSNode name = ts_node_named_child(node, 0);
      if (node_type(name) == "identifier") ctes_.insert(table_key(unquote_name(text_of(name))));
    }
    if (type == "object_reference") return on_reference(node);
    for (TSNode child : named_children(node)) walk(child, depth_in_statement < 0 ? -1 : depth_in_statement + 1);
  }

  // ERROR nodes, for the fallback: byte range and the statement around them.
  struct ErrorSpan {
    uint32_t begin, end;
    int statement;
  };
  const std::vector<ErrorSpan>& errors() const { return errors_; }

 private:
  std::string_view text_of(TSNode node) const {
    return text_.substr(ts_node_start_byte(node), ts_node_end_byte(node) - ts_node_start_byte(node));
  }

  void on_reference(TSNode node) {
    TSNode parent = ts_node_parent(node);
    std::string_view p = node_type(parent);
    std::string_view gp = node_type(ts_node_parent(parent));
    std::string name = unquote_name(text_of(node));
    if (!is_table_name(name)) return;
    if (p == "create_table") {
      if (has_child_of_type(parent, "keyword_temporary") || has_child_of_type(parent, "keyword_temp")) return;
      return define(node, name, TableChange::create);
    }
    if (p == "alter_table") return define(node, name, TableChange::alter, renamed_to(parent));
    if (p == "rename_object") return;  // the new name: on the ALTER TABLE's definition
    if (p == "drop_table") return define(node, name, TableChange::drop);
    if (p == "create_index") return define(node, name, TableChange::index);
    if (p == "column_definition" || p == "constraint") return refer(node, name, TableAccess::foreign_key);
    if (p == "insert" || (p == "relation" && gp == "update") || p == "from") return refer(node, name, TableAccess::write);
    if (p == "relation") return refer(node, name, TableAccess::read);
    if (p == "statement" && has_child_of_type(parent, "keyword_truncate")) return refer(node, name, TableAccess::write);
  }

  SourceSpan span(TSNode node) const {
    return {scan_.file.position_of(base_ + ts_node_start_byte(node)), scan_.file.position_of(base_ + ts_node_end_byte(node))};
  }

  // `ALTER TABLE a RENAME TO b`: a rename, and b.
  std::string renamed_to(TSNode alter) const {
    for (TSNode child : named_children(alter))
      if (node_type(child) == "rename_object")
        for (TSNode name : named_children(child))
          if (node_type(name) == "object_reference") return unquote_name(text_of(name));
    return "";
  }

  void define(TSNode node, const std::string& name, TableChange change, std::string renamed = "") {
    if (!renamed.empty()) change = TableChange::rename;
    scan_.out.definitions.push_back({name, "", TableOrigin::sql, change, span(node), std::move(renamed)});
  }

  void refer(TSNode node, const std::string& name, TableAccess access) {
    if (ctes_.count(table_key(name))) return;
    scan_.out.add_reference(name, RefTarget::table, access, "", ModuleKind::none, statement_, span(node));
  }

  SqlScan& scan_;
  std::string_view text_;
  std::size_t base_;
  int statement_ = -1;
  std::set<std::string> ctes_;
  std::vector<ErrorSpan> errors_;
};

// Bind parameters the grammar does not know (`%s`, `%(name)s`, `:name`) become
// identifiers of the same length, so the statement around them still parses.
std::string normalize_placeholders(std::string_view fragment) {
  std::string out(fragment);
  for (std::size_t i = 0; i + 1 < out.size(); ++i) {
    if (out[i] == '%' && out[i + 1] == 's') {
      out[i] = out[i + 1] = '_';
    } else if (out[i] == '%' && out[i + 1] == '(') {
      std::size_t close = out.find(")s", i);
      if (close == std::string::npos || out.find('\n', i) < close) continue;
      std::fill(out.begin() + i, out.begin() + close + 2, '_');
    } else if (out[i] == ':' && (i == 0 || out[i - 1] != ':') && out[i + 1] != ':' &&
               (std::isalpha(static_cast<unsigned char>(out[i + 1])) || out[i + 1] == '_')) {
      out[i] = '_';
    }
  }
  return out;
}

void scan_errors(SqlScan& scan, const SqlWalker& walker, std::string_view text, std::size_t base) {
  for (const auto& e : walker.errors())
    scan_sql_fallback(scan, text.substr(e.begin, e.end - e.begin), base + e.begin, e.statement);
}

}  // namespace

void scan_sql_tree(SqlScan& scan, const SyntaxTree& tree) {
  std::string_view text = scan.file.text();
  SqlWalker walker(scan, text, 0);
  walker.walk(tree.root(), -1);
  scan_errors(scan, walker, text, 0);
}

void scan_sql_fragment(SqlScan& scan, std::string_view raw, std::size_t base) {
  thread_local SqlParser holder;
  std::string text = normalize_placeholders(raw);
  std::string_view fragment(text);
  TSTree* tree = ts_parser_parse_string(holder.parser, nullptr, fragment.data(), static_cast<uint32_t>(fragment.size()));
  if (!tree) return scan_sql_fallback(scan, fragment, base);
  if (nested_deeper_than(ts_tree_root_node(tree), kMaxSyntaxDepth)) {  // the walker recurses: read it as text
    ts_tree_delete(tree);
    return scan_sql_fallback(scan, fragment, base);
  }
  SqlWalker walker(scan, fragment, base);
  walker.walk(ts_tree_root_node(tree), -1);
  ts_tree_delete(tree);
  scan_errors(scan, walker, fragment, base);
}

std::string unquote_name(std::string_view name) {
  std::string out;
  for (char c : name)
    if (c != '"' && c != '`' && c != '[' && c != ']' && c != ' ' && c != '\t' && c != '\n' && c != '\r') out.push_back(c);
  return out;
}

}  // namespace svc::engine
