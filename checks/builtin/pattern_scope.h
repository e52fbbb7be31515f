#pragma once
// What makes a pattern rule service-aware (docs/guide/custom-rules.md): `services:` limits
// it to services of some frameworks, languages, kinds or dependencies, or to those that
// own a table; a pattern's `in_route_handler:` to code that serves (or does not serve) a
// route. Both read what svc already knows of the workspace, which no file alone tells.
#include <map>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <tree_sitter/api.h>
#include <yaml-cpp/yaml.h>

#include "checks/core/json_codec.h"
#include "checks/core/source_file.h"
#include "checks/workspace/services.h"

namespace svc::engine {
class SyntaxTree;
struct WorkspaceContext;
}  // namespace svc::engine

namespace svc::builtin {

struct ServiceScope {
  std::set<std::string> frameworks, languages, kinds, dependencies, names;
  std::optional<bool> owns_tables;

  static ServiceScope parse(const YAML::Node& services);
  bool empty() const;
  // What the service itself says (owns_tables waits for the workspace). A file outside
  // every service never matches a scoped rule.
  bool admits(const engine::Service* service) const;
  // Whether service `index` owns a table, when owns_tables asks.
  bool admits_ownership(const engine::WorkspaceContext& ctx, int index) const;
};

// A function around a match: all of it (decorators included), and where its body starts.
struct EnclosingFunction {
  engine::Position begin, end, body;
  std::string name;
  bool is_class = false;  // the innermost class around the match (its methods may serve routes)
};
SVC_JSON_FIELDS(EnclosingFunction, begin, end, body, name, is_class)

// The functions around `node`, innermost first, and the innermost class.
std::vector<EnclosingFunction> enclosing_functions(const engine::SyntaxTree& tree, TSNode node);

// The route handlers of the workspace, found from its route facts: a function passed to a
// route's registration (inline), decorated with it (`@app.get`, `@Get()`), or named as its
// handler; or a method of a class a route serves (Django `OrderView.as_view()`, a DRF
// viewset). One per check_workspace; a service's routes are indexed when first asked about.
class RouteHandlers {
 public:
  explicit RouteHandlers(const engine::WorkspaceContext& ctx) : ctx_(ctx) {}
  // Whether one of `functions` (in file `path` of service `index`) handles a route.
  bool any(int index, const std::string& path, const std::vector<EnclosingFunction>& functions) const;

 private:
  struct ServiceHandlers {
    std::map<std::string, std::vector<engine::SourceSpan>> spans;  // registrations, by file
    std::set<std::string> names;    // functions routes name as their handler
    std::set<std::string> classes;  // classes whose methods serve a route
  };
  const ServiceHandlers& of(int index) const;

  const engine::WorkspaceContext& ctx_;
  mutable std::map<int, ServiceHandlers> services_;
};

}  // namespace svc::builtin
