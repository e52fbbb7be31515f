#include "checks/facts/routes/route_facts.h"

#include <algorithm>
#include <tuple>

#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

// Defined per grammar family in route_facts_js.cpp and route_facts_python.cpp.
void extract_js_route_facts(const SyntaxTree& tree, RouteFacts& out);
void extract_python_route_facts(const SyntaxTree& tree, RouteFacts& out);
void extract_go_route_facts(const SyntaxTree& tree, RouteFacts& out);

bool RouteFacts::empty() const {
  return containers.empty() && aliases.empty() && routes.empty() && mounts.empty() && exports.empty() &&
         definitions.empty() && functions.empty() && servers.empty() && !health_library &&
         !(reexports && !imports.empty()) && nest.empty() && next_base_path.empty() && called_paths.empty() && !next_config;
}

namespace {

bool names_something(const RouteFacts& facts, const std::string& name) {
  auto named = [&](const auto& list) {
    return std::any_of(list.begin(), list.end(), [&](const auto& item) { return item.name == name; });
  };
  return named(facts.functions) || named(facts.containers) || named(facts.aliases) || named(facts.definitions) ||
         std::any_of(facts.imports.begin(), facts.imports.end(), [&](const Import& i) { return i.local == name; });
}

// A body that touches a dependency, or calls injected objects, is judged without its
// calls; other calls matter only if they can resolve to a function of the service,
// i.e. name something defined or imported in this file. Dropping the rest keeps
// every file's facts small while they wait for the cross-file checks.
// Go: a name not defined in this file may be a function of a sibling file in the same
// package (the extractor already dropped builtins and calls on values), so it stays.
void compact(BodySummary& body, const RouteFacts& facts, bool package_scope) {
  if (body.touches_dependency || body.opaque_calls) {
    std::vector<NameRef>().swap(body.calls);
    return;
  }
  auto unresolvable = [&](const NameRef& c) {
    return c.module.empty() && !package_scope && !names_something(facts, c.name);
  };
  body.calls.erase(std::remove_if(body.calls.begin(), body.calls.end(), unresolvable), body.calls.end());
  auto key = [](const NameRef& c) { return std::tie(c.name, c.member, c.module); };
  std::sort(body.calls.begin(), body.calls.end(), [&](const NameRef& a, const NameRef& b) { return key(a) < key(b); });
  body.calls.erase(std::unique(body.calls.begin(), body.calls.end(),
                               [&](const NameRef& a, const NameRef& b) { return key(a) == key(b); }),
                   body.calls.end());
  body.calls.shrink_to_fit();
}

}  // namespace

void extract_route_facts(const SyntaxTree& tree, RouteFacts& out) {
  switch (tree.file().language()) {
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
      extract_js_route_facts(tree, out);
      extract_nest_versioning(tree, out.nest);
      break;
    case Language::python: extract_python_route_facts(tree, out); break;
    case Language::go: extract_go_route_facts(tree, out); break;
    default: break;
  }
  bool go = tree.file().language() == Language::go;
  for (auto& f : out.functions) compact(f.body, out, go);
  for (auto& r : out.routes)
    if (r.handler.body) compact(*r.handler.body, out, go);
  out.functions.shrink_to_fit();
  out.routes.shrink_to_fit();
}

}  // namespace svc::engine
