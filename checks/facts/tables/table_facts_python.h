#pragma once
// Table facts of one Python file. table_facts_python.cpp runs the query and reads
// imports and model classes (SQLAlchemy, SQLModel, Flask-SQLAlchemy, Django);
// table_facts_python_calls.cpp reads calls (Table(), Alembic and Django migration
// operations, select/query/objects references, foreign keys) and SQL in strings.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks/syntax/code_syntax.h"
#include "checks/facts/tables/table_sql.h"

namespace svc::engine {

class PythonTableExtractor {
 public:
  PythonTableExtractor(const SyntaxTree& tree, TableFacts& out);
  void run();

 private:
  struct ImportedName {
    std::string module;
    ModuleKind kind = ModuleKind::none;
    std::string imported;
  };
  struct MetaOptions {  // a Django model's `class Meta`
    std::optional<std::string> db_table, app_label;
    bool abstract = false, unmanaged = false;
  };

  // table_facts_python.cpp
  bool interesting_call(TSNode fn) const;
  void add_import(TSNode statement);
  void on_class(TSNode node);
  void on_django_model(TSNode node, const std::string& name, const MetaOptions& meta, bool direct);
  MetaOptions meta_options(TSNode body) const;
  std::string django_app_label() const;
  void define(std::string table, std::string symbol, TableOrigin origin, TableChange change, TSNode at);

  // table_facts_python_calls.cpp
  void on_definition_call(TSNode call, const std::vector<std::string>& path, TSNode args);
  bool on_alembic_call(const std::string& op, TSNode args);
  bool on_django_migration(const std::string& op, TSNode args);
  void on_reference_call(TSNode call, const std::vector<std::string>& path, TSNode args);
  void on_foreign_key(TSNode arg);
  void note_sql_context(const std::vector<std::string>& path, TSNode args);
  void on_string(TSNode node);
  bool symbol_ref(TSNode node, TableAccess access, int statement, TSNode at);
  int chain_statement(TSNode node);

  std::string text(TSNode node) const { return std::string(tree_.text(node)); }
  bool is_true(TSNode node) const { return !ts_node_is_null(node) && tree_.text(node) == "True"; }
  SourceSpan span(TSNode node) const { return span_of(tree_, node); }
  std::optional<std::string> str(TSNode node) const { return string_value(tree_, node); }

  const SyntaxTree& tree_;
  TableFacts& out_;
  SqlScan scan_;
  const RouteGrammar& g_;
  std::map<std::string, ImportedName> imports_;
  std::set<std::string> symbols_;    // model classes and Table() bindings of this file
  std::set<uint32_t> sql_context_;   // strings passed to execute(), text(), op.execute() ...
  std::map<uint32_t, int> chains_;   // statement number per call chain, by start byte
  std::map<uint32_t, TSNode> chain_tops_;  // the outermost call starting at a byte
  bool django_ = false;              // the file imports Django's models
};

// Positional and keyword arguments of an argument_list.
std::vector<TSNode> positional_args(TSNode args);
TSNode keyword_arg(const SyntaxTree& tree, TSNode args, std::string_view name);

}  // namespace svc::engine
