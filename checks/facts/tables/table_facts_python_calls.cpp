// Python calls that define or touch tables: Table('t', metadata), Alembic `op.*`,
// Django migration operations, select()/session.query()/Model.objects/Model.query,
// ForeignKey targets, and SQL text passed to execute(), text(), op.execute() ...
#include <algorithm>
#include <cctype>

#include <re2/re2.h>

#include "checks/facts/tables/table_facts_python.h"
#include "common/ascii.h"

namespace svc::engine {
namespace {

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

using C = TableChange;

}  // namespace

void PythonTableExtractor::on_definition_call(TSNode call, const std::vector<std::string>& path, TSNode args) {
  if (path.empty()) return;
  const std::string& last = path.back();
  if (last == "Table" && (path.size() == 1 || one_of(path[0], {"sa", "sqlalchemy", "db"}))) {
    auto pos = positional_args(args);
    auto table = pos.size() >= 2 ? str(pos[0]) : std::nullopt;
    if (!table) return;
    if (auto schema = str(keyword_arg(tree_, args, "schema"))) *table = *schema + "." + *table;
    TSNode parent = ts_node_parent(call);
    std::string binding = node_type(parent) == "assignment" && node_type(field(parent, "left")) == "identifier"
                              ? text(field(parent, "left")) : std::string();
    bool reflected = !ts_node_is_null(keyword_arg(tree_, args, "autoload_with")) ||
                     is_true(keyword_arg(tree_, args, "autoload"));
    if (!reflected) return define(*table, binding, TableOrigin::sqlalchemy, C::create, pos[0]);
    if (!binding.empty()) symbols_.insert(binding);
    out_.add_reference(*table, RefTarget::table, TableAccess::model, "", ModuleKind::none, -1, span(pos[0]));
    return;
  }
  if (path.size() == 2 && path[0] == "op") on_alembic_call(path[1], args);
  if (path.size() == 2 && path[0] == "migrations") on_django_migration(path[1], args);
}

bool PythonTableExtractor::on_alembic_call(const std::string& op, TSNode args) {
  struct Op {
    std::string_view name;
    int table_arg;
    TableChange change;
  };
  static const Op ops[] = {
      {"create_table", 0, C::create}, {"drop_table", 0, C::drop}, {"rename_table", 0, C::rename},
      {"add_column", 0, C::alter}, {"alter_column", 0, C::alter}, {"drop_column", 0, C::alter},
      {"batch_alter_table", 0, C::alter}, {"drop_constraint", 1, C::alter}, {"create_foreign_key", 1, C::alter},
      {"create_unique_constraint", 1, C::alter}, {"create_check_constraint", 1, C::alter},
      {"create_primary_key", 1, C::alter}, {"create_index", 1, C::index}, {"drop_index", 1, C::index}};
  const Op* found = nullptr;
  for (const auto& o : ops)
    if (o.name == op) found = &o;
  if (!found) return false;
  auto pos = positional_args(args);
  TSNode at = static_cast<int>(pos.size()) > found->table_arg ? pos[found->table_arg] : keyword_arg(tree_, args, "table_name");
  auto table = str(at);
  if (!table) return false;
  if (auto schema = str(keyword_arg(tree_, args, "schema"))) *table = *schema + "." + *table;
  define(*table, "", TableOrigin::alembic, found->change, at);
  if (found->change == C::rename && pos.size() > 1 && !out_.definitions.empty())  // rename_table(old, new)
    out_.definitions.back().renamed_to = str(pos[1]).value_or("");
  if (op == "create_foreign_key" && pos.size() > 2)
    if (auto referent = str(pos[2]))
      out_.add_reference(*referent, RefTarget::table, TableAccess::foreign_key, "", ModuleKind::none, -1, span(pos[2]));
  return true;
}

// migrations.CreateModel(name='Order', options={'db_table': ...}), AddField(model_name=...), ...
bool PythonTableExtractor::on_django_migration(const std::string& op, TSNode args) {
  std::optional<TableChange> change;
  const char* model_key = "model_name";
  if (op == "CreateModel") change = C::create, model_key = "name";
  else if (op == "DeleteModel") change = C::drop, model_key = "name";
  else if (op == "AlterModelTable") change = C::rename, model_key = "name";
  else if (one_of(op, {"AddField", "RemoveField", "AlterField", "RenameField", "AddConstraint", "RemoveConstraint"}))
    change = C::alter;
  else if (op == "AddIndex" || op == "RemoveIndex") change = C::index;
  if (!change) return false;
  TSNode at = keyword_arg(tree_, args, model_key);
  if (ts_node_is_null(at)) {
    auto pos = positional_args(args);
    if (!pos.empty()) at = pos[0];
  }
  auto model = str(at);
  if (!model) return false;
  std::optional<std::string> table;
  TSNode options = keyword_arg(tree_, args, "options");
  for (TSNode pair : named_children(options))
    if (node_type(pair) == "pair" && str(field(pair, "key")) == std::optional<std::string>("db_table"))
      table = str(field(pair, "value"));
  define(table.value_or(ascii_lower(django_app_label() + "_" + *model)), "", TableOrigin::django_migration, *change, at);
  return true;
}

void PythonTableExtractor::on_reference_call(TSNode call, const std::vector<std::string>& path, TSNode args) {
  if (path.empty()) return;
  note_sql_context(path, args);
  const std::string& last = path.back();
  auto pos = positional_args(args);
  if (one_of(last, {"ForeignKey", "OneToOneField", "ManyToManyField"})) {
    TSNode target = pos.empty() ? keyword_arg(tree_, args, "to") : pos[0];
    if (!ts_node_is_null(target)) on_foreign_key(target);
    return;
  }
  bool sa_call = path.size() == 1 || one_of(path[0], {"sa", "sqlalchemy", "sqlmodel"});
  std::optional<TableAccess> access;
  if (sa_call && last == "select") access = TableAccess::read;
  else if (sa_call && one_of(last, {"insert", "update", "delete"})) access = TableAccess::write;
  else if (path.size() >= 2 && last == "query") access = TableAccess::read;
  else if (path.size() >= 2 && one_of(last, {"join", "outerjoin", "select_from"}) &&  // select(A).join(B)
           std::any_of(path.begin(), path.end() - 1, [](const std::string& p) { return p == "select" || p == "query"; }))
    access = TableAccess::read;
  else if (path.size() >= 2 && last == "get" && ascii_lower(path[path.size() - 2]).find("session") != std::string::npos)
    pos.resize(std::min<std::size_t>(pos.size(), 1)), access = TableAccess::read;
  if (access) {
    for (TSNode arg : pos)
      if (symbol_ref(arg, *access, -1, arg)) out_.references.back().statement = chain_statement(call);
    return;
  }
  // Order.objects.filter(...) (Django), Order.query.filter_by(...) (Flask-SQLAlchemy)
  if (path.size() == 3 && (path[1] == "objects" || path[1] == "query")) {
    TSNode node = field(call, "function");
    while (!ts_node_is_null(node) && node_type(node) != "identifier")
      node = node_type(node) == "call" ? field(node, "function") : field(node, "object");
    auto top = chain_tops_.find(ts_node_start_byte(call));  // Order.objects.filter(...).update(...) writes
    bool write = false;
    for (const auto& m : member_path_parts(tree_, top == chain_tops_.end() ? call : top->second, g_))
      write = write || one_of(m, {"create", "update", "delete", "bulk_create", "bulk_update", "get_or_create",
                                  "update_or_create"});
    if (symbol_ref(node, write ? TableAccess::write : TableAccess::read, -1, call))
      out_.references.back().statement = chain_statement(call);
  }
}

// ForeignKey("orders.id") (SQLAlchemy: table.column), ForeignKey("orders.Order")
// (Django: app.Model), ForeignKey(Order).
void PythonTableExtractor::on_foreign_key(TSNode arg) {
  auto target = str(arg);
  if (!target) return (void)symbol_ref(arg, TableAccess::foreign_key, -1, arg);
  auto dot = target->rfind('.');
  if (dot == std::string::npos || dot + 1 >= target->size()) return;
  std::string head = target->substr(0, dot), tail = target->substr(dot + 1);
  if (std::isupper(static_cast<unsigned char>(tail[0]))) {  // Django: another app's model
    out_.add_reference(tail, RefTarget::symbol, TableAccess::foreign_key, head + ".models",
                       ModuleKind::python_package, -1, span(arg));
    return;
  }
  out_.add_reference(head, RefTarget::table, TableAccess::foreign_key, "", ModuleKind::none, -1, span(arg));
}

void PythonTableExtractor::note_sql_context(const std::vector<std::string>& path, TSNode args) {
  auto pos = positional_args(args);
  if (pos.empty() || !(is_sql_call_name(path.back()) || path.back() == "RunSQL")) return;
  std::string_view type = node_type(pos[0]);
  if (type == "string" || type == "concatenated_string") sql_context_.insert(ts_node_start_byte(pos[0]));
}

void PythonTableExtractor::on_string(TSNode node) {
  bool context = sql_context_.count(ts_node_start_byte(node)) > 0;
  if (!context && !may_start_sql(tree_.text(node))) return;  // most strings: no copy, no regex
  if (node_type(ts_node_parent(node)) == "expression_statement") return;  // a docstring
  std::string fragment;
  if (node_type(node) == "concatenated_string") {
    fragment.assign(ts_node_end_byte(node) - ts_node_start_byte(node), ' ');
    for (TSNode part : named_children(node)) {
      if (node_type(part) != "string") continue;
      std::string blanked = blank_string(tree_, part, "interpolation");
      fragment.replace(ts_node_start_byte(part) - ts_node_start_byte(node), blanked.size(), blanked);
    }
  } else {
    fragment = blank_string(tree_, node, "interpolation");
  }
  if (looks_like_sql(fragment, context)) scan_sql_fragment(scan_, fragment, ts_node_start_byte(node));
}

// A model class or Table symbol: defined here or imported; `Order.id` counts as Order;
// `models.Order` where `models` is an imported module of the workspace.
bool PythonTableExtractor::symbol_ref(TSNode node, TableAccess access, int statement, TSNode at) {
  while (!ts_node_is_null(node) && node_type(node) == "attribute" && node_type(field(node, "object")) == "attribute")
    node = field(node, "object");
  if (ts_node_is_null(node)) return false;
  std::string name, module;
  ModuleKind kind = ModuleKind::none;
  if (node_type(node) == "attribute") {
    TSNode object = field(node, "object");
    auto it = node_type(object) == "identifier" ? imports_.find(text(object)) : imports_.end();
    if (it != imports_.end() && std::islower(static_cast<unsigned char>(it->second.imported[0]))) {
      name = text(field(node, "attribute"));  // `from app.db import models` ... models.Order
      kind = it->second.kind;
      module = it->second.module + (kind == ModuleKind::python_package ? "." : "/") + it->second.imported;
    } else {
      node = object;  // Order.id -> Order
    }
  }
  if (name.empty()) {
    if (node_type(node) != "identifier") return false;
    name = text(node);
    auto it = imports_.find(name);
    if (!symbols_.count(name) && it == imports_.end()) return false;
    if (!symbols_.count(name)) name = it->second.imported, module = it->second.module, kind = it->second.kind;
  }
  out_.add_reference(std::move(name), RefTarget::symbol, access, module, kind, statement, span(at));
  return true;
}

// The calls of one chain (`session.query(A).join(B).filter(...)`) all start where the
// chain starts: the start byte names the statement, with no walk up the tree.
int PythonTableExtractor::chain_statement(TSNode node) {
  auto [it, added] = chains_.try_emplace(ts_node_start_byte(node), scan_.next_statement);
  if (added) ++scan_.next_statement;
  return it->second;
}

}  // namespace svc::engine
