#include "checks/facts/tables/table_facts_python.h"
#include "common/ascii.h"

#include <algorithm>
#include <cctype>

#include "checks/syntax/module_resolver.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

// Packages whose classes are never another service's models: not worth a fact.
bool is_library(const std::string& module) {
  static const std::set<std::string> names = {
      "sqlalchemy", "sqlmodel", "pydantic", "fastapi", "flask", "flask_sqlalchemy", "django", "typing",
      "typing_extensions", "datetime", "enum", "uuid", "decimal", "dataclasses", "collections", "abc",
      "starlette", "celery", "rq", "redis", "alembic", "marshmallow", "werkzeug", "pathlib", "os", "json",
      "logging", "http", "asyncio", "contextlib", "functools", "psycopg", "psycopg2", "asyncpg", "httpx",
      "requests", "pytest", "unittest", "boto3", "google", "azure", "structlog", "jose", "jwt", "passlib",
      "rest_framework", "graphene", "strawberry", "pandas", "numpy", "pydantic_settings", "sqlalchemy_utils"};
  return names.count(module.substr(0, module.find('.'))) > 0;
}

// Modules models are imported from: `orders.models`, `orders.db.tables`, `app.orm`.
bool names_model_module(const std::string& module) {
  static const std::set<std::string> words = {"models", "model", "db", "database", "tables", "table",
                                              "entities", "entity", "orm", "schema"};
  for (std::size_t start = 0; start <= module.size();) {
    auto dot = module.find('.', start);
    if (dot == std::string::npos) dot = module.size();
    if (words.count(module.substr(start, dot - start))) return true;
    start = dot + 1;
  }
  return false;
}

}  // namespace

std::vector<TSNode> positional_args(TSNode args) {
  std::vector<TSNode> out;
  for (TSNode n : named_children(args)) {
    std::string_view t = node_type(n);
    if (t != "keyword_argument" && t != "comment" && t != "list_splat" && t != "dictionary_splat") out.push_back(n);
  }
  return out;
}

TSNode keyword_arg(const SyntaxTree& tree, TSNode args, std::string_view name) {
  return python_argument(tree, args, kKeywordOnly, name);
}

PythonTableExtractor::PythonTableExtractor(const SyntaxTree& tree, TableFacts& out)
    : tree_(tree), out_(out), scan_{tree.file(), out}, g_(python_route_grammar()) {
  django_ = tree.file().text().find("django") != std::string::npos;
}

// Calls whose name can define or touch a table; all others are skipped early.
bool PythonTableExtractor::interesting_call(TSNode fn) const {
  static const std::set<std::string_view> names = {
      "Table", "ForeignKey", "OneToOneField", "ManyToManyField", "select", "insert", "update", "delete", "query",
      "join", "outerjoin", "select_from", "get", "create_table", "drop_table", "rename_table", "add_column",
      "alter_column", "drop_column", "batch_alter_table", "drop_constraint", "create_foreign_key",
      "create_unique_constraint", "create_check_constraint", "create_primary_key", "create_index", "drop_index",
      "CreateModel", "DeleteModel", "AlterModelTable", "AddField", "RemoveField", "AlterField", "RenameField",
      "AddConstraint", "RemoveConstraint", "AddIndex", "RemoveIndex", "RunSQL"};
  std::string_view type = node_type(fn), last;
  if (type == "identifier") last = tree_.text(fn);
  else if (type == "attribute") last = tree_.text(field(fn, "attribute"));
  else return false;
  if (names.count(last) || is_sql_call_name(last)) return true;
  TSNode object = type == "attribute" ? field(fn, "object") : TSNode{};  // Order.objects.filter(...)
  if (ts_node_is_null(object) || node_type(object) != "attribute") return false;
  std::string_view member = tree_.text(field(object, "attribute"));
  return member == "objects" || member == "query";
}

