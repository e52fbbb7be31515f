// Table references in JavaScript/TypeScript: query builders (Drizzle symbols; Knex,
// Kysely and Supabase table names), the Prisma client, TypeORM repositories, model
// statics (Order.findAll), foreign keys, and SQL in strings and tagged templates.
#include <algorithm>
#include <cctype>

#include "checks/facts/routes/route_facts_js.h"
#include "common/ascii.h"
#include "checks/facts/tables/table_facts_js.h"

namespace svc::engine {
namespace {

bool one_of(std::string_view s, std::initializer_list<std::string_view> names) {
  return std::find(names.begin(), names.end(), s) != names.end();
}

bool is_join(std::string_view m) {
  return one_of(m, {"join", "innerJoin", "leftJoin", "rightJoin", "fullJoin", "fullOuterJoin", "crossJoin",
                    "leftOuterJoin", "rightOuterJoin"});
}

bool is_write_method(std::string_view m) {
  return one_of(m, {"insert", "update", "del", "delete", "upsert", "increment", "decrement", "truncate", "merge",
                    "insertOne", "insertMany", "updateOne", "updateMany", "deleteOne", "deleteMany", "replaceOne",
                    "findOneAndUpdate", "findOneAndDelete", "bulkWrite"});
}

std::optional<TableAccess> prisma_access(std::string_view method) {
  if (one_of(method, {"findMany", "findUnique", "findUniqueOrThrow", "findFirst", "findFirstOrThrow", "count",
                      "aggregate", "groupBy"}))
    return TableAccess::read;
  if (one_of(method, {"create", "createMany", "createManyAndReturn", "update", "updateMany", "upsert", "delete",
                      "deleteMany"}))
    return TableAccess::write;
  return std::nullopt;
}

std::optional<TableAccess> static_access(std::string_view method) {
  if (one_of(method, {"findAll", "findOne", "findByPk", "findAndCountAll", "count", "find", "findBy", "findOneBy",
                      "findOneOrFail", "findAndCount", "exists", "findById", "countDocuments", "aggregate",
                      "distinct"}))
    return TableAccess::read;
  if (one_of(method, {"create", "bulkCreate", "update", "destroy", "upsert", "findOrCreate", "insert", "delete",
                      "increment", "truncate", "findByIdAndUpdate", "findByIdAndDelete", "findOneAndUpdate",
                      "findOneAndDelete", "findOneAndReplace", "updateOne", "updateMany", "deleteOne", "deleteMany",
                      "replaceOne", "insertMany", "bulkWrite"}))
    return TableAccess::write;
  return std::nullopt;
}

}  // namespace

bool is_builder_root(const std::string& name) {
  std::string l = ascii_lower(name);
  for (const char* part : {"knex", "db", "trx", "supabase", "database"})
    if (l.find(part) != std::string::npos) return true;
  return one_of(l, {"qb", "k", "query", "builder", "sb", "conn", "connection", "tx"});
}

void JsTableExtractor::on_reference_call(TSNode call, TSNode callee, const std::vector<std::string>& path,
                                         const std::vector<TSNode>& args) {
  if (path.empty()) return;
  note_sql_context(callee, path, args.empty() ? TSNode{} : args[0]);
  if (on_prisma_call(call, path) || on_builder_call(call, path, args) || args.empty()) return;
  const std::string& method = path.back();
  if (one_of(method, {"getRepository", "InjectRepository", "getTreeRepository", "getCustomRepository"}))
    return (void)symbol_ref(args[0], TableAccess::read, -1, call);
  // NestJS: @InjectModel(Order.name) hands the service the Order collection.
  if (method == "InjectModel" && node_type(args[0]) == "member_expression" && text(field(args[0], "property")) == "name") {
    if (symbol_ref(field(args[0], "object"), TableAccess::read, -1, call))
      injected_models_[ts_node_start_byte(call)] = out_.references.size() - 1;
    return;
  }
  auto access = static_access(method);
  if (access && path.size() == 2 && std::isupper(static_cast<unsigned char>(path[0][0])))
    chained_symbol_ref(field(callee, "object"), *access, call, call);
}

// sql`...`, db.execute(sql`...`), client.query('SELECT ...'), prisma.$queryRaw`...`
void JsTableExtractor::note_sql_context(TSNode, const std::vector<std::string>& path, TSNode first) {
  if (ts_node_is_null(first)) return;
  std::string_view type = node_type(first);
  if (type != "string" && type != "template_string") return;
  const std::string& name = path.back();
  std::string l = ascii_lower(name);
  bool tag = type == "template_string" && node_type(ts_node_parent(first)) != "arguments";
  if ((tag && l.size() >= 3 && l.compare(l.size() - 3, 3, "sql") == 0) || is_sql_call_name(name))
    sql_context_.insert(ts_node_start_byte(first));
}

bool JsTableExtractor::on_prisma_call(TSNode call, const std::vector<std::string>& path) {
  std::size_t n = path.size();
  if (n < 3) return false;
  const std::string& method = path[n - 1];
  const std::string& model = path[n - 2];
  std::string root = ascii_lower(path[n - 3]);
  if (n >= 4 && root == "query" && one_of(method, {"findMany", "findFirst"})) {  // Drizzle: db.query.orders.findMany()
    out_.add_reference(model, RefTarget::symbol, TableAccess::read, "", ModuleKind::none, chain_statement(call), span(call));
    return true;
  }
  if (n > 4 || (n == 4 && !one_of(path[0], {"this", "ctx", "context", "req", "c"}))) return false;
  auto access = prisma_access(method);
  if (!access || model.empty() || !std::islower(static_cast<unsigned char>(model[0]))) return false;
  if (!one_of(root, {"prisma", "tx", "db", "client", "prismaclient", "prismaservice", "transaction", "trx"})) return false;
  out_.add_reference(model, RefTarget::prisma_model, *access, "", ModuleKind::none, chain_statement(call), span(call));
  return true;
}

bool JsTableExtractor::on_builder_call(TSNode call, const std::vector<std::string>& path, const std::vector<TSNode>& args) {
  if (args.empty()) return false;
  return on_named_table_call(call, path, args) || on_symbol_table_call(call, path, args);
}

// Tables named by string: Kysely selectFrom('t'), knex('t'), knex.from('t').join('u'),
// supabase.from('t'), and Knex foreign keys.
bool JsTableExtractor::on_named_table_call(TSNode call, const std::vector<std::string>& path,
                                           const std::vector<TSNode>& args) {
  const std::string& method = path.back();
  auto name = string_arg(args[0]);
  auto write_chain = [&] {
    auto methods = chain_methods(call);
    return std::any_of(methods.begin(), methods.end(), [](const std::string& m) { return is_write_method(m); });
  };
  if (one_of(method, {"selectFrom", "insertInto", "updateTable", "deleteFrom", "replaceInto", "mergeInto"})) {
    TableAccess access = method == "selectFrom" ? TableAccess::read : TableAccess::write;
    std::vector<TSNode> names = node_type(args[0]) == "array" ? call_arguments(args[0]) : std::vector<TSNode>{args[0]};
    for (TSNode n : names)
      if (auto t = string_arg(n)) table_ref(*t, access, chain_statement(call), n);
    return true;
  }
  if (!name) return false;
  if (path.size() == 1 && (one_of(path[0], {"knex", "trx"}) || (knex_ && is_builder_root(path[0])))) {
    table_ref(*name, write_chain() ? TableAccess::write : TableAccess::read, chain_statement(call), args[0]);
    return true;
  }
  std::string root = path.size() > 2 && path[0] == "this" ? path[1] : path[0];
  if (path.size() >= 2 && is_builder_root(root)) {
    if (method == "into") return table_ref(*name, TableAccess::write, chain_statement(call), args[0]), true;
    if (method == "from" || is_join(method) || (method == "table" && path[path.size() - 2] != "schema")) {
      TableAccess access = !is_join(method) && write_chain() ? TableAccess::write : TableAccess::read;
      return table_ref(*name, access, chain_statement(call), args[0]), true;
    }
  }
  if (method == "collection" && path.size() >= 2 && is_builder_root(root)) {  // MongoDB driver: db.collection('orders')
    TableAccess access = write_chain() ? TableAccess::write : TableAccess::read;
    return table_ref(*name, access, chain_statement(call), args[0]), true;
  }
  if (method == "inTable") return table_ref(*name, TableAccess::foreign_key, -1, args[0]), true;
  if (method == "references" && name->find('.') != std::string::npos)  // knex: .references('orders.id')
    return table_ref(name->substr(0, name->rfind('.')), TableAccess::foreign_key, -1, args[0]), true;
  return false;
}

// Tables passed as symbols: Drizzle db.select().from(orders), db.insert(orders),
// .references(() => orders.id); TypeORM createQueryBuilder().from(Order, 'o').
bool JsTableExtractor::on_symbol_table_call(TSNode call, const std::vector<std::string>& path,
                                            const std::vector<TSNode>& args) {
  const std::string& method = path.back();
  if (method == "references" && node_type(args[0]) == "arrow_function") {
    TSNode body = field(args[0], "body");
    return node_type(body) == "member_expression" &&
           symbol_ref(field(body, "object"), TableAccess::foreign_key, -1, args[0]);
  }
  // Query chains start with select(): `Array.from(x)` and `parts.join(sep)` do not.
  bool query_chain = std::any_of(path.begin(), path.end() - 1, [](const std::string& p) {
    return p.rfind("select", 0) == 0 || p == "createQueryBuilder" || p == "update" || p == "delete";
  });
  if (query_chain && (method == "from" || is_join(method)))
    return chained_symbol_ref(args[0], TableAccess::read, call, args[0]);
  if (path.size() >= 2 && one_of(method, {"insert", "update", "delete"}))
    return chained_symbol_ref(args[0], TableAccess::write, call, args[0]);
  return false;
}

// A table symbol: defined in this file, imported by name, or `schema.orders` from a
// namespace import. Anything else is not known to be a table and is left alone.
bool JsTableExtractor::symbol_ref(TSNode node, TableAccess access, int statement, TSNode at) {
  if (ts_node_is_null(node)) return false;
  std::string_view type = node_type(node);
  const ImportedName* from = nullptr;
  std::string name;
  if (type == "identifier") {
    name = text(node);
    auto it = imports_.find(name);
    if (!symbols_.count(name) && (it == imports_.end() || it->second.imported == "*")) return false;
    if (!symbols_.count(name)) from = &it->second, name = it->second.imported;
  } else if (type == "member_expression" && node_type(field(node, "object")) == "identifier") {
    auto it = imports_.find(text(field(node, "object")));
    // `schema.orders`: a namespace import, or a name a workspace package exports
    // (`export * as schema from './schema'`), which TableIndex resolves.
    if (it == imports_.end() || (it->second.imported != "*" && it->second.kind != ModuleKind::package)) return false;
    from = &it->second;
    name = text(field(node, "property"));
  } else {
    return false;
  }
  out_.add_reference(std::move(name), RefTarget::symbol, access, from ? from->module : std::string(),
                     from ? from->kind : ModuleKind::none, statement, span(at));
  return true;
}

// A symbol reference in a builder chain: the chain's statement is looked up only for
// a symbol that is known (walking up the tree is not free).
bool JsTableExtractor::chained_symbol_ref(TSNode node, TableAccess access, TSNode call, TSNode at) {
  if (!symbol_ref(node, access, -1, at)) return false;
  out_.references.back().statement = chain_statement(call);
  return true;
}

void JsTableExtractor::table_ref(const std::string& table, TableAccess access, int statement, TSNode at) {
  std::string name = table.substr(0, table.find_first_of(" \t"));  // 'orders as o'
  if (name.empty() || name.find_first_of("${}:?") != std::string::npos) return;
  out_.add_reference(name, RefTarget::table, access, "", ModuleKind::none, statement, span(at));
}

// The calls of one builder chain (`db.select().from(a).innerJoin(b)`) all start where
// the chain starts, and a call in an argument starts elsewhere: the start byte names
// the statement, with no walk up the tree.
int JsTableExtractor::chain_statement(TSNode node) {
  auto [it, added] = chains_.try_emplace(ts_node_start_byte(node), scan_.next_statement);
  if (added) ++scan_.next_statement;
  return it->second;
}

// The methods of the whole chain a call belongs to: its outermost call's callee.
std::vector<std::string> JsTableExtractor::chain_methods(TSNode node) const {
  auto it = chain_tops_.find(ts_node_start_byte(node));
  return member_path_parts(tree_, field(it == chain_tops_.end() ? node : it->second, "function"), g_);
}

void JsTableExtractor::on_string(TSNode node) {
  bool context = sql_context_.count(ts_node_start_byte(node)) > 0;
  if (!context && !may_start_sql(tree_.text(node))) return;  // most strings: no copy, no regex
  TSNode parent = ts_node_parent(node);
  if (ts_node_is_null(parent) || node_type(parent) == "expression_statement") return;  // 'use strict'

  std::string fragment = blank_string(tree_, node, "template_substitution");
  if (!looks_like_sql(fragment, context)) return;
  int first = scan_.next_statement;
  scan_sql_fragment(scan_, fragment, ts_node_start_byte(node));
  if (node_type(node) == "template_string") on_sql_holes(node, fragment, first);
}

// sql`SELECT * FROM ${orders}`: a Drizzle table symbol where a table name goes.
void JsTableExtractor::on_sql_holes(TSNode tmpl, const std::string& fragment, int first) {
  uint32_t base = ts_node_start_byte(tmpl);
  for (TSNode hole : named_children(tmpl)) {
    if (node_type(hole) != "template_substitution" || ts_node_named_child_count(hole) == 0) continue;
    std::size_t at = ts_node_start_byte(hole) - base;
    std::string before = ascii_lower(fragment.substr(0, at));
    auto end = before.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) continue;
    auto start = before.find_last_of(" \t\r\n(,", end);
    std::string word = before.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
    if (!one_of(word, {"from", "join", "into", "update", "table"})) continue;
    int statement = first + static_cast<int>(std::count(before.begin(), before.end(), ';'));
    statement = std::min(statement, std::max(first, scan_.next_statement - 1));
    TableAccess access = word == "into" || word == "update" ? TableAccess::write : TableAccess::read;
    symbol_ref(ts_node_named_child(hole, 0), access, statement, hole);
  }
}

void extract_js_table_facts(const SyntaxTree& tree, TableFacts& out) { JsTableExtractor(tree, out).run(); }

}  // namespace svc::engine
