#include "checks/facts/tables/table_facts_js.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "checks/facts/routes/route_facts_js.h"
#include "checks/syntax/module_resolver.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

// "../db/schema.js" from services/billing/src/x.ts -> "services/billing/db/schema"
std::string strip_extension(std::string path) {
  for (std::string_view ext : {".js", ".ts", ".mjs", ".cjs", ".jsx", ".tsx", ".mts", ".cts"})
    if (path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0)
      return path.substr(0, path.size() - ext.size());
  return path;
}

}  // namespace

JsTableExtractor::JsTableExtractor(const SyntaxTree& tree, TableFacts& out)
    : tree_(tree), out_(out), scan_{tree.file(), out}, g_(js_route_grammar()) {
  knex_ = tree.file().text().find("knex") != std::string::npos;
  mongoose_ = tree.file().text().find("mongoose") != std::string::npos;
}

// Calls whose name can define or touch a table; all others are skipped before any
// string is built for them (most calls of a file are neither).
bool JsTableExtractor::interesting_call(TSNode fn) const {
  static const std::set<std::string_view> names = {
      "pgTable", "mysqlTable", "sqliteTable", "singlestoreTable", "pgSchema", "mysqlSchema", "Entity", "Table",
      "table", "define", "init", "createTable", "createTableIfNotExists", "createTableLike", "alterTable",
      "dropTable", "dropTableIfExists", "renameTable", "addColumn", "removeColumn", "changeColumn", "renameColumn",
      "addConstraint", "removeConstraint", "addIndex", "removeIndex", "bulkInsert", "bulkUpdate", "bulkDelete",
      "addColumns", "changeColumns", "dropColumn", "dropColumns", "createForeignKey", "createForeignKeys",
      "dropForeignKey", "createPrimaryKey", "createUniqueConstraint", "createCheck", "createIndex", "createIndices",
      "dropIndex", "selectFrom", "insertInto", "updateTable", "deleteFrom", "replaceInto", "mergeInto", "from",
      "into", "join", "innerJoin", "leftJoin", "rightJoin", "fullJoin", "fullOuterJoin", "crossJoin",
      "leftOuterJoin", "rightOuterJoin", "inTable", "references", "insert", "update", "delete", "getRepository",
      "InjectRepository", "getTreeRepository", "getCustomRepository", "findAll", "findOne", "findByPk",
      "findAndCountAll", "count", "find", "findBy", "findOneBy", "findOneOrFail", "findAndCount", "exists",
      "create", "bulkCreate", "destroy", "upsert", "findOrCreate", "increment", "truncate", "findMany",
      "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "aggregate", "groupBy", "createMany",
      "createManyAndReturn", "updateMany", "deleteMany", "knex", "trx", "model", "Schema", "InjectModel",
      "collection", "findById", "findByIdAndUpdate", "findByIdAndDelete", "findOneAndUpdate", "findOneAndDelete",
      "findOneAndReplace", "updateOne", "deleteOne", "replaceOne", "insertMany", "insertOne", "countDocuments",
      "bulkWrite", "distinct"};
  std::string_view type = node_type(fn), last;
  if (type == "identifier") last = tree_.text(fn);
  else if (type == "member_expression") last = tree_.text(field(fn, "property"));
  else return false;
  if (names.count(last) || is_sql_call_name(last)) return true;
  if (last.size() >= 3 && (last.substr(last.size() - 3) == "sql" || last.substr(last.size() - 3) == "SQL")) return true;
  return type == "identifier" && knex_ && is_builder_root(std::string(last));
}

void JsTableExtractor::run() {
  struct Call {
    TSNode call, fn, args;
    std::vector<std::string> path;
    std::vector<TSNode> arguments;
  };
  std::vector<TSNode> imports, strings, classes;
  std::vector<Call> calls;
  // One cursor walk: cheaper than a query cursor, and calls are classified in code anyway.
  for_each_named(tree_.root(), [&](TSNode n) {
    std::string_view type = node_type(n);
    if (type == "call_expression") {
      chain_tops_.try_emplace(ts_node_start_byte(n), n);  // pre-order: the outermost comes first
      TSNode fn = field(n, "function"), args = field(n, "arguments");
      if (!ts_node_is_null(fn) && !ts_node_is_null(args) && interesting_call(fn)) calls.push_back({n, fn, args, {}, {}});
    } else if (type == "string" || type == "template_string") {
      strings.push_back(n);
    } else if (type == "import_statement" || type == "variable_declarator") {
      imports.push_back(n);
    } else if (type == "class_declaration" || type == "abstract_class_declaration") {
      classes.push_back(n);
    }
  });
  for (TSNode n : imports) add_import(n);
  for (auto& c : calls) {
    c.path = member_path_parts(tree_, c.fn, g_);
    if (node_type(c.args) == "template_string") c.arguments.push_back(c.args);  // a tagged template
    else c.arguments = call_arguments(c.args);
  }
  // Definitions first: references resolve symbols against them; strings last, once
  // the calls have said which strings are SQL.
  for (const auto& c : calls) on_definition_call(c.call, c.path, c.arguments);
  for (const auto& c : calls) on_reference_call(c.call, c.fn, c.path, c.arguments);
  for (TSNode c : classes) on_class(c);
  for (TSNode s : strings) on_string(s);
}