void PythonTableExtractor::run() {
  struct Call {
    TSNode call, args;
    std::vector<std::string> path;
  };
  std::vector<TSNode> imports, classes, strings;
  std::vector<Call> calls;
  bool in_concatenation = false;  // the strings of `"a" "b"` are read as one
  uint32_t concatenation_end = 0;
  // One cursor walk: cheaper than a query cursor, and calls are classified in code anyway.
  for_each_named(tree_.root(), [&](TSNode n) {
    std::string_view type = node_type(n);
    if (in_concatenation && ts_node_start_byte(n) >= concatenation_end) in_concatenation = false;
    if (type == "call") {
      chain_tops_.try_emplace(ts_node_start_byte(n), n);  // pre-order: the outermost comes first
      TSNode fn = field(n, "function"), args = field(n, "arguments");
      if (!ts_node_is_null(fn) && !ts_node_is_null(args) && node_type(args) == "argument_list" && interesting_call(fn))
        calls.push_back({n, args, member_path_parts(tree_, fn, g_)});
    } else if (type == "concatenated_string") {
      strings.push_back(n);
      in_concatenation = true;
      concatenation_end = ts_node_end_byte(n);
    } else if (type == "string" && !in_concatenation) {
      strings.push_back(n);
    } else if (type == "class_definition") {
      classes.push_back(n);
    } else if (type == "import_from_statement") {
      imports.push_back(n);
    }
  });
  for (TSNode n : imports) add_import(n);
  for (TSNode n : classes) on_class(n);
  // Definitions first: references resolve symbols against them; strings last, once
  // the calls have said which strings are SQL.
  for (const auto& c : calls) on_definition_call(c.call, c.path, c.args);
  for (const auto& c : calls) on_reference_call(c.call, c.path, c.args);
  for (TSNode n : strings) on_string(n);
}

// `from ..orders.models import Order` resolves to a path; `from orders.models import
// Order` stays a dotted module found by suffix later. Model-like names imported from
// outside the file's package are references in their own right.
void PythonTableExtractor::add_import(TSNode statement) {
  TSNode module = field(statement, "module_name");
  if (ts_node_is_null(module)) return;
  ImportedName base;
  bool climbs = false;
  if (node_type(module) == "relative_import") {
    std::string dir = dir_of(tree_.file().path()), rest;
    for (TSNode part : named_children(module)) {
      if (node_type(part) == "import_prefix") {
        std::size_t dots = tree_.text(part).size();
        climbs = dots > 1 && names_model_module(text(module));
        for (std::size_t i = 1; i < dots; ++i) dir = dir_of(dir);
      } else {
        rest = text(part);
      }
    }
    std::replace(rest.begin(), rest.end(), '.', '/');
    base.module = normalize_path(rest.empty() ? dir : dir + "/" + rest);
    base.kind = ModuleKind::path;
  } else {
    base.module = text(module);
    base.kind = ModuleKind::python_package;
    climbs = !is_library(base.module) && names_model_module(base.module);
  }
  if (base.module.empty()) return;
  for (TSNode part : named_children(statement)) {
    if (ts_node_eq(part, module)) continue;
    TSNode name = part, alias = part;
    if (node_type(part) == "aliased_import") name = field(part, "name"), alias = field(part, "alias");
    else if (node_type(part) != "dotted_name") continue;
    ImportedName imported = base;
    imported.imported = text(name);
    if (climbs && std::isupper(static_cast<unsigned char>(imported.imported[0])))
      out_.add_reference(imported.imported, RefTarget::symbol, TableAccess::import, base.module, base.kind, -1,
                         span(statement));
    imports_[text(alias)] = std::move(imported);
  }
}

void PythonTableExtractor::define(std::string table, std::string symbol, TableOrigin origin, TableChange change,
                                  TSNode at) {
  if (table.empty()) return;
  if (!symbol.empty()) symbols_.insert(symbol);
  out_.definitions.push_back({std::move(table), std::move(symbol), origin, change, span(at)});
}

