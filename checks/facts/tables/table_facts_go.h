#pragma once
// Table facts of one Go file. table_facts_go.cpp walks the file once and reads SQL
// in strings (database/sql, pgx, sqlx, gorm's Raw) and query builders (squirrel,
// goqu); table_facts_go_gorm.cpp reads gorm models (struct names by gorm's naming,
// TableName() overrides) and the gorm calls that use them.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "checks/syntax/code_syntax.h"
#include "checks/facts/tables/table_sql.h"

namespace svc::engine {

class GoTableExtractor {
 public:
  GoTableExtractor(const SyntaxTree& tree, TableFacts& out);
  void run();

 private:
  struct Call {
    TSNode call, args;
    std::string name;  // the called function or method: "QueryContext", "From"
  };

  // table_facts_go.cpp
  void on_call(const Call& c);
  void on_builder_call(const Call& c);
  void on_string(TSNode node);
  std::string fragment_of(TSNode node) const;
  int chain_statement(TSNode call);

  // table_facts_go_gorm.cpp
  void on_type_spec(TSNode spec);
  void on_method(TSNode method);
  void on_gorm_call(const Call& c);
  void note_variables(TSNode node);
  std::string model_type(TSNode arg) const;
  void define_models();

  std::string text(TSNode node) const { return std::string(tree_.text(node)); }
  SourceSpan span(TSNode node) const { return span_of(tree_, node); }

  const SyntaxTree& tree_;
  TableFacts& out_;
  SqlScan scan_;
  const RouteGrammar& g_;
  bool gorm_ = false;     // the file uses gorm: its model calls are table references
  bool builder_ = false;  // the file uses squirrel or goqu
  std::set<uint32_t> sql_context_;         // strings passed to Query/Exec/Select/Raw ...
  std::map<uint32_t, int> chains_;         // statement number per call chain, by start byte
  // gorm: structs that read as models, TableName() overrides, and the types of the
  // variables of the function being walked (`var users []User`, `u := &User{}`).
  std::map<std::string, TSNode> models_;          // struct name -> its name node
  std::set<std::string> embedded_;                // struct types embedded in other structs
  std::map<std::string, std::string> table_names_;  // receiver type -> TableName()'s string
  std::map<std::string, TSNode> table_name_at_;     // receiver type -> the method's name node
  std::map<std::string, std::string> variables_;
};

void extract_go_table_facts(const SyntaxTree& tree, TableFacts& out);

}  // namespace svc::engine
