#pragma once
#include <string>
#include <vector>

#include "checks/engine/source_file.h"

namespace svc::engine {

class SyntaxTree;

// How one file connects services to the outside: database URLs (compose, .env,
// Kubernetes, config code), queues produced and consumed, HTTP calls to other services.
struct LinkFacts {
  bool empty() const { return true; }
};

bool wants_link_facts(const SourceFile& file);
void extract_link_facts(const SourceFile& file, const SyntaxTree* tree, LinkFacts& out);

}  // namespace svc::engine
