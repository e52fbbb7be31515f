// Which table definitions sit in a down migration. A rollback undoes its migration's
// own change (`down() { dropTable('orders') }`), so it says nothing about which tables
// the schema has: ownership replays only the up direction.
#include <algorithm>
#include <cctype>
#include <tuple>

#include <re2/re2.h>

#include "checks/facts/tables/table_sql.h"
#include "checks/syntax/code_syntax.h"
#include "checks/syntax/syntax_tree.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

struct Range {
  Position begin, end;
};

bool inside(const Range& r, Position p) {
  return std::tie(r.begin.line, r.begin.column) <= std::tie(p.line, p.column) &&
         std::tie(p.line, p.column) <= std::tie(r.end.line, r.end.column);
}

bool is_rollback_name(std::string_view name) {
  if (name == "down" || name == "downgrade" || name == "rollback" || name == "backwards") return true;
  // goose Go migrations: `func downCreateOrders(ctx context.Context, tx *sql.Tx) error`, `Down00002`.
  return name.size() > 4 && (name.starts_with("down") || name.starts_with("Down")) &&
         !std::islower(static_cast<unsigned char>(name[4]));
}

// The name a function goes by: declared, a method, a property (`down: async () => ...`),
// an assignment (`exports.down = ...`) or a variable (`export const down = ...`).
std::string_view function_name(const SyntaxTree& tree, TSNode fn) {
  TSNode name = field(fn, "name");
  if (!ts_node_is_null(name)) return tree.text(name);
  TSNode parent = ts_node_parent(fn);
  std::string_view type = node_type(parent);
  if (type == "pair") return tree.text(field(parent, "key"));
  if (type == "variable_declarator") return tree.text(field(parent, "name"));
  if (type == "assignment_expression") {
    std::string_view left = tree.text(field(parent, "left"));
    auto dot = left.rfind('.');
    return dot == std::string_view::npos ? left : left.substr(dot + 1);
  }
  return "";
}

std::vector<Range> code_rollbacks(const SyntaxTree& tree) {
  std::vector<Range> out;
  for_each_named(tree.root(), [&](TSNode n) {
    std::string_view type = node_type(n);
    bool fn = type == "function_declaration" || type == "method_definition" || type == "function_definition" ||
              type == "arrow_function" || type == "function_expression" || type == "function" ||
              type == "method_declaration";
    if (fn && is_rollback_name(function_name(tree, n))) out.push_back({tree.start(n), tree.end(n)});
  });
  return out;
}

// SQL migration tools that keep both directions in one file mark the down half:
// dbmate `-- migrate:down`, goose `-- +goose Down`, sql-migrate `-- +migrate Down`.
std::vector<Range> sql_rollbacks(const SourceFile& file) {
  static const RE2 down_file(R"((?i)(^|[._-])down\.sql$|^U\d+(_\d+)*__.*\.sql$)");
  if (RE2::PartialMatch(base_name(file.path()), down_file)) return {{{1, 1}, {1 << 30, 1}}};
  static const RE2 marker(R"((?im)^\s*--\s*(?:migrate:|\+goose\s+|\+migrate\s+)(up|down)\b)");
  std::vector<Range> out;
  const std::string& text = file.text();
  re2::StringPiece input(text), direction;
  while (RE2::FindAndConsume(&input, marker, &direction)) {
    Position at = file.position_of(direction.data() - text.data());
    bool down = direction.size() && (direction[0] == 'd' || direction[0] == 'D');
    if (!out.empty() && out.back().end.line == (1 << 30)) out.back().end = at;  // an up after a down ends it
    if (down) out.push_back({at, {1 << 30, 1}});
  }
  return out;
}

}  // namespace

void mark_rollbacks(const SourceFile& file, const SyntaxTree* tree, TableFacts& out) {
  if (out.definitions.empty()) return;
  std::vector<Range> ranges = file.language() == Language::sql ? sql_rollbacks(file)
                              : tree                          ? code_rollbacks(*tree)
                                                              : std::vector<Range>{};
  for (auto& d : out.definitions)
    d.rollback = std::any_of(ranges.begin(), ranges.end(), [&](const Range& r) { return inside(r, d.span.begin); });
}

}  // namespace svc::engine
