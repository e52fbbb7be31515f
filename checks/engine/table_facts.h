#pragma once
#include <string>
#include <vector>

#include "checks/engine/source_file.h"

namespace svc::engine {

class SyntaxTree;

// Tables one file defines (ORM models, migrations, schema files) and touches
// (SQL text, query builders, ORM symbols imported from elsewhere).
struct TableFacts {
  bool empty() const { return true; }
};

bool wants_table_facts(const SourceFile& file);
void extract_table_facts(const SourceFile& file, const SyntaxTree* tree, TableFacts& out);

}  // namespace svc::engine
