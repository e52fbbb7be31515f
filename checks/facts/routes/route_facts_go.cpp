// Go route facts: declarations (imports, constants, functions) and the scopes that tell
// which variable holds a router. The calls themselves are read in route_facts_go_routes.cpp.
#include "checks/facts/routes/route_facts_go.h"

#include <re2/re2.h>

namespace svc::engine {
namespace {

// Router constructors, by `package.Func` as written with the packages' usual names.
const std::map<std::string, std::string, std::less<>>& constructors() {
  static const std::map<std::string, std::string, std::less<>> table = {
      {"http.NewServeMux", "net/http"}, {"chi.NewRouter", "chi"}, {"chi.NewMux", "chi"},
      {"gin.Default", "gin"},           {"gin.New", "gin"},       {"echo.New", "echo"},
      {"fiber.New", "fiber"},           {"mux.NewRouter", "gorilla"}};
  return table;
}

bool is_builtin(std::string_view name) {
  static const std::set<std::string_view> builtins = {
      "len", "cap", "make", "new", "append", "copy", "delete", "panic", "recover", "print", "println", "close",
      "min", "max", "clear", "string", "int", "int64", "int32", "uint", "uint64", "float64", "byte", "rune", "bool",
      "error", "complex", "real", "imag"};
  return builtins.count(name) > 0;
}

// The package name an import path binds by default: its last element, less a /vN suffix.
std::string package_name(std::string path) {
  static const RE2 major(R"(/v\d+$)");
  RE2::Replace(&path, major, "");
  std::string last = path.substr(path.rfind('/') == std::string::npos ? 0 : path.rfind('/') + 1);
  static const RE2 gopkg(R"(\.v\d+$)");  // gopkg.in/yaml.v3
  RE2::Replace(&last, gopkg, "");
  for (const char* p : {"go-", "go."})
    if (last.rfind(p, 0) == 0 && last.size() > 3) last = last.substr(3);
  return last;
}

}  // namespace

// Calls whose value is a router hanging under another one.
bool go_subrouter_call(const SyntaxTree& tree, TSNode call, const RouteGrammar& g) {
  TSNode fn = field(call, "function");
  if (node_type(fn) != g.member) return false;
  std::string_view m = tree.text(field(fn, "field"));
  TSNode args = field(call, "arguments");
  TSNode first = ts_node_named_child_count(args) ? ts_node_named_child(args, 0) : TSNode{};
  if (m == "Group") return !ts_node_is_null(first) && node_type(first) != "func_literal";
  return m == "Subrouter" || m == "With";
}

void GoRouteExtractor::run() {
  std::vector<TSNode> calls, functions;
  for_each_node(tree_.root(), [&](TSNode n) {
    std::string_view type = node_type(n);
    if (type == "import_spec") collect_imports(n);
    else if (type == "const_spec" || type == "var_spec") collect_constant(n);
    else if (type == "call_expression") calls.push_back(n);
    else if (type == "function_declaration" || type == "method_declaration") functions.push_back(n);
    if (type == "function_declaration" || type == "method_declaration" || type == "func_literal")
      scopes_.push_back(n);
    else if (type == "composite_literal" && !ts_node_is_null(field(n, "type")) &&
             tree_.text(field(n, "type")) == "http.Server")
      note_server(n, "http.Server");
  });
  for (TSNode c : calls) collect_binding(c);  // first: routers may be used before the walk meets them
  for (TSNode c : calls) visit_call(c);
  for (TSNode f : functions) collect_function(f);
}

void GoRouteExtractor::collect_imports(TSNode spec) {
  auto path = string_value(tree_, field(spec, "path"));
  if (!path) return;
  TSNode alias = field(spec, "name");
  std::string local = ts_node_is_null(alias) ? package_name(*path) : text(alias);
  if (local == "_" || local == ".") return;
  if (path->find("grpc/health") != std::string::npos && local == "health") imports_.insert("grpc_health");
  imports_.insert(local);
  out_.imports.push_back({local, *path, "", ImportKind::namespace_object});
}

// `const healthPath = "/health"`: string constants, wherever declared.
void GoRouteExtractor::collect_constant(TSNode spec) {
  TSNode value = field(spec, "value");
  if (ts_node_is_null(value) || ts_node_named_child_count(value) != 1) return;
  auto s = string_value(tree_, ts_node_named_child(value, 0));
  TSNode name = field(spec, "name");
  if (s && !ts_node_is_null(name)) constants_[text(name)] = *s;
}

// `r := chi.NewRouter()`, `v1 := r.Group("/v1")`, `s.router = mux.NewRouter()`.
void GoRouteExtractor::collect_binding(TSNode call) {
  std::string path = member_path(tree_, field(call, "function"), g_);
  auto ctor = constructors().find(path);
  bool sub = go_subrouter_call(tree_, call, g_);
  if (ctor == constructors().end() && !sub) return;
  std::string name = binding_name(call);
  if (ctor != constructors().end()) {
    if (name.empty()) name = anonymous_name(call);
    add_container(name, ctor->second, ContainerKind::app, call);
    bound_[ts_node_start_byte(call)] = name;
    out_.servers.push_back({ctor->second, name, span_of(tree_, call), text(call)});
  } else if (!name.empty()) {
    bound_[ts_node_start_byte(call)] = name;
  }
}

// The variable (or struct field) the call's value goes to, named for its scope.
std::string GoRouteExtractor::binding_name(TSNode call) {
  TSNode list = ts_node_parent(call);
  if (ts_node_is_null(list) || node_type(list) != "expression_list") return {};
  TSNode decl = ts_node_parent(list);
  std::string_view type = node_type(decl);
  std::size_t index = 0;
  for (TSNode c : named_children(list)) {
    if (ts_node_eq(c, call)) break;
    ++index;
  }
  std::vector<TSNode> names;
  if (type == "short_var_declaration" || type == "assignment_statement") names = named_children(field(decl, "left"));
  else if (type == "var_spec")
    for (TSNode c : named_children(decl))
      if (node_type(c) == "identifier") names.push_back(c);
  if (index >= names.size()) return {};
  TSNode target = names[index];
  if (node_type(target) == "selector_expression") {  // s.router = ...: a field, shared by the type's methods
    std::string flat = member_path(tree_, target, g_);
    if (!flat.empty()) package_.insert(flat);
    return flat;
  }
  if (node_type(target) != "identifier") return {};
  std::string name = text(target);
  if (name == "_") return {};
  TSNode fn = enclosing(call);
  if (ts_node_is_null(fn)) {
    package_.insert(name);
    return name;
  }
  locals_.insert({ts_node_start_byte(fn), name});
  return name + "@" + std::to_string(ts_node_start_byte(fn));
}

// The innermost function around `node` (never `node` itself), from the spans gathered
// in run(): ts_node_parent walks down from the root on every call, and this is asked
// for every call of the file.
TSNode GoRouteExtractor::enclosing(TSNode node) const {
  uint32_t begin = ts_node_start_byte(node), end = ts_node_end_byte(node);
  TSNode best{};
  for (TSNode fn : scopes_) {
    uint32_t fb = ts_node_start_byte(fn), fe = ts_node_end_byte(fn);
    if (fb > begin || fe < end || ts_node_eq(fn, node)) continue;
    if (ts_node_is_null(best) || ts_node_start_byte(best) < fb ||
        (ts_node_start_byte(best) == fb && ts_node_end_byte(best) > fe))
      best = fn;
  }
  return best;
}

void GoRouteExtractor::collect_function(TSNode fn) {
  TSNode body = field(fn, "body");
  TSNode name = field(fn, "name");
  if (ts_node_is_null(body) || ts_node_is_null(name)) return;
  FunctionFacts f{text(name), go_summary(body), ""};
  // A factory: the first router created in its body (`func routes() chi.Router`).
  for (const auto& [start, container] : bound_)
    if (start >= ts_node_start_byte(body) && start < ts_node_end_byte(body) &&
        container.find('@') != std::string::npos) {
      f.returns_container = container;
      break;
    }
  out_.functions.push_back(std::move(f));
}

// A body's calls as the resolver can follow them: `helper()` and `pkg.Func()` as
// written, `h.check()` on the method's receiver as the method `check` of the package;
// calls on other values (`w.Write`, `c.JSON`) and builtins are no function of ours.
BodySummary GoRouteExtractor::go_summary(TSNode body) {
  BodySummary s = summaries_.of(body);
  std::string receiver;
  for (TSNode fn = enclosing(body); !ts_node_is_null(fn); fn = enclosing(fn)) {
    if (node_type(fn) != "method_declaration") continue;
    for (TSNode p : named_children(field(fn, "receiver")))
      for (TSNode n : named_children(p))
        if (node_type(n) == "identifier") receiver = text(n);
    break;
  }
  std::vector<NameRef> calls;
  for (auto& c : s.calls) {
    if (c.member.empty() && !is_builtin(c.name)) calls.push_back(c);
    else if (!c.member.empty() && is_import(c.name)) calls.push_back(c);
    else if (!c.member.empty() && c.name == receiver) calls.push_back({c.member, "", ""});
  }
  s.calls = std::move(calls);
  return s;
}

std::string GoRouteExtractor::add_container(const std::string& name, const std::string& framework,
                                            ContainerKind kind, TSNode at, bool typed) {
  if (containers_.insert(name).second) {
    out_.containers.push_back({name, framework, kind, "", typed, span_of(tree_, at)});
    frameworks_[name] = framework;
  }
  return name;
}

// Which router a name used at `at` holds: a local of an enclosing function, a router
// parameter, or a package-level router (maybe declared in a sibling file: kept as is).
std::string GoRouteExtractor::scoped_name(TSNode at, const std::string& name) {
  for (TSNode fn = enclosing(at); !ts_node_is_null(fn); fn = enclosing(fn)) {
    uint32_t start = ts_node_start_byte(fn);
    if (locals_.count({start, name})) return name + "@" + std::to_string(start);
    for (TSNode p : named_children(field(fn, "parameters")))
      for (TSNode n : named_children(p))
        if (node_type(n) == "identifier" && tree_.text(n) == name) return param_container(fn);
  }
  if (package_.count(name) || (!is_import(name) && name != "http")) return name;
  return {};
}

// A function taking a router (`func register(r chi.Router)`, `func(g *echo.Group)`)
// registers routes on whatever it is handed: a plugin, or the router of chi's
// `r.Route("/v1", func(r chi.Router) {...})`. The parameter's type must say so.
std::string GoRouteExtractor::param_container(TSNode fn) {
  static const RE2 router_type(
      R"(\*?(chi\.(Router|Mux)|gin\.(Engine|RouterGroup|IRouter|IRoutes)|echo\.(Echo|Group)|fiber\.(App|Router)|)"
      R"(mux\.Router|http\.ServeMux))");  // the whole type: `func(r chi.Router) http.Handler` takes no router
  std::string framework;
  for (TSNode p : named_children(field(fn, "parameters"))) {
    TSNode type_node = field(p, "type");
    std::string type = ts_node_is_null(type_node) ? "" : text(type_node);
    if (RE2::FullMatch(type, router_type)) {
      framework = type.substr(type.find_first_not_of("*"), type.find('.') - type.find_first_not_of("*"));
      break;
    }
  }
  if (framework.empty()) return {};
  if (framework == "mux") framework = "gorilla";
  if (framework == "http") framework = "net/http";
  if (node_type(fn) == "func_literal") return add_container(anonymous_name(fn), framework, ContainerKind::router, fn);
  return add_container(text(field(fn, "name")), framework, ContainerKind::plugin, fn, true);
}

}  // namespace svc::engine

namespace svc::engine {

void extract_go_route_facts(const SyntaxTree& tree, RouteFacts& out) { GoRouteExtractor(tree, out).run(); }

}  // namespace svc::engine
