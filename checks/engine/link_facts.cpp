#include "checks/engine/link_facts.h"

namespace svc::engine {

bool wants_link_facts(const SourceFile&) { return false; }
void extract_link_facts(const SourceFile&, const SyntaxTree*, LinkFacts&) {}

}  // namespace svc::engine
