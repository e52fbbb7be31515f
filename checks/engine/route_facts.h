#pragma once
#include <string>
#include <vector>

#include "checks/engine/source_file.h"

namespace svc::engine {

class SyntaxTree;

// HTTP routes and how routers are mounted, as written in one file.
struct RouteFacts {
  bool empty() const { return true; }
};

void extract_route_facts(const SyntaxTree& tree, RouteFacts& out);

}  // namespace svc::engine
