// Table definitions in JavaScript/TypeScript: Drizzle tables, TypeORM entities,
// Sequelize models, and the schema calls of Knex, Sequelize and TypeORM migrations.
#include <cctype>

#include "checks/facts/routes/route_facts_js.h"
#include "common/ascii.h"
#include "checks/facts/tables/table_facts_js.h"

namespace svc::engine {
namespace {

bool is_drizzle_table(std::string_view fn) {
  return fn == "pgTable" || fn == "mysqlTable" || fn == "sqliteTable" || fn == "singlestoreTable";
}

bool has_segment(const std::vector<std::string>& path, std::string_view lowered) {
  for (const auto& seg : path) {
    std::string l;
    for (char c : seg) l.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    if (l.find(lowered) != std::string::npos) return true;
  }
  return false;
}

struct Verb {
  std::string_view name;
  TableChange change;
};

std::optional<TableChange> find_verb(std::initializer_list<Verb> verbs, std::string_view name) {
  for (const auto& v : verbs)
    if (v.name == name) return v.change;
  return std::nullopt;
}

using C = TableChange;

// The collection Mongoose derives from a model name: lower case, then its plural rules
// (the common ones): 'Order' -> orders, 'Category' -> categories, 'Status' -> statuses,
// and a name that already ends in s stays as it is ('Controls' -> controls).
std::string mongoose_collection(std::string_view model) {
  std::string n = ascii_lower(model);
  auto ends = [&](std::string_view s) { return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0; };
  if (n.empty()) return n;
  if (ends("status") || ends("alias") || ends("ss") || ends("sh") || ends("ch") || ends("x")) return n + "es";
  if (ends("s")) return n;
  if (ends("y") && n.size() > 1 && std::string_view("aeiou").find(n[n.size() - 2]) == std::string_view::npos)
    return n.substr(0, n.size() - 1) + "ies";
  return n + "s";
}

}  // namespace

// `const orders = pgTable(...)`, `export const x = await f()`, `exports.orders = ...`.
std::string JsTableExtractor::binding_of(TSNode call) const {
  TSNode cur = call;
  for (int hops = 0; hops < 8; ++hops) {
    TSNode p = ts_node_parent(cur);
    if (ts_node_is_null(p)) return {};
    std::string_view t = node_type(p);
    if (t == "await_expression" || t == "parenthesized_expression" || t == "as_expression" ||
        t == "satisfies_expression" || t == "non_null_expression") {
      cur = p;
      continue;
    }
    if (t == "variable_declarator" && node_type(field(p, "name")) == "identifier") return text(field(p, "name"));
    if (t == "assignment_expression") {
      std::string left = text(field(p, "left"));
      return left.substr(left.rfind('.') + 1);
    }
    return {};
  }
  return {};
}

void JsTableExtractor::on_definition_call(TSNode call, const std::vector<std::string>& path,
                                          const std::vector<TSNode>& args) {
  if (path.empty()) return;
  auto first = args.empty() ? std::nullopt : string_arg(args[0]);
  const std::string& last = path.back();
  if (path.size() == 1) {
    if (is_drizzle_table(last) && first) return define(*first, binding_of(call), TableOrigin::drizzle, C::create, args[0]);
    if ((last == "pgSchema" || last == "mysqlSchema") && first) {
      std::string name = binding_of(call);
      if (!name.empty()) schemas_[name] = *first;
      return;
    }
    TSNode parent = ts_node_parent(call);
    if ((last == "Entity" || last == "Table") && !ts_node_is_null(parent) && node_type(parent) == "decorator")
      return on_decorator(call, last, args);
    if (last == "Schema" && mongoose_ && !ts_node_is_null(parent) && node_type(parent) == "decorator")
      return on_decorator(call, last, args);
    if (last == "model" && mongoose_ && args.size() >= 2 && first) return on_mongoose_model(call, args);
    return;
  }
  if (last == "model" && mongoose_ && args.size() >= 2 && first) return on_mongoose_model(call, args);
  if (path.size() == 2 && last == "table" && schemas_.count(path[0]) && first)
    return define(schemas_[path[0]] + "." + *first, binding_of(call), TableOrigin::drizzle, C::create, args[0]);
  if (last == "define" && args.size() >= 2 && first && node_type(args[1]) == "object")
    return on_sequelize_define(call, args);
  if (last == "init" && path.size() == 2 && args.size() >= 2 && node_type(args[1]) == "object" &&
      (!ts_node_is_null(object_value(tree_, args[1], "sequelize")) ||
       !ts_node_is_null(object_value(tree_, args[1], "tableName"))))
    return on_sequelize_init(call, path[0], args);
  on_migration_call(call, path, args);
}

// @Entity('orders'), @Entity({ name: 'orders' }), @Entity() (TypeORM: snake_case of
// the class), sequelize-typescript @Table({ tableName }) (plural of the class).
void JsTableExtractor::on_decorator(TSNode call, const std::string& name, const std::vector<TSNode>& args) {
  TSNode holder = ts_node_parent(ts_node_parent(call));
  if (ts_node_is_null(holder)) return;
  if (node_type(holder) == "export_statement") holder = field(holder, "declaration");
  if (ts_node_is_null(holder) || node_type(holder).find("class") == std::string_view::npos) return;
  TSNode class_name = field(holder, "name");
  if (ts_node_is_null(class_name)) return;
  std::string cls = text(class_name);
  TSNode at = args.empty() ? class_name : args[0];
  std::optional<std::string> table = args.empty() ? std::nullopt : string_arg(args[0]);
  if (!table && !args.empty() && node_type(args[0]) == "object") {
    for (const char* key : {"name", "tableName"})
      if (!table) table = string_arg(object_value(tree_, args[0], key));
  }
  if (name == "Entity") return define(table.value_or(snake_case(cls)), cls, TableOrigin::typeorm, C::create, at);
  if (name == "Schema") {  // @nestjs/mongoose: @Schema({ collection }) or the model's default collection
    if (!args.empty() && node_type(args[0]) == "object") table = string_arg(object_value(tree_, args[0], "collection"));
    return define(table.value_or(mongoose_collection(cls)), cls, TableOrigin::mongoose, C::create, at);
  }
  bool frozen = !args.empty() && node_type(args[0]) == "object" &&
                is_true(object_value(tree_, args[0], "freezeTableName"));
  define(table.value_or(frozen ? cls : pluralize(cls)), cls, TableOrigin::sequelize, C::create, at);
}

// sequelize.define('Order', attributes, { tableName, freezeTableName })
void JsTableExtractor::on_sequelize_define(TSNode call, const std::vector<TSNode>& args) {
  std::string model = *string_arg(args[0]);
  std::optional<std::string> table;
  bool frozen = false;
  if (args.size() >= 3 && node_type(args[2]) == "object") {
    table = string_arg(object_value(tree_, args[2], "tableName"));
    frozen = is_true(object_value(tree_, args[2], "freezeTableName"));
  }
  std::string symbol = binding_of(call);
  define(table.value_or(frozen ? model : pluralize(model)), symbol.empty() ? model : symbol, TableOrigin::sequelize,
         C::create, args[0]);
}

// mongoose.model('Order', schema, 'orders'), connection.model<IOrder>('Order', schema):
// the collection is the third argument, the schema's `collection` option, or what
// Mongoose derives from the model name (lower case, plural).
void JsTableExtractor::on_mongoose_model(TSNode call, const std::vector<TSNode>& args) {
  std::string model = *string_arg(args[0]);
  std::optional<std::string> collection = args.size() >= 3 ? string_arg(args[2]) : std::nullopt;
  if (!collection && node_type(args[1]) == "new_expression") {  // model('Order', new Schema({...}, { collection }))
    auto schema_args = call_arguments(field(args[1], "arguments"));
    if (schema_args.size() >= 2 && node_type(schema_args[1]) == "object")
      collection = string_arg(object_value(tree_, schema_args[1], "collection"));
  }
  std::string symbol = binding_of(call);
  define(collection.value_or(mongoose_collection(model)), symbol.empty() ? model : symbol, TableOrigin::mongoose,
         C::create, args[0]);
}

// class Order extends Model {}; Order.init(attributes, { sequelize, tableName: 'orders' })
void JsTableExtractor::on_sequelize_init(TSNode call, const std::string& model, const std::vector<TSNode>& args) {
  TSNode options = args[1];
  auto table = string_arg(object_value(tree_, options, "tableName"));
  auto name = string_arg(object_value(tree_, options, "modelName")).value_or(model);
  bool frozen = is_true(object_value(tree_, options, "freezeTableName"));
  TSNode at = object_value(tree_, options, "tableName");
  define(table.value_or(frozen ? name : pluralize(name)), model, TableOrigin::sequelize, C::create,
         ts_node_is_null(at) ? call : at);
}

// knex.schema.createTable('t'), queryInterface.addColumn('t', ...),
// queryRunner.createTable(new Table({ name: 't' })).
bool JsTableExtractor::on_migration_call(TSNode call, const std::vector<std::string>& path,
                                         const std::vector<TSNode>& args) {
  if (args.empty() || path.size() < 2) return false;
  const std::string& verb = path.back();
  std::optional<TableChange> change;
  TableOrigin origin = TableOrigin::knex;
  if (has_segment(path, "schema")) {
    change = find_verb({{"createTable", C::create}, {"createTableIfNotExists", C::create}, {"createTableLike", C::create},
                        {"alterTable", C::alter}, {"table", C::alter}, {"dropTable", C::drop},
                        {"dropTableIfExists", C::drop}, {"renameTable", C::rename}},
                       verb);
  } else if (has_segment(path, "queryinterface")) {
    origin = TableOrigin::sequelize_migration;
    change = find_verb({{"createTable", C::create}, {"dropTable", C::drop}, {"addColumn", C::alter},
                        {"removeColumn", C::alter}, {"changeColumn", C::alter}, {"renameColumn", C::alter},
                        {"addConstraint", C::alter}, {"removeConstraint", C::alter}, {"addIndex", C::index},
                        {"removeIndex", C::index}, {"renameTable", C::rename}},
                       verb);
    if (!change && (verb == "bulkInsert" || verb == "bulkUpdate" || verb == "bulkDelete")) {
      if (auto t = string_arg(args[0])) table_ref(*t, TableAccess::write, chain_statement(call), args[0]);
      return true;
    }
  } else if (has_segment(path, "queryrunner")) {
    origin = TableOrigin::typeorm_migration;
    change = find_verb({{"createTable", C::create}, {"dropTable", C::drop}, {"addColumn", C::alter},
                        {"addColumns", C::alter}, {"changeColumn", C::alter}, {"changeColumns", C::alter},
                        {"dropColumn", C::alter}, {"dropColumns", C::alter}, {"renameColumn", C::alter},
                        {"createForeignKey", C::alter}, {"createForeignKeys", C::alter}, {"dropForeignKey", C::alter},
                        {"createPrimaryKey", C::alter}, {"createUniqueConstraint", C::alter}, {"createCheck", C::alter},
                        {"createIndex", C::index}, {"createIndices", C::index}, {"dropIndex", C::index},
                        {"renameTable", C::rename}},
                       verb);
  }
  if (!change) return false;
  TSNode at = args[0];
  auto table = string_arg(at);
  if (!table && node_type(at) == "object") table = string_arg(object_value(tree_, at, "tableName"));
  if (!table && node_type(at) == "new_expression") {  // new Table({ name: 'orders', columns: [...] })
    auto spec = call_arguments(field(at, "arguments"));
    if (!spec.empty() && node_type(spec[0]) == "object") at = object_value(tree_, spec[0], "name"), table = string_arg(at);
  }
  if (!table) return false;
  define(*table, "", origin, *change, at);
  if (*change == C::rename && args.size() > 1 && !out_.definitions.empty())  // renameTable('from', 'to')
    out_.definitions.back().renamed_to = string_arg(args[1]).value_or("");
  return true;
}

}  // namespace svc::engine
