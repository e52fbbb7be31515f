#include "checks/engine/route_facts.h"

namespace svc::engine {

void extract_route_facts(const SyntaxTree&, RouteFacts&) {}

}  // namespace svc::engine
