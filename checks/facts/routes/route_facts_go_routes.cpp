// Go route facts: the calls that register routes, mount routers and start servers.
#include <cctype>

#include <re2/re2.h>

#include "checks/facts/routes/route_facts_go.h"

namespace svc::engine {
namespace {

// `Get` (chi, fiber), `GET` (gin, echo), `Any`/`All`: the verb, upper case; "" for others.
std::string verb_of(std::string_view method) {
  static const std::set<std::string_view> verbs = {"get", "post", "put", "patch", "delete", "head", "options",
                                                   "connect", "trace"};
  std::string lower;
  for (char c : method) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (lower == "any" || lower == "all") return "ALL";
  return verbs.count(lower) ? upper(lower) : "";
}

bool is_verb_text(std::string_view s) { return !s.empty() && !verb_of(s).empty() && upper(s) == s; }

// `http.MethodGet` -> GET.
std::string method_constant(std::string_view text) {
  if (text.rfind("http.Method", 0) != 0) return {};
  return upper(text.substr(11));
}

}  // namespace

void GoRouteExtractor::visit_call(TSNode call) {
  TSNode fn = field(call, "function"), args = field(call, "arguments");
  std::string path = member_path(tree_, fn, g_);
  note_server(call, path);
  if (node_type(fn) == g_.member) {
    std::string method = text(field(fn, "field"));
    TSNode operand = field(fn, "operand");
    if (go_subrouter_call(tree_, call, g_)) {
      subrouter(call);
      return;
    }
    std::string receiver;
    if (text(operand) == "http" && is_import("http") && (method == "Handle" || method == "HandleFunc"))
      receiver = add_container("http", "net/http", ContainerKind::app, call);  // the default ServeMux
    else if (!is_import(text(operand)) || node_type(operand) != "identifier")
      receiver = container_of(operand);
    if (!receiver.empty() && (add_mount(call, receiver, method, args) || add_route(call, receiver, method, args)))
      return;
  }
  add_call_mount(call, fn, args);
}

// The router an expression stands for; "" when it is none we know of.
std::string GoRouteExtractor::container_of(TSNode expr) {
  std::string_view type = node_type(expr);
  if (type == "identifier") return scoped_name(expr, text(expr));
  if (type == "parenthesized_expression" && ts_node_named_child_count(expr))
    return container_of(ts_node_named_child(expr, 0));
  if (type == "selector_expression") {  // s.router
    std::string flat = member_path(tree_, expr, g_);
    return package_.count(flat) ? flat : "";
  }
  if (type != "call_expression") return {};
  if (auto it = bound_.find(ts_node_start_byte(expr)); it != bound_.end() && containers_.count(it->second))
    return it->second;
  TSNode fn = field(expr, "function");
  if (node_type(fn) != "selector_expression") return {};
  std::string m = text(field(fn, "field"));
  if (m == "With" || m == "Use") return container_of(field(fn, "operand"));  // chi: r.With(mw).Get(...)
  if (go_subrouter_call(tree_, expr, g_)) return subrouter(expr);
  return {};
}

// `v1 := r.Group("/v1")`, `r.PathPrefix("/api").Subrouter()`: a router mounted on r.
std::string GoRouteExtractor::subrouter(TSNode call) {
  uint32_t start = ts_node_start_byte(call);
  auto bound = bound_.find(start);
  std::string name = bound != bound_.end() ? bound->second : anonymous_name(call);
  if (!done_.insert(start).second) return containers_.count(name) ? name : "";
  TSNode fn = field(call, "function");
  TSNode operand = field(fn, "operand");
  TSNode prefix_node{};
  if (tree_.text(field(fn, "field")) == "Subrouter") {  // X.PathPrefix("/v1").Subrouter()
    if (node_type(operand) != "call_expression") return {};
    TSNode inner = field(operand, "function");
    if (node_type(inner) != "selector_expression" || tree_.text(field(inner, "field")) != "PathPrefix") return {};
    TSNode inner_args = field(operand, "arguments");
    prefix_node = ts_node_named_child_count(inner_args) ? ts_node_named_child(inner_args, 0) : TSNode{};
    operand = field(inner, "operand");
  } else if (tree_.text(field(fn, "field")) == "Group") {
    TSNode args = field(call, "arguments");
    prefix_node = ts_node_named_child_count(args) ? ts_node_named_child(args, 0) : TSNode{};
  }
  std::string parent = container_of(operand);
  if (parent.empty()) return {};
  add_container(name, frameworks_[parent], ContainerKind::router, call);
  auto p = path_arguments(tree_, prefix_node, g_, constants_);
  bool known = ts_node_is_null(prefix_node) || (!p.empty() && !p[0].dynamic);  // r.With(mw): no prefix
  out_.mounts.push_back({{parent, "", ""}, {name, "", ""}, known ? p[0].path : "", false, known, span_of(tree_, call)});
  return name;
}

// chi `r.Route("/v1", func(r chi.Router) {...})`, `r.Group(func(r chi.Router) {...})`,
// `r.Mount("/users", usersRouter())`, fiber `app.Mount`, and a router handed to
// `Handle("/api/", apiMux)`.
bool GoRouteExtractor::add_mount(TSNode call, const std::string& parent, const std::string& method, TSNode args) {
  auto list = named_children(args);
  if (list.empty()) return false;
  TSNode child_node = list.back();
  bool inline_router = method == "Route" || method == "Group";
  if (!inline_router && method != "Mount" && method != "Handle") return false;
  if (inline_router && node_type(child_node) != "func_literal") return false;
  NameRef child;
  if (inline_router) {
    std::string c = param_container(child_node);
    if (c.empty()) return false;
    child = {c, "", ""};
  } else if (TSNode inner = child_node; node_type(inner) == "call_expression" &&
                                       member_path(tree_, field(inner, "function"), g_) == "http.StripPrefix") {
    auto inner_args = named_children(field(inner, "arguments"));
    if (inner_args.size() < 2) return false;
    std::string c = container_of(inner_args[1]);
    if (c.empty()) return false;
    child = {c, "", ""};
  } else if (std::string c = container_of(child_node); !c.empty() && (method == "Mount" || containers_.count(c))) {
    child = {c, "", ""};
  } else if (method == "Mount" && node_type(child_node) == "call_expression") {  // a factory's router
    NameRef factory = callee_ref(field(child_node, "function"));
    if (factory.empty()) return false;
    std::string alias = anonymous_name(child_node);
    out_.aliases.push_back({alias, factory});
    child = {alias, "", ""};
  } else {
    return method == "Mount";  // mounted where facts cannot see: no route either
  }
  std::string prefix;
  bool known = true;
  if (list.size() >= 2) {
    auto p = path_arguments(tree_, list[0], g_, constants_);
    known = !p.empty() && !p[0].dynamic;
    if (known) prefix = p[0].path;
  }
  out_.mounts.push_back({{parent, "", ""}, child, prefix, false, known, span_of(tree_, call)});
  return true;
}

bool GoRouteExtractor::add_route(TSNode call, const std::string& receiver, const std::string& method, TSNode args) {
  auto list = named_children(args);
  std::vector<std::string> verbs;
  std::size_t path_at = 0;
  if (std::string v = verb_of(method); !v.empty()) {
    verbs.push_back(v);
  } else if (method == "Handle" || method == "HandleFunc" || method == "Method" || method == "MethodFunc" ||
             method == "Add") {
    // gin Handle / chi Method / echo, fiber Add take the verb first.
    std::optional<std::string> first;
    if (!list.empty()) first = string_value(tree_, list[0]);
    std::string constant = list.empty() ? "" : method_constant(tree_.text(list[0]));
    if (list.size() >= 3 && ((first && is_verb_text(*first)) || !constant.empty())) {
      verbs.push_back(first ? *first : constant);
      path_at = 1;
    } else if (method == "Handle" || method == "HandleFunc") {
      verbs.push_back("ALL");
    } else {
      return false;
    }
  } else {
    return false;
  }
  if (list.size() < path_at + 2) return false;
  auto paths = path_arguments(tree_, list[path_at], g_, constants_);
  if (paths.empty()) return false;
  // gorilla: r.HandleFunc("/x", h).Methods("GET", http.MethodPost)
  TSNode parent = ts_node_parent(call);
  if (!ts_node_is_null(parent) && node_type(parent) == "selector_expression" &&
      tree_.text(field(parent, "field")) == "Methods" && node_type(ts_node_parent(parent)) == "call_expression") {
    std::vector<std::string> listed;
    for (TSNode a : named_children(field(ts_node_parent(parent), "arguments"))) {
      if (auto s = string_value(tree_, a)) listed.push_back(upper(*s));
      else if (auto c = method_constant(tree_.text(a)); !c.empty()) listed.push_back(c);
    }
    if (!listed.empty()) verbs = listed;
  }
  Handler handler = handler_of(list.back());
  for (auto& p : paths) {
    std::vector<std::string> route_verbs = verbs;
    // Go 1.22 patterns: "GET /v1/orders/{id}", maybe with a host ("GET example.com/x").
    if (auto space = p.path.find(' '); !p.dynamic && space != std::string::npos &&
                                       is_verb_text(p.path.substr(0, space))) {
      route_verbs = {p.path.substr(0, space)};
      p.path = p.path.substr(p.path.find_first_not_of(' ', space));
    }
    auto slash = p.path.find('/');  // net/http host patterns: "api.example.com/x"
    if (!p.dynamic && slash != std::string::npos && slash > 0 && p.path.substr(0, slash).find('.') != std::string::npos)
      p.path = p.path.substr(slash);
    for (const auto& v : route_verbs)
      out_.routes.push_back({{receiver, "", ""}, v, p.path, p.dynamic, {}, handler, span_of(tree_, call)});
  }
  return true;
}

// `registerRoutes(r)`, `handlers.Register(v1)`, `h.Routes(r)`: a function handed a router
// registers on it; the resolver keeps the edge only when the callee is such a plugin.
void GoRouteExtractor::add_call_mount(TSNode call, TSNode fn, TSNode args) {
  NameRef child;
  for (TSNode a : named_children(args)) {
    // `register(r)`, `register(s.router)`, and `register(v1.Group("/users"))`: a group
    // made inline for the function it is handed to.
    std::string_view type = node_type(a);
    if (type != "identifier" && type != "selector_expression" && type != "call_expression") continue;
    std::string parent = container_of(a);
    if (parent.empty() || !containers_.count(parent)) continue;
    if (child.empty()) child = callee_ref(fn);
    if (child.empty() || child.name == parent || child.name == "http") return;
    out_.mounts.push_back({{parent, "", ""}, child, "", false, true, span_of(tree_, call)});
  }
}

// A callee as the resolver finds it: `f`, `pkg.F` through the import, `x.M` as the
// package's method M.
NameRef GoRouteExtractor::callee_ref(TSNode fn) const {
  if (node_type(fn) == "identifier") return {text(fn), "", ""};
  if (node_type(fn) != "selector_expression") return {};
  TSNode operand = field(fn, "operand");
  std::string member = text(field(fn, "field"));
  if (node_type(operand) == "identifier" && is_import(text(operand))) return {text(operand), member, ""};
  return {member, "", ""};
}

// A route's handler: a func literal, a function or method value, maybe wrapped in
// http.HandlerFunc(...), or a call that returns one (`h.health()`, `handlers.Health(db)`).
Handler GoRouteExtractor::handler_of(TSNode node) {
  std::string_view type = node_type(node);
  if (type == "func_literal") return {go_summary(field(node, "body")), {}};
  if (type == "call_expression") {
    TSNode fn = field(node, "function");
    auto args = named_children(field(node, "arguments"));
    std::string path = member_path(tree_, fn, g_);
    if ((path == "http.HandlerFunc" || path == "http.Handler") && args.size() == 1) return handler_of(args[0]);
    return {std::nullopt, callee_ref(fn)};
  }
  if (type == "identifier" || type == "selector_expression") return {std::nullopt, callee_ref(node)};
  return {};
}

// Servers and health services: http.ListenAndServe, &http.Server{}, grpc.NewServer,
// connect handlers; the grpc.health.v1 service and connect's grpchealth.
void GoRouteExtractor::note_server(TSNode node, const std::string& path) {
  static const RE2 connect_handler(R"(^\w+connect\.New\w+Handler$)");
  std::string framework;
  if (path == "http.ListenAndServe" || path == "http.ListenAndServeTLS" || path == "http.Server") framework = "net/http";
  else if (path == "grpc.NewServer") framework = "grpc";
  else if (RE2::FullMatch(path, connect_handler)) framework = "connect";
  if (!framework.empty()) out_.servers.push_back({framework, "", span_of(tree_, node), text(node)});
  bool health = path.ends_with("RegisterHealthServer") || path == "grpchealth.NewHandler" ||
                (path == "health.NewServer" && is_import("grpc_health"));
  if (health) out_.health_library = span_of(tree_, node);
}

}  // namespace svc::engine
