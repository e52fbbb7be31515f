#include "checks/engine/fact_kinds.h"

#include "checks/engine/route_facts.h"
#include "checks/engine/route_resolver.h"
#include "checks/engine/syntax_tree.h"

namespace svc::engine {
namespace {

// Routes matter only where requests are served; tests define throwaway apps.
bool wants_routes(const SourceFile& file, const Service* service) {
  return is_code(file.language()) && service && service->is_http() && !is_test_path(file.path());
}

void extract_routes(const SourceFile&, const SyntaxTree* tree, FileFacts& out) {
  if (tree) extract_route_facts(*tree, out.routes);
}

}  // namespace

const std::vector<FactKind>& fact_kinds() {
  static const std::vector<FactKind> kinds = {
      {"routes", &wants_routes, &extract_routes},
  };
  return kinds;
}

const FactKind* find_fact_kind(std::string_view name) {
  for (const auto& k : fact_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

}  // namespace svc::engine