// SQLAlchemy `__tablename__`, SQLModel `table=True`, Flask-SQLAlchemy `db.Model`
// (snake_case of the class) and Django `models.Model`.
void PythonTableExtractor::on_class(TSNode node) {
  TSNode name_node = field(node, "name"), supers = field(node, "superclasses"), body = field(node, "body");
  if (ts_node_is_null(name_node) || ts_node_is_null(body)) return;
  std::string name = text(name_node);
  std::vector<std::string> bases;
  bool table_true = false;
  if (!ts_node_is_null(supers)) {
    for (TSNode b : positional_args(supers)) bases.push_back(text(b));
    table_true = is_true(keyword_arg(tree_, supers, "table"));
  }
  TSNode tablename{};
  std::optional<std::string> schema;
  bool abstract = false;
  for (TSNode stmt : named_children(body)) {
    TSNode assign = node_type(stmt) == "expression_statement" ? ts_node_named_child(stmt, 0) : TSNode{};
    if (ts_node_is_null(assign) || node_type(assign) != "assignment") continue;
    std::string_view left = tree_.text(field(assign, "left"));
    TSNode right = field(assign, "right");
    if (ts_node_is_null(right)) continue;  // an annotation without a value
    if (left == "__tablename__") tablename = right;
    if (left == "__abstract__") abstract = is_true(right);
    if (left == "__table_args__") {  // {"schema": "x"} alone or last in a tuple
      TSNode dict = node_type(right) == "tuple" && ts_node_named_child_count(right)
                        ? ts_node_named_child(right, ts_node_named_child_count(right) - 1) : right;
      for (TSNode pair : named_children(dict))
        if (node_type(pair) == "pair" && str(field(pair, "key")) == std::optional<std::string>("schema"))
          schema = str(field(pair, "value"));
    }
  }
  auto has_base = [&](std::string_view b) { return std::find(bases.begin(), bases.end(), b) != bases.end(); };
  bool sqlmodel = table_true || has_base("SQLModel");
  if (auto table = str(tablename)) {
    std::string full = schema ? *schema + "." + *table : *table;
    return define(full, name, sqlmodel ? TableOrigin::sqlmodel : TableOrigin::sqlalchemy, TableChange::create, tablename);
  }
  if (table_true) return define(ascii_lower(name), name, TableOrigin::sqlmodel, TableChange::create, name_node);
  MetaOptions meta = meta_options(body);
  bool direct_django = has_base("models.Model");
  if (direct_django || (django_ && meta.db_table)) return on_django_model(name_node, name, meta, direct_django);
  bool flask_model = std::any_of(bases.begin(), bases.end(), [](const std::string& b) {
    return b.size() > 6 && b.compare(b.size() - 6, 6, ".Model") == 0;
  });
  if (flask_model && !abstract) define(snake_case(name), name, TableOrigin::sqlalchemy, TableChange::create, name_node);
}

PythonTableExtractor::MetaOptions PythonTableExtractor::meta_options(TSNode body) const {
  MetaOptions meta;
  for (TSNode stmt : named_children(body)) {
    if (node_type(stmt) != "class_definition" || tree_.text(field(stmt, "name")) != "Meta") continue;
    for (TSNode inner : named_children(field(stmt, "body"))) {
      TSNode assign = node_type(inner) == "expression_statement" ? ts_node_named_child(inner, 0) : TSNode{};
      if (ts_node_is_null(assign) || node_type(assign) != "assignment") continue;
      std::string_view left = tree_.text(field(assign, "left"));
      TSNode right = field(assign, "right");
      if (left == "db_table") meta.db_table = str(right);
      if (left == "app_label") meta.app_label = str(right);
      if (left == "abstract") meta.abstract = is_true(right);
      if (left == "managed") meta.unmanaged = !ts_node_is_null(right) && tree_.text(right) == "False";
    }
  }
  return meta;
}

// Django names a model's table app_label + "_" + model name, lower case. A model
// that is not managed maps a table someone else creates: a reference.
void PythonTableExtractor::on_django_model(TSNode at, const std::string& name, const MetaOptions& meta, bool direct) {
  if (meta.abstract || (!direct && !meta.db_table)) return;
  std::string table = meta.db_table.value_or(ascii_lower(meta.app_label.value_or(django_app_label()) + "_" + name));
  if (!meta.unmanaged) return define(table, name, TableOrigin::django, TableChange::create, at);
  symbols_.insert(name);
  out_.add_reference(table, RefTarget::table, TableAccess::model, "", ModuleKind::none, -1, span(at));
}

// The Django app of this file: the folder holding models.py, models/ or migrations/.
std::string PythonTableExtractor::django_app_label() const {
  std::string path = tree_.file().path();
  std::vector<std::string> parts;
  for (std::size_t start = 0, end; start <= path.size(); start = end + 1) {
    end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
  }
  for (std::size_t i = parts.size(); i-- > 1;)
    if (parts[i] == "models.py" || parts[i] == "models" || parts[i] == "migrations") return parts[i - 1];
  return parts.size() > 1 ? parts[parts.size() - 2] : "app";
}

void extract_python_table_facts(const SyntaxTree& tree, TableFacts& out) { PythonTableExtractor(tree, out).run(); }

}  // namespace svc::engine