std::optional<std::string> JsTableExtractor::string_arg(TSNode node) const { return string_value(tree_, node); }

// `import ... from './x'` and `const x = require('./x')`.
void JsTableExtractor::add_import(TSNode node) {
  if (node_type(node) == "variable_declarator") return add_require(node);
  auto spec = string_value(tree_, field(node, "source"));
  if (!spec) return;
  for (TSNode clause : named_children(node)) {
    if (node_type(clause) != "import_clause") continue;
    for (TSNode part : named_children(clause)) {
      std::string_view type = node_type(part);
      if (type == "identifier") add_imported(text(part), text(part), *spec, node);  // default: named as the class
      if (type == "namespace_import" && ts_node_named_child_count(part))
        add_imported(text(ts_node_named_child(part, 0)), "*", *spec, node);
      if (type != "named_imports") continue;
      for (TSNode s : named_children(part)) {
        TSNode name = field(s, "name"), alias = field(s, "alias");
        if (!ts_node_is_null(name)) add_imported(text(ts_node_is_null(alias) ? name : alias), text(name), *spec, node);
      }
    }
  }
}

void JsTableExtractor::add_require(TSNode declarator) {
  TSNode value = field(declarator, "value"), name = field(declarator, "name");
  if (ts_node_is_null(value) || ts_node_is_null(name) || node_type(value) != "call_expression") return;
  TSNode fn = field(value, "function");
  if (node_type(fn) != "identifier" || tree_.text(fn) != "require") return;
  auto args = call_arguments(field(value, "arguments"));
  auto spec = args.size() == 1 ? string_value(tree_, args[0]) : std::nullopt;
  if (!spec) return;
  if (node_type(name) == "identifier") return add_imported(text(name), "*", *spec, declarator);
  for (TSNode p : named_children(name)) {  // const { a, b: c } = require('./x')
    if (node_type(p) == "shorthand_property_identifier_pattern") add_imported(text(p), text(p), *spec, declarator);
    if (node_type(p) == "pair_pattern") add_imported(text(field(p, "value")), text(field(p, "key")), *spec, declarator);
  }
}

// Relative imports resolve to a path from the root; `@/x` aliases to the service's
// folder later. Imports that climb out of their folder are kept as references too:
// a table imported from another service's code is the coupling itself.
void JsTableExtractor::add_imported(const std::string& local, const std::string& imported, const std::string& spec,
                                    TSNode at) {
  ImportedName name{"", ModuleKind::none, imported};
  if (spec.rfind(".", 0) == 0) {
    name.module = strip_extension(normalize_path(dir_of(tree_.file().path()) + "/" + spec));
    if (name.module.empty()) return;
    name.kind = ModuleKind::path;
  } else if (spec.rfind("@/", 0) == 0 || spec.rfind("~/", 0) == 0) {
    name.module = strip_extension(spec.substr(2));
    name.kind = ModuleKind::service_alias;
  } else if (spec.rfind("node:", 0) != 0 && spec.find(':') == std::string::npos) {
    // A package: from the registry, or of the workspace (known only once every
    // manifest is read; TableIndex resolves it).
    name.module = spec;
    name.kind = ModuleKind::package;
  } else {
    return;
  }
  if ((name.kind == ModuleKind::path && spec.find("../") != std::string::npos) || name.kind == ModuleKind::package)
    out_.add_reference(imported, RefTarget::symbol, TableAccess::import, name.module, name.kind, -1, span(at));
  imports_[local] = std::move(name);
}

void JsTableExtractor::define(std::string table, std::string symbol, TableOrigin origin, TableChange change, TSNode at) {
  if (table.empty()) return;
  if (!symbol.empty()) symbols_.insert(symbol);
  out_.definitions.push_back({std::move(table), std::move(symbol), origin, change, span(at)});
}

}  // namespace svc::engine
