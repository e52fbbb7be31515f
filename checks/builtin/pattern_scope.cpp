#include "checks/builtin/pattern_scope.h"

#include <algorithm>
#include <tuple>

#include "checks/engine/check.h"
#include "checks/facts/derived_facts.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::builtin {
namespace {

using engine::Position;

std::set<std::string> string_set(const YAML::Node& n) {
  std::set<std::string> out;
  if (n)
    for (const auto& item : n) out.insert(item.as<std::string>());
  return out;
}

bool before_or_at(const Position& a, const Position& b) { return std::tie(a.line, a.column) <= std::tie(b.line, b.column); }

bool within(const engine::SourceSpan& inner, const Position& begin, const Position& end) {
  return before_or_at(begin, inner.begin) && before_or_at(inner.end, end);
}

bool is_function(std::string_view type) {
  static const std::set<std::string_view> types = {
      "function_declaration", "function_expression", "arrow_function", "method_definition",
      "generator_function_declaration", "generator_function", "function_definition", "method_declaration",
      "func_literal"};
  return types.count(type) > 0;
}

TSNode child(TSNode n, std::string_view field) {
  return ts_node_child_by_field_name(n, field.data(), static_cast<uint32_t>(field.size()));
}

// A function's name: its own, or the variable or property it is assigned to, also
// through a wrapper call (`const createUser = catchAsync(async (req, res) => …)`).
std::string function_name(const engine::SyntaxTree& tree, TSNode fn) {
  TSNode name = child(fn, "name");
  if (!ts_node_is_null(name)) return std::string(tree.text(name));
  TSNode parent = ts_node_parent(fn);
  for (int wrappers = 0; wrappers < 2 && !ts_node_is_null(parent) &&
                         std::string_view(ts_node_type(parent)) == "arguments";
       ++wrappers) {
    TSNode call = ts_node_parent(parent);
    if (ts_node_is_null(call) || std::string_view(ts_node_type(call)) != "call_expression") break;
    parent = ts_node_parent(call);
  }
  if (ts_node_is_null(parent)) return "";
  std::string_view type = ts_node_type(parent);
  TSNode key = type == "variable_declarator"     ? child(parent, "name")
               : type == "pair"                  ? child(parent, "key")
               : type == "assignment_expression" ? child(parent, "left")
                                                 : TSNode{};
  if (ts_node_is_null(key)) return "";
  std::string text(tree.text(key));  // `exports.list`, `this.list`: the last name
  std::size_t dot = text.find_last_of('.');
  return dot == std::string::npos ? text : text.substr(dot + 1);
}

}  // namespace

ServiceScope ServiceScope::parse(const YAML::Node& s) {
  ServiceScope out;
  if (!s) return out;
  out.frameworks = string_set(s["frameworks"]);
  out.languages = string_set(s["languages"]);
  out.kinds = string_set(s["kinds"]);
  out.dependencies = string_set(s["dependencies"]);
  out.names = string_set(s["names"]);
  if (s["owns_tables"]) out.owns_tables = s["owns_tables"].as<bool>();
  return out;
}

bool ServiceScope::empty() const {
  return frameworks.empty() && languages.empty() && kinds.empty() && dependencies.empty() && names.empty() &&
         !owns_tables;
}

bool ServiceScope::admits(const engine::Service* s) const {
  if (empty()) return true;
  if (!s) return false;
  auto any_of = [](const std::set<std::string>& wanted, const std::set<std::string>& has) {
    return wanted.empty() || std::any_of(wanted.begin(), wanted.end(), [&](const auto& w) { return has.count(w) > 0; });
  };
  if (!any_of(frameworks, s->frameworks) || !any_of(dependencies, s->dependencies)) return false;
  if (!languages.empty() && !languages.count(s->language)) return false;
  if (!kinds.empty() && !kinds.count(s->kind())) return false;
  if (!names.empty() && !names.count(s->name) && !names.count(s->path)) return false;
  return true;
}

bool ServiceScope::admits_ownership(const engine::WorkspaceContext& ctx, int index) const {
  if (!owns_tables) return true;
  if (index < 0) return false;
  const auto& tables = ctx.derived.ownership().tables();
  bool owns = std::any_of(tables.begin(), tables.end(), [&](const auto& t) { return t.claimed_by(index); });
  return owns == *owns_tables;
}

std::vector<EnclosingFunction> enclosing_functions(const engine::SyntaxTree& tree, TSNode node) {
  std::vector<EnclosingFunction> out;
  bool class_seen = false;
  for (TSNode n = ts_node_parent(node); !ts_node_is_null(n); n = ts_node_parent(n)) {
    std::string_view type = ts_node_type(n);
    if (!class_seen && (type == "class_definition" || type == "class_declaration")) {
      class_seen = true;
      TSNode name = child(n, "name");
      if (!ts_node_is_null(name)) out.push_back({tree.start(n), tree.end(n), tree.end(n), std::string(tree.text(name)), true});
      continue;
    }
    if (!is_function(type)) continue;
    TSNode whole = n;  // a Python function with its decorators
    TSNode parent = ts_node_parent(n);
    if (!ts_node_is_null(parent) && std::string_view(ts_node_type(parent)) == "decorated_definition") whole = parent;
    TSNode body = child(n, "body");
    EnclosingFunction f;
    f.begin = tree.start(whole);
    // TypeScript puts a method's decorators (`@Get()`) before it in the class body.
    for (TSNode d = ts_node_prev_named_sibling(n); !ts_node_is_null(d) && std::string_view(ts_node_type(d)) == "decorator";
         d = ts_node_prev_named_sibling(d))
      f.begin = tree.start(d);
    f.end = tree.end(whole);
    f.body = ts_node_is_null(body) ? f.end : tree.start(body);
    f.name = function_name(tree, n);
    out.push_back(std::move(f));
  }
  return out;
}

const RouteHandlers::ServiceHandlers& RouteHandlers::of(int index) const {
  auto [it, fresh] = services_.try_emplace(index);
  if (!fresh) return it->second;
  ServiceHandlers& h = it->second;
  for (const auto& route : ctx_.derived.routes(static_cast<std::size_t>(index)).routes()) {
    if (!route.route || !route.file) continue;
    const engine::NameRef& ref = route.route->handler.ref;
    h.spans[route.file->path].push_back(route.route->span);
    if (!ref.member.empty()) h.names.insert(ref.member);
    if (ref.member.empty() && !ref.name.empty()) h.names.insert(ref.name), h.classes.insert(ref.name);
    if (!route.route->view_class.empty()) h.classes.insert(route.route->view_class);
  }
  return h;
}

bool RouteHandlers::any(int index, const std::string& path, const std::vector<EnclosingFunction>& functions) const {
  if (index < 0 || functions.empty()) return false;
  const ServiceHandlers& h = of(index);
  auto spans = h.spans.find(path);
  for (const auto& f : functions) {
    if (f.is_class) {
      if (h.classes.count(f.name)) return true;
      continue;
    }
    if (!f.name.empty() && h.names.count(f.name)) return true;
    if (spans == h.spans.end()) continue;
    for (const engine::SourceSpan& at : spans->second) {
      // Passed inline to the registration, or registered by a decorator in its header
      // (a function that registers routes in its body does not handle them).
      if (within({f.begin, f.end}, at.begin, at.end)) return true;
      if (within(at, f.begin, f.body) && !before_or_at(f.body, at.begin)) return true;
    }
  }
  return false;
}

}  // namespace svc::builtin
