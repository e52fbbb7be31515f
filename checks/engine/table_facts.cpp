#include "checks/engine/table_facts.h"

namespace svc::engine {

bool wants_table_facts(const SourceFile&) { return false; }
void extract_table_facts(const SourceFile&, const SyntaxTree*, TableFacts&) {}

}  // namespace svc::engine
