#pragma once
// Table facts of one JavaScript/TypeScript file. table_facts_js.cpp runs the query
// and reads imports; table_facts_js_models.cpp reads definitions (Drizzle, TypeORM,
// Sequelize, and Knex/Sequelize/TypeORM migrations); table_facts_js_refs.cpp reads
// references (Drizzle, Knex, Kysely and Supabase query builders, the Prisma client,
// TypeORM repositories, model statics, SQL text in strings and templates).
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks/syntax/code_syntax.h"
#include "checks/facts/tables/table_sql.h"

namespace svc::engine {

class JsTableExtractor {
 public:
  JsTableExtractor(const SyntaxTree& tree, TableFacts& out);
  void run();

 private:
  struct ImportedName {
    std::string module;
    ModuleKind kind = ModuleKind::none;
    std::string imported;  // "*" for a namespace import or a whole `require`
  };

  // table_facts_js.cpp
  bool interesting_call(TSNode fn) const;
  void add_import(TSNode node);
  void add_require(TSNode declarator);
  void add_imported(const std::string& local, const std::string& imported, const std::string& spec, TSNode at);
  void define(std::string table, std::string symbol, TableOrigin origin, TableChange change, TSNode at);
  std::optional<std::string> string_arg(TSNode node) const;

  // table_facts_js_models.cpp
  void on_definition_call(TSNode call, const std::vector<std::string>& path, const std::vector<TSNode>& args);
  void on_decorator(TSNode call, const std::string& name, const std::vector<TSNode>& args);
  void on_sequelize_define(TSNode call, const std::vector<TSNode>& args);
  void on_mongoose_model(TSNode call, const std::vector<TSNode>& args);
  void on_sequelize_init(TSNode call, const std::string& model, const std::vector<TSNode>& args);
  bool on_migration_call(TSNode call, const std::vector<std::string>& path, const std::vector<TSNode>& args);
  std::string binding_of(TSNode call) const;

  // table_facts_js_aliases.cpp
  void on_class(TSNode cls);

  // table_facts_js_refs.cpp
  void on_reference_call(TSNode call, TSNode callee, const std::vector<std::string>& path,
                         const std::vector<TSNode>& args);
  bool on_builder_call(TSNode call, const std::vector<std::string>& path, const std::vector<TSNode>& args);
  bool on_named_table_call(TSNode call, const std::vector<std::string>& path, const std::vector<TSNode>& args);
  bool on_symbol_table_call(TSNode call, const std::vector<std::string>& path, const std::vector<TSNode>& args);
  bool on_prisma_call(TSNode call, const std::vector<std::string>& path);
  void note_sql_context(TSNode callee_path_node, const std::vector<std::string>& path, TSNode args);
  void on_string(TSNode node);
  void on_sql_holes(TSNode tmpl, const std::string& fragment, int statement);
  bool symbol_ref(TSNode node, TableAccess access, int statement, TSNode at);
  bool chained_symbol_ref(TSNode node, TableAccess access, TSNode call, TSNode at);
  void table_ref(const std::string& table, TableAccess access, int statement, TSNode at);
  int chain_statement(TSNode node);
  std::vector<std::string> chain_methods(TSNode node) const;

  std::string text(TSNode node) const { return std::string(tree_.text(node)); }
  bool is_true(TSNode node) const { return !ts_node_is_null(node) && tree_.text(node) == "true"; }
  SourceSpan span(TSNode node) const { return span_of(tree_, node); }

  const SyntaxTree& tree_;
  TableFacts& out_;
  SqlScan scan_;
  const RouteGrammar& g_;
  std::map<std::string, ImportedName> imports_;
  std::set<std::string> symbols_;               // table symbols this file defines
  std::map<std::string, std::string> schemas_;  // `const shop = pgSchema('shop')`
  std::set<uint32_t> sql_context_;              // strings passed to SQL calls or tags
  std::map<uint32_t, int> chains_;              // statement number per builder chain, by start byte
  std::map<uint32_t, std::size_t> injected_models_;  // @InjectModel call start byte -> its reference
  std::map<uint32_t, TSNode> chain_tops_;       // the outermost call starting at a byte
  bool mongoose_ = false;  // the file mentions mongoose: `model('Order', schema)` is a collection
  bool knex_ = false;                           // the file mentions knex: `db('t')` is a query
};

// Receivers that hold a query builder: knex, db, trx, supabase, ...
bool is_builder_root(const std::string& name);

}  // namespace svc::engine
