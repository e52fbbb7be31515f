// NestJS versioning facts: setGlobalPrefix, enableVersioning, @Version and
// @Controller({ version }), read so route paths can be completed later.
#include "checks/facts/routes/route_facts_versioning.h"

#include "checks/facts/routes/route_facts_js.h"

namespace svc::engine {
namespace {

constexpr char kPatterns[] = R"q(
(call_expression
  function: (member_expression property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "setGlobalPrefix" "enableVersioning")) @setting
(decorator (call_expression function: (identifier) @name arguments: (arguments) @args)
  (#any-of? @name "Version" "Controller")) @decorator
)q";

NestVersions versions_of(const SyntaxTree& tree, TSNode node) {
  NestVersions out;
  if (ts_node_is_null(node)) return out;
  auto one = [&](TSNode n) {
    if (auto s = string_value(tree, n)) out.push_back(*s);
    else if (tree.text(n) == "VERSION_NEUTRAL") out.push_back("");
    else out.push_back("{" + std::string(tree.text(n)) + "}");
  };
  if (node_type(node) != "array") {
    one(node);
    return out;
  }
  for (TSNode n : named_children(node))
    if (node_type(n) != "comment") one(n);
  return out;
}

// `setGlobalPrefix('api', { exclude: ['health', { path: 'metrics', method: ... }] })`
void read_global_prefix(const SyntaxTree& tree, const std::vector<TSNode>& argv, NestAppPaths& app) {
  auto prefix = string_value(tree, argv[0]);
  if (!prefix) app.known = false;
  app.global_prefix = prefix.value_or("");
  TSNode exclude = argv.size() > 1 ? object_value(tree, argv[1], "exclude") : TSNode{};
  if (ts_node_is_null(exclude) || node_type(exclude) != "array") return;
  for (TSNode e : named_children(exclude)) {
    TSNode path = node_type(e) == "object" ? object_value(tree, e, "path") : e;
    if (auto s = string_value(tree, path)) app.exclude.push_back(*s);
  }
}

// `enableVersioning()` defaults to URI versioning; HEADER, MEDIA_TYPE and CUSTOM keep
// the version out of the path.
void read_versioning(const SyntaxTree& tree, const std::vector<TSNode>& argv, NestAppPaths& app) {
  app.versioning = true;
  TSNode options = argv.empty() ? TSNode{} : argv[0];
  if (!ts_node_is_null(options) && node_type(options) != "object") {
    app.known = false;
    return;
  }
  TSNode type = ts_node_is_null(options) ? TSNode{} : object_value(tree, options, "type");
  std::string type_text = ts_node_is_null(type) ? "URI" : std::string(tree.text(type));
  bool other = type_text.find("HEADER") != std::string::npos || type_text.find("MEDIA_TYPE") != std::string::npos ||
               type_text.find("CUSTOM") != std::string::npos;
  app.uri_versioning = type_text.find("URI") != std::string::npos;
  if (!app.uri_versioning && !other) app.known = false;
  if (ts_node_is_null(options)) return;
  app.default_versions = versions_of(tree, object_value(tree, options, "defaultVersion"));
  TSNode prefix = object_value(tree, options, "prefix");
  if (ts_node_is_null(prefix)) return;
  if (auto s = string_value(tree, prefix)) app.version_prefix = *s;
  else if (tree.text(prefix) == "false") app.version_prefix = "";
  else app.known = false;
}

// The class a `@Controller(...)` decorates, whether or not it is exported.
std::string decorated_class(const SyntaxTree& tree, TSNode decorator) {
  TSNode parent = ts_node_parent(decorator);
  if (!ts_node_is_null(parent) && node_type(parent) == "export_statement") parent = field(parent, "declaration");
  TSNode name = ts_node_is_null(parent) ? TSNode{} : field(parent, "name");
  return ts_node_is_null(name) ? std::string() : std::string(tree.text(name));
}

// The method a `@Version(...)` belongs to, with all its decorators. TypeScript puts a
// method's decorators before it in the class body, JavaScript inside the method.
std::optional<NestVersionedMethod> versioned_method(const SyntaxTree& tree, TSNode decorator) {
  TSNode parent = ts_node_parent(decorator);
  if (ts_node_is_null(parent)) return std::nullopt;
  if (node_type(parent) == "method_definition") return NestVersionedMethod{tree.start(parent), tree.end(parent), {}};
  if (node_type(parent) != "class_body") return std::nullopt;
  TSNode first{};  // the first decorator of the current run
  bool found = false;
  for (TSNode n : named_children(parent)) {
    std::string_view type = node_type(n);
    if (type == "comment") continue;
    if (type == "decorator") {
      if (ts_node_is_null(first)) first = n;
      found = found || ts_node_eq(n, decorator);
      continue;
    }
    if (found && type == "method_definition") return NestVersionedMethod{tree.start(first), tree.end(n), {}};
    first = TSNode{};
    found = false;
  }
  return std::nullopt;
}

bool mentions_nest_paths(std::string_view text) {
  return text.find("ersion") != std::string_view::npos || text.find("setGlobalPrefix") != std::string_view::npos;
}

}  // namespace

void extract_nest_versioning(const SyntaxTree& tree, NestVersioning& out) {
  std::string_view text = tree.file().text();
  out.router_module = text.find("RouterModule.register") != std::string_view::npos ||
                      text.find("RouterModule.forRoutes") != std::string_view::npos;
  if (!mentions_nest_paths(text)) return;
  auto by_root = matches_by_root(js_query<kPatterns>(tree.file().language()), tree, {"setting", "decorator"});
  for (const QueryMatch& m : by_root["setting"]) {
    auto argv = call_arguments(m["args"]);
    std::string_view method = tree.text(m["method"]);
    if (method == "setGlobalPrefix" && argv.empty()) continue;
    NestAppPaths& app = out.app ? *out.app : out.app.emplace();
    if (method == "setGlobalPrefix") read_global_prefix(tree, argv, app);
    else read_versioning(tree, argv, app);
  }
  for (const QueryMatch& m : by_root["decorator"]) {
    auto argv = call_arguments(m["args"]);
    if (tree.text(m["name"]) == "Version") {
      auto method = argv.empty() ? std::nullopt : versioned_method(tree, m["decorator"]);
      if (!method) continue;
      method->versions = versions_of(tree, argv[0]);
      out.methods.push_back(std::move(*method));
    } else if (!argv.empty() && node_type(argv[0]) == "object") {
      TSNode version = object_value(tree, argv[0], "version");
      std::string controller = decorated_class(tree, m["decorator"]);
      if (!ts_node_is_null(version) && !controller.empty())
        out.controllers.push_back({controller, versions_of(tree, version)});
    }
  }
}

}  // namespace svc::engine
