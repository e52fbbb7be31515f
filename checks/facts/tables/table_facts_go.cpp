#include "checks/facts/tables/table_facts_go.h"

#include <cctype>

namespace svc::engine {
namespace {

// Methods whose string arguments are SQL: database/sql, pgx, sqlx and gorm's Raw/Exec.
bool is_go_sql_call(std::string_view name) {
  static const std::set<std::string_view> names = {
      "Query", "QueryRow", "Exec", "QueryContext", "QueryRowContext", "ExecContext", "Prepare", "PrepareContext",
      "Select", "SelectContext", "Get", "GetContext", "NamedExec", "NamedExecContext", "NamedQuery",
      "NamedQueryContext", "Queryx", "QueryRowx", "QueryxContext", "QueryRowxContext", "MustExec",
      "MustExecContext", "Raw", "Queue", "In", "Rebind", "Preparex", "PreparexContext", "PrepareNamed"};
  return names.count(name) > 0;
}

// squirrel and goqu builder methods that name a table, and what the statement does to it.
bool builder_access(std::string_view name, TableAccess& access) {
  static const std::set<std::string_view> writes = {"Insert", "Into", "Update", "Delete", "Replace"};
  static const std::set<std::string_view> reads = {"From", "Join", "LeftJoin", "RightJoin", "InnerJoin",
                                                   "FullJoin", "CrossJoin"};
  if (writes.count(name)) return access = TableAccess::write, true;
  if (reads.count(name)) return access = TableAccess::read, true;
  return false;
}

bool is_go_string(std::string_view type) {
  return type == "interpreted_string_literal" || type == "raw_string_literal";
}

// "orders o ON o.id = ..." -> "orders"; "" unless it reads as a (qualified) identifier.
std::string leading_table(const std::string& text) {
  std::size_t start = text.find_first_not_of(" \t\n");
  if (start == std::string::npos) return "";
  std::size_t end = text.find_first_of(" \t\n,(", start);
  std::string name = unquote_name(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return "";
  for (char c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return "";
  return name;
}

}  // namespace

GoTableExtractor::GoTableExtractor(const SyntaxTree& tree, TableFacts& out)
    : tree_(tree), out_(out), scan_{tree.file(), out}, g_(go_route_grammar()) {
  const std::string& text = tree.file().text();
  gorm_ = text.find("gorm.io/gorm") != std::string::npos || text.find("jinzhu/gorm") != std::string::npos;
  // A builder handed in from another package (`r.Builder.Select(...)`) still ends in ToSql()/ToSQL().
  builder_ = text.find("Masterminds/squirrel") != std::string::npos || text.find("doug-martin/goqu") != std::string::npos ||
             text.find("ToSql()") != std::string::npos || text.find("ToSQL()") != std::string::npos;
}

void GoTableExtractor::run() {
  std::set<uint32_t> joined;  // strings read as part of a `"a" + "b"` concatenation
  // One cursor walk in document order: a call is seen before its arguments, so the
  // strings it makes SQL are known when they come, and a function's variables before
  // the calls that use them.
  for_each_named(tree_.root(), [&](TSNode n) {
    std::string_view type = node_type(n);
    if (type == "call_expression") {
      TSNode fn = field(n, "function"), args = field(n, "arguments");
      if (ts_node_is_null(fn) || ts_node_is_null(args)) return;
      std::string_view fn_type = node_type(fn);
      std::string name = fn_type == "selector_expression" ? text(field(fn, "field"))
                         : fn_type == "identifier"        ? text(fn)
                                                          : std::string();
      if (!name.empty()) on_call({n, args, std::move(name)});
    } else if (type == "binary_expression" && tree_.text(field(n, "operator")) == "+" &&
               node_type(ts_node_parent(n)) != "binary_expression") {
      std::string fragment = fragment_of(n);
      bool context = sql_context_.count(ts_node_start_byte(n)) > 0;
      if (fragment.empty() || !looks_like_sql(fragment, context)) return;
      for_each_named(n, [&](TSNode part) {
        if (is_go_string(node_type(part))) joined.insert(ts_node_start_byte(part));
      });
      scan_sql_fragment(scan_, fragment, ts_node_start_byte(n));
    } else if (is_go_string(type)) {
      if (!joined.count(ts_node_start_byte(n))) on_string(n);
    } else if (type == "function_declaration" || type == "method_declaration") {
      variables_.clear();
      if (type == "method_declaration") on_method(n);
    } else if (type == "type_spec") {
      on_type_spec(n);
    } else if (type == "var_spec" || type == "short_var_declaration" || type == "parameter_declaration") {
      note_variables(n);
    }
  });
  define_models();
}

void GoTableExtractor::on_call(const Call& c) {
  if (is_go_sql_call(c.name))
    for (TSNode arg : named_children(c.args)) sql_context_.insert(ts_node_start_byte(arg));
  if (c.name == "CopyFrom") {  // pgx: conn.CopyFrom(ctx, pgx.Identifier{"people"}, ...)
    for (TSNode arg : named_children(c.args)) {
      if (node_type(arg) != "composite_literal" || tree_.text(field(arg, "type")).find("Identifier") == std::string_view::npos)
        continue;
      std::string name;
      for (TSNode part : named_children(field(arg, "body"))) {
        TSNode value = node_type(part) == "literal_element" ? ts_node_named_child(part, 0) : part;
        if (auto s = string_value(tree_, value)) name += (name.empty() ? "" : ".") + *s;
      }
      if (!name.empty())
        out_.add_reference(name, RefTarget::table, TableAccess::write, "", ModuleKind::none, chain_statement(c.call),
                           span(arg));
    }
  }
  if (builder_) on_builder_call(c);
  if (gorm_) on_gorm_call(c);
}

// sq.Select("id").From("orders"), goqu.Insert("orders"): the first argument names the table.
void GoTableExtractor::on_builder_call(const Call& c) {
  TableAccess access;
  if (!builder_access(c.name, access)) return;
  TSNode first = ts_node_named_child(c.args, 0);
  if (ts_node_is_null(first)) return;
  auto value = string_value(tree_, first);
  std::string table = value ? leading_table(*value) : "";
  if (table.empty()) return;
  out_.add_reference(table, RefTarget::table, access, "", ModuleKind::none, chain_statement(c.call), span(first));
}

// The text of a `+` chain of strings and other operands, at the chain's offsets: the
// strings blanked as SQL fragments, the other operands filled with '_' (a name that
// is not a table). "" when the chain holds no string.
std::string GoTableExtractor::fragment_of(TSNode node) const {
  uint32_t base = ts_node_start_byte(node);
  std::string out(ts_node_end_byte(node) - base, ' ');
  bool any = false;
  std::vector<TSNode> stack{node};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    std::string_view type = node_type(n);
    if (type == "binary_expression" && tree_.text(field(n, "operator")) == "+") {
      stack.push_back(field(n, "right"));
      stack.push_back(field(n, "left"));
    } else if (is_go_string(type)) {
      std::string blanked = blank_string(tree_, n, "");
      out.replace(ts_node_start_byte(n) - base, blanked.size(), blanked);
      any = true;
    } else if (!ts_node_is_null(n)) {
      for (uint32_t i = ts_node_start_byte(n) - base; i < ts_node_end_byte(n) - base; ++i)
        if (out[i] != '\n') out[i] = '_';
    }
  }
  return any ? out : "";
}

void GoTableExtractor::on_string(TSNode node) {
  bool context = sql_context_.count(ts_node_start_byte(node)) > 0;
  if (!context && !may_start_sql(tree_.text(node))) return;  // most strings: no copy, no regex
  TSNode parent = ts_node_parent(node);
  if (node_type(parent) == "field_declaration" || node_type(parent) == "import_spec") return;  // tags, imports
  std::string fragment = blank_string(tree_, node, "");
  if (looks_like_sql(fragment, context)) scan_sql_fragment(scan_, fragment, ts_node_start_byte(node));
}

// The calls of one chain (`sq.Select("id").From("orders").Where(...)`) all start where
// the chain starts: the start byte names the statement.
int GoTableExtractor::chain_statement(TSNode call) {
  auto [it, added] = chains_.try_emplace(ts_node_start_byte(call), scan_.next_statement);
  if (added) ++scan_.next_statement;
  return it->second;
}

void extract_go_table_facts(const SyntaxTree& tree, TableFacts& out) { GoTableExtractor(tree, out).run(); }

}  // namespace svc::engine
