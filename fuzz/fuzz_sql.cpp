// The SQL table extractor: a .sql file, and the same text as SQL in a TypeScript string.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/facts/tables/table_facts.h"
#include "checks/syntax/syntax_tree.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace svc::engine;
  std::string text(reinterpret_cast<const char*>(data), size);
  SourceFile sql("migrations/001.sql", Language::sql, text);
  if (auto tree = SyntaxTree::parse(sql); tree && !nested_deeper_than(tree->root(), kMaxSyntaxDepth)) {
    TableFacts facts;
    extract_table_facts(sql, tree.get(), facts);
  }
  std::string quoted;
  for (char c : text) quoted += c == '`' || c == '\\' ? ' ' : c;
  SourceFile ts("src/db.ts", Language::typescript, "db.query(`" + quoted + "`);\n");
  if (auto tree = SyntaxTree::parse(ts); tree && !nested_deeper_than(tree->root(), kMaxSyntaxDepth)) {
    TableFacts facts;
    extract_table_facts(ts, tree.get(), facts);
  }
  return 0;
}
