// Route facts of one Python file: FastAPI, Flask (with flask-openapi3) and gRPC servers;
// Django URLconfs in route_facts_django.cpp.
#include <map>
#include <set>
#include <string>
#include <vector>

#include <re2/re2.h>

#include "checks/syntax/query.h"
#include "checks/facts/routes/route_facts.h"
#include "checks/facts/routes/route_facts_django.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

// Every pattern the extractor needs, in one query: the cursor walks the tree once.
// Each pattern has its own root capture, which sorts its matches into a bucket.
constexpr char kPatterns[] = R"q(
(import_from_statement module_name: (_) @module) @from
(import_statement) @import
((call function: (_) @ctor) @create
  (#match? @ctor "^((fastapi|flask|flask_openapi3)\\.)?(FastAPI|APIRouter|Flask|Blueprint|OpenAPI|APIBlueprint|APIView)$)q"
  R"q(|^(grpc\\.)?(aio\\.)?server$"))
(function_definition name: (identifier) @name body: (block) @body) @function
(assignment left: (identifier) @name right: (string) @value) @constant
(assignment left: (identifier) @name right: (call function: [(identifier) (attribute)] @fn)) @factory
(decorated_definition
  (decorator (call function: (attribute object: (_) @receiver attribute: (identifier) @method)
                   arguments: (argument_list) @args)) @decorator
  definition: (function_definition body: (block) @body)
  (#any-of? @method "get" "post" "put" "patch" "delete" "head" "options" "route" "api_route")) @decorated
(decorated_definition
  (decorator (call function: (attribute object: (_) @receiver attribute: (identifier) @method)
                   arguments: (argument_list) @args)) @decorator
  definition: (class_definition body: (block) @body)
  (#eq? @method "route")) @view_class
((call function: (attribute object: (_) @receiver attribute: (identifier) @method)
       arguments: (argument_list) @args) @route
  (#any-of? @method "include_router" "register_blueprint" "register_api" "register_api_view" "add_url_rule"
             "add_api_route" "add_route" "mount"))
(call function: (identifier) @fn arguments: (argument_list (identifier) @arg)) @call_mount
((call function: (_) @fn) @grpc (#match? @fn "(^|\\.)(add_HealthServicer_to_server|HealthServicer)$"))
)q";


class PythonRouteExtractor {
 public:
  PythonRouteExtractor(const SyntaxTree& tree, RouteFacts& out)
      : tree_(tree), out_(out), g_(python_route_grammar()), summaries_(tree, g_) {}

  void run() {
    static const Query query(Language::python, kPatterns);  // compiled once, shared read-only
    auto by_root = matches_by_root(query, tree_,
                                   {"from", "import", "constant", "create", "function", "factory", "decorated",
                                    "view_class", "route", "call_mount", "grpc"});
    // Order matters: names known locally decide which receivers and factories count.
    for (const QueryMatch& m : by_root["constant"])
      if (auto value = string_value(tree_, m["value"])) constants_[text(m["name"])] = *value;
    collect_imports(by_root["from"], by_root["import"]);
    collect_creations(by_root["create"]);
    collect_functions(by_root["function"]);
    collect_factories(by_root["factory"]);
    collect_decorated_routes(by_root["decorated"]);
    collect_view_classes(by_root["view_class"]);
    collect_route_calls(by_root["route"]);
    collect_call_mounts(by_root["call_mount"]);
    for (const QueryMatch& m : by_root["grpc"]) out_.health_library = span_of(tree_, m["grpc"]);
  }

 private:
  std::string text(TSNode n) const { return std::string(tree_.text(n)); }

  // Positional argument `index` or keyword `name` of an argument list.
  TSNode argument(TSNode args, std::size_t index, std::string_view name) const {
    return python_argument(tree_, args, index, name);
  }

  void collect_imports(const std::vector<QueryMatch>& from_imports, const std::vector<QueryMatch>& imports) {
    for (const QueryMatch& m : imports)  // import a.b.c as name
      for (TSNode n : named_children(m["import"])) {
        if (tree_.text(n).rfind("flask_openapi3", 0) == 0) openapi3_ = true;
        if (node_type(n) == "aliased_import")
          add_import(text(field(n, "alias")), text(field(n, "name")), "", ImportKind::namespace_object, n);
      }
    for (const QueryMatch& m : from_imports) {
      std::string module = text(m["module"]);
      for (TSNode n : named_children(m["from"])) {
        if (ts_node_eq(n, m["module"])) continue;
        if (node_type(n) == "dotted_name") add_import(text(n), module, text(n), ImportKind::python_from, n);
        if (node_type(n) == "aliased_import")
          add_import(text(field(n, "alias")), module, text(field(n, "name")), ImportKind::python_from, n);
      }
    }
  }

  void add_import(std::string local, std::string module, std::string imported, ImportKind kind, TSNode at) {
    if (module.rfind("grpc_health", 0) == 0) out_.health_library = span_of(tree_, at);
    if (module == "flask_openapi3" || module.rfind("flask_openapi3.", 0) == 0) openapi3_ = true;
    imports_.insert(local);
    out_.imports.push_back({std::move(local), std::move(module), std::move(imported), kind});
  }

  void collect_creations(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      std::string ctor = text(m["ctor"]);
      std::string base = ctor.substr(ctor.rfind('.') + 1);
      TSNode create = m["create"];
      if (base == "server") {
        out_.servers.push_back({"grpc", "", span_of(tree_, create), text(create)});
        continue;
      }
      // flask-openapi3's Flask subclasses: OpenAPI (the app), APIBlueprint and APIView.
      bool openapi3 = base == "OpenAPI" || base == "APIBlueprint" || base == "APIView";
      if (openapi3 && !openapi3_ && ctor.rfind("flask_openapi3.", 0) != 0) continue;
      bool fastapi = base == "FastAPI" || base == "APIRouter";
      bool app = base == "FastAPI" || base == "Flask" || base == "OpenAPI";
      TSNode args = field(create, "arguments");
      auto prefix = string_value(tree_, argument(args, kKeywordOnly, fastapi ? "prefix" : "url_prefix"));
      TSNode parent = ts_node_parent(create);
      std::string name = !ts_node_is_null(parent) && node_type(parent) == "assignment" &&
                                 node_type(field(parent, "left")) == "identifier"
                             ? text(field(parent, "left"))
                             : anonymous_name(create);
      containers_.insert(name);
      creations_[ts_node_start_byte(create)] = name;
      out_.containers.push_back({name, fastapi ? "fastapi" : "flask", app ? ContainerKind::app : ContainerKind::router,
                                 prefix.value_or(""), false, span_of(tree_, create)});
      if (app) out_.servers.push_back({fastapi ? "fastapi" : "flask", name, span_of(tree_, create), text(create)});
    }
  }

  void collect_functions(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      TSNode body = m["body"];
      FunctionFacts f{text(m["name"]), summaries_.of(body), ""};
      auto it = creations_.lower_bound(ts_node_start_byte(body));
      if (it != creations_.end() && it->first < ts_node_end_byte(body)) f.returns_container = it->second;
      functions_.insert(f.name);
      out_.functions.push_back(std::move(f));
    }
  }

  // `app = create_app()` stands for what our factory returns.
  void collect_factories(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      std::string name = text(m["name"]);
      NameRef factory = name_ref(tree_, m["fn"], g_);
      if (factory.empty() || containers_.count(name) || aliases_.count(name)) continue;
      if (!functions_.count(factory.name) && !imports_.count(factory.name)) continue;
      aliases_.insert(name);
      out_.aliases.push_back({name, factory});
    }
  }

  void collect_decorated_routes(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      NameRef receiver = name_ref(tree_, m["receiver"], g_);
      if (receiver.empty() || !accept_receiver(m["decorator"], receiver)) continue;
      std::string method = text(m["method"]);
      TSNode args = m["args"];
      TSNode path = argument(args, 0, "path");
      if (ts_node_is_null(path)) path = argument(args, 0, "rule");
      Handler handler{summaries_.of(m["body"]), {}};
      for (const auto& p : path_arguments(tree_, path, g_, constants_))
        for (const auto& verb : methods(method, args))
          out_.routes.push_back({receiver, verb, p.path, p.dynamic, {}, handler, span_of(tree_, m["decorator"])});
    }
  }

  // flask-openapi3 APIView: `@view.route("/items/<id>")` on a class whose methods
  // (`def get(self, ...)`) are the verbs served at that path.
  void collect_view_classes(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      NameRef receiver = name_ref(tree_, m["receiver"], g_);
      if (receiver.empty() || !accept_receiver(m["decorator"], receiver)) continue;
      auto paths = path_arguments(tree_, argument(m["args"], 0, "rule"), g_, constants_);
      for (TSNode member : named_children(m["body"])) {
        TSNode fn = node_type(member) == "decorated_definition" ? field(member, "definition") : member;
        if (ts_node_is_null(fn) || node_type(fn) != "function_definition") continue;
        std::string verb = text(field(fn, "name"));
        if (!is_http_method(verb) || verb == "all") continue;
        Handler handler{summaries_.of(field(fn, "body")), {}};
        for (const auto& p : paths)
          out_.routes.push_back(
              {receiver, upper(verb), p.path, p.dynamic, {}, handler, span_of(tree_, m["decorator"])});
      }
    }
  }

  std::vector<std::string> methods(const std::string& method, TSNode args) const {
    if (method != "route" && method != "api_route" && method != "add_url_rule" && method != "add_api_route" &&
        method != "add_route")
      return {upper(method)};
    std::vector<std::string> out;
    for (const auto& v : literal_strings(tree_, argument(args, kKeywordOnly, "methods"), g_)) out.push_back(upper(v));
    if (out.empty()) out.push_back("GET");
    return out;
  }

  void collect_route_calls(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      NameRef receiver = name_ref(tree_, m["receiver"], g_);
      if (receiver.empty() || !accept_receiver(m["route"], receiver)) continue;
      std::string method = text(m["method"]);
      TSNode args = m["args"], call = m["route"];
      if (method == "add_url_rule" || method == "add_api_route" || method == "add_route") {  // ('/x', 'name', view)
        bool flask = method == "add_url_rule";
        TSNode view = flask ? argument(args, 2, "view_func") : argument(args, 1, "endpoint");
        Handler handler{std::nullopt, name_ref(tree_, view, g_)};
        for (const auto& p : path_arguments(tree_, argument(args, 0, flask ? "rule" : "path"), g_, constants_))
          for (const auto& verb : methods(method, args))
            out_.routes.push_back({receiver, verb, p.path, p.dynamic, {}, handler, span_of(tree_, call)});
        continue;
      }
      bool is_mount = method == "mount";  // app.mount('/v1', sub_app)
      NameRef child = name_ref(tree_, argument(args, is_mount ? 1 : 0, is_mount ? "app" : ""), g_);
      if (auto it = creations_.find(ts_node_start_byte(argument(args, is_mount ? 1 : 0, ""))); it != creations_.end())
        child = {it->second, "", ""};
      if (child.empty()) continue;
      TSNode prefix = is_mount ? argument(args, 0, "path")
                               : argument(args, kKeywordOnly, method == "include_router" ? "prefix" : "url_prefix");
      auto p = path_arguments(tree_, prefix, g_, constants_);
      bool given = !p.empty();
      bool flask = method == "register_blueprint" || method == "register_api" || method == "register_api_view";
      out_.mounts.push_back({receiver, child, given ? p[0].path : "", flask && given, !given || !p[0].dynamic,
                             span_of(tree_, call)});
    }
  }

  // `register_routes(app)`, `init_app(app)`: a function handed an app registers on it.
  void collect_call_mounts(const std::vector<QueryMatch>& matches) {
    for (const QueryMatch& m : matches) {
      std::string arg = text(m["arg"]), fn = text(m["fn"]);
      bool container = containers_.count(arg) || aliases_.count(arg);
      if (container && fn != arg && !creations_.count(ts_node_start_byte(m["call_mount"])))
        out_.mounts.push_back({{arg, "", ""}, {fn, "", ""}, "", false, true, span_of(tree_, m["call_mount"])});
    }
  }

  // Routes count only on a local app/router, an import, a factory result, or the
  // parameter of a function (which then becomes a plugin, e.g. `def register(app):`).
  bool accept_receiver(TSNode at, NameRef& ref) {
    if (!ref.member.empty()) return imports_.count(ref.name) > 0;
    for (TSNode fn = enclosing_function(at, g_); !ts_node_is_null(fn); fn = enclosing_function(fn, g_)) {
      TSNode param = parameter_named(fn, ref.name);
      if (ts_node_is_null(param)) continue;
      if (node_type(fn) != "function_definition") return false;
      ref.name = text(field(fn, "name"));
      if (containers_.insert(ref.name).second) {
        static const RE2 framework_type(R"(\b(FastAPI|APIRouter|Flask|Blueprint|OpenAPI|APIBlueprint|APIView)\b)");
        TSNode type = field(param, "type");
        bool typed = !ts_node_is_null(type) && RE2::PartialMatch(text(type), framework_type);
        out_.containers.push_back({ref.name, "", ContainerKind::plugin, "", typed, span_of(tree_, fn)});
      }
      return true;
    }
    return containers_.count(ref.name) || imports_.count(ref.name) || aliases_.count(ref.name);
  }

  TSNode parameter_named(TSNode fn, std::string_view name) const {
    for (TSNode p : named_children(field(fn, "parameters"))) {
      std::string_view type = node_type(p);
      TSNode id = type == "identifier" ? p
                  : type == "typed_parameter" && ts_node_named_child_count(p) ? ts_node_named_child(p, 0)
                                                                               : field(p, "name");
      if (!ts_node_is_null(id) && tree_.text(id) == name) return p;
    }
    return TSNode{};
  }

  const SyntaxTree& tree_;
  RouteFacts& out_;
  const RouteGrammar& g_;
  BodySummaries summaries_;
  StringConstants constants_;
  std::set<std::string> containers_, imports_, functions_, aliases_;
  bool openapi3_ = false;  // the file imports flask_openapi3: OpenAPI() is its app, not a schema model
  std::map<uint32_t, std::string> creations_;  // start byte of FastAPI()/Blueprint(...) -> container
};

}  // namespace

void extract_python_route_facts(const SyntaxTree& tree, RouteFacts& out) {
  PythonRouteExtractor(tree, out).run();
  extract_django_route_facts(tree, out);
  const std::string& path = tree.file().path();
  out.reexports = path == "__init__.py" || (path.size() > 12 && path.compare(path.size() - 12, 12, "/__init__.py") == 0);
}

}  // namespace svc::engine
