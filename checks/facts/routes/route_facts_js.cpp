#include "checks/facts/routes/route_facts_js.h"

#include <re2/re2.h>

namespace svc::engine {
namespace {

// Every pattern the extractor needs, in one query: the cursor walks the tree once.
// Each pattern has its own root capture, which sorts its matches into a bucket.
constexpr char kPatterns[] = R"q(
(import_statement source: (string) @source) @import
(variable_declarator name: (_) @name
  value: (call_expression function: (identifier) @fn arguments: (arguments . (string) @source .))
  (#eq? @fn "require")) @require
((string) @grpc (#match? @grpc "grpc\\.health\\.v1"))
(call_expression
  function: (member_expression property: (property_identifier) @add)
  arguments: (arguments . (member_expression) @health_service)
  (#eq? @add "addService") (#match? @health_service "(^|\\.)Health\\.service$")) @grpc
(new_expression constructor: (_) @ctor) @create
(call_expression function: (_) @ctor) @create
(function_declaration name: (identifier) @name body: (_) @body) @function
(generator_function_declaration name: (identifier) @name body: (_) @body) @function
(variable_declarator name: (identifier) @name
  value: [(arrow_function body: (_) @body) (function_expression body: (_) @body)]) @function
(variable_declarator name: (identifier) @name value: [(string) (template_string)] @value) @constant
(variable_declarator name: (identifier) @name
  value: (call_expression function: [(identifier) (member_expression)] @fn)) @factory
(variable_declarator name: (identifier) @name
  value: (await_expression (call_expression function: [(identifier) (member_expression)] @fn))) @factory
(export_statement) @export
(assignment_expression left: (member_expression) @left right: (_) @right
  (#match? @left "^(module\\.)?exports(\\.|$)")) @assign
(class_declaration name: (_) @name body: (class_body) @body) @class
(call_expression function: (identifier) @fn arguments: (arguments . (object) @spec)
  (#eq? @fn "createRoute")) @definition
(call_expression
  function: (member_expression object: (_) @receiver property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "get" "post" "put" "patch" "delete" "del" "head" "options" "all" "on" "route" "use"
                    "register" "openapi" "basePath")) @route
(call_expression function: [(identifier) (call_expression)] @fn arguments: (arguments (identifier) @arg)) @call_mount
)q";

// Packages that serve a health endpoint of their own once wired in.
bool is_health_library(std::string_view module) {
  return module == "grpc-health-check" || module == "grpc-js-health-check" || module == "@godaddy/terminus" ||
         module == "express-healthcheck" || module == "fastify-healthcheck";
}

struct CreationKind {
  std::string framework;
  ContainerKind kind = ContainerKind::app;
  bool container = true;
};

std::optional<CreationKind> classify_creation(std::string_view ctor, bool is_new, bool grpc_imported) {
  static const RE2 require_of(R"re(^require\(["'](express|fastify|koa)["']\)$)re");
  std::string required;
  if (RE2::FullMatch(re2::StringPiece(ctor.data(), ctor.size()), require_of, &required)) return CreationKind{required};
  if (ctor == "Hono" || ctor == "OpenAPIHono") return CreationKind{"hono"};
  if (ctor == "express" && !is_new) return CreationKind{"express"};
  if (ctor == "Router" || (ctor.size() > 7 && ctor.substr(ctor.size() - 7) == ".Router"))  // require('express').Router
    return CreationKind{is_new ? "koa" : "express", ContainerKind::router};
  if ((ctor == "Fastify" || ctor == "fastify") && !is_new) return CreationKind{"fastify"};
  if (ctor == "Koa" && is_new) return CreationKind{"koa"};
  if (ctor == "NestFactory.create") return CreationKind{"nestjs", ContainerKind::app, false};
  if (is_new && (ctor == "grpc.Server" || (ctor == "Server" && grpc_imported)))
    return CreationKind{"grpc", ContainerKind::app, false};
  return std::nullopt;
}

}  // namespace

std::vector<TSNode> call_arguments(TSNode args) {
  std::vector<TSNode> out;
  for (TSNode n : named_children(args))
    if (node_type(n) != "comment") out.push_back(n);
  return out;
}

TSNode object_value(const SyntaxTree& tree, TSNode object, std::string_view key) {
  for (TSNode n : named_children(object)) {
    std::string_view type = node_type(n);
    if (type == "shorthand_property_identifier" && tree.text(n) == key) return n;
    if (type != "pair") continue;
    TSNode k = field(n, "key");
    auto s = string_value(tree, k);
    if (tree.text(k) == key || (s && *s == key)) return field(n, "value");
  }
  return TSNode{};
}

bool is_function_node(TSNode node) {
  std::string_view t = node_type(node);
  return t == "arrow_function" || t == "function_expression" || t == "function" || t == "generator_function";
}

bool is_local_module(std::string_view s) {
  return s.substr(0, 1) == "." || s.substr(0, 2) == "@/" || s.substr(0, 2) == "~/" || s.substr(0, 4) == "src/";
}

void JsRouteExtractor::run() {
  auto by_root = matches_by_root(js_query<kPatterns>(tree_.file().language()), tree_,
                                 {"import", "require", "grpc", "constant", "create", "function", "factory", "export",
                                  "assign", "class", "definition", "route", "call_mount"});
  auto bucket = [&](std::initializer_list<std::string_view> names) {
    std::vector<QueryMatch> out;
    for (auto name : names) out.insert(out.end(), by_root[name].begin(), by_root[name].end());
    return out;
  };
  // Order matters: names known locally decide which receivers and factories count.
  for (const QueryMatch& m : by_root["constant"])
    if (auto value = string_value(tree_, m["value"])) constants_[text(m["name"])] = *value;
  collect_imports(bucket({"import", "require", "grpc"}));
  collect_creations(by_root["create"]);
  collect_functions(by_root["function"]);
  collect_factory_bindings(by_root["factory"]);
  collect_exports(bucket({"export", "assign"}));
  collect_controllers(by_root["class"]);
  collect_definitions(by_root["definition"]);
  collect_route_calls(by_root["route"]);
  collect_call_mounts(by_root["call_mount"]);
  collect_next();
}

void JsRouteExtractor::collect_imports(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) add_import(m);
}

void JsRouteExtractor::add_import(const QueryMatch& m) {
  if (!ts_node_is_null(m["grpc"])) {
    out_.health_library = span_of(tree_, m["grpc"]);
    return;
  }
  auto source = string_value(tree_, m["source"]);
  if (!source) return;
  if (source->find("grpc") != std::string::npos) grpc_imported_ = true;
  TSNode at = ts_node_is_null(m["import"]) ? m["require"] : m["import"];
  if (is_health_library(*source)) out_.health_library = span_of(tree_, at);
  if (*source == "@fastify/autoload") return add_autoload_import(m);
  if (!is_local_module(*source)) return;
  auto add = [&](std::string local, std::string imported, ImportKind kind) {
    imports_.insert(local);
    out_.imports.push_back({std::move(local), *source, std::move(imported), kind});
  };
  if (!ts_node_is_null(m["require"])) {
    TSNode name = m["name"];
    if (node_type(name) == "identifier") return add(text(name), "", ImportKind::commonjs);
    for (TSNode p : named_children(name)) {  // const { a, b: c } = require('./x')
      if (node_type(p) == "shorthand_property_identifier_pattern") add(text(p), text(p), ImportKind::named);
      if (node_type(p) == "pair_pattern") add(text(field(p, "value")), text(field(p, "key")), ImportKind::named);
    }
    return;
  }
  for (TSNode clause : named_children(m["import"])) {
    if (node_type(clause) != "import_clause") continue;
    for (TSNode part : named_children(clause)) {
      std::string_view type = node_type(part);
      if (type == "identifier") add(text(part), "default", ImportKind::default_export);
      if (type == "namespace_import" && ts_node_named_child_count(part))
        add(text(ts_node_named_child(part, 0)), "", ImportKind::namespace_object);
      if (type != "named_imports") continue;
      for (TSNode spec : named_children(part)) {
        TSNode name = field(spec, "name"), alias = field(spec, "alias");
        if (ts_node_is_null(name)) continue;
        add(text(ts_node_is_null(alias) ? name : alias), text(name), ImportKind::named);
      }
    }
  }
}

// `const AutoLoad = require('@fastify/autoload')`, `import AutoLoad from '@fastify/autoload'`.
void JsRouteExtractor::add_autoload_import(const QueryMatch& m) {
  if (!ts_node_is_null(m["require"])) {
    if (node_type(m["name"]) == "identifier") autoload_names_.insert(text(m["name"]));
    return;
  }
  for (TSNode clause : named_children(m["import"]))
    if (node_type(clause) == "import_clause")
      for (TSNode part : named_children(clause))
        if (node_type(part) == "identifier") autoload_names_.insert(text(part));
}

void JsRouteExtractor::collect_creations(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    TSNode create = m["create"];
    bool is_new = node_type(create) == "new_expression";
    auto kind = classify_creation(tree_.text(m["ctor"]), is_new, grpc_imported_);
    if (!kind) continue;
    std::string prefix;
    std::string name = kind->container ? binding_of(create, &prefix, false) : std::string();
    if (kind->container) {
      if (name.empty()) name = anonymous_name(create);
      creation_names_[ts_node_start_byte(create)] = name;
      containers_.insert(name);
      out_.containers.push_back({name, kind->framework, kind->kind, prefix, false, span_of(tree_, create)});
    }
    if (kind->kind == ContainerKind::app)
      out_.servers.push_back({kind->framework, name, span_of(tree_, create), text(create)});
  }
}

void JsRouteExtractor::collect_functions(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    TSNode body = m["body"];
    FunctionFacts f{text(m["name"]), summaries_.of(body), ""};
    uint32_t b = ts_node_start_byte(body), e = ts_node_end_byte(body);
    for (auto it = creation_names_.lower_bound(b); it != creation_names_.end() && it->first < e; ++it) {
      f.returns_container = it->second;  // a factory: `function createApp() { const app = new Hono(); ... }`
      break;
    }
    functions_.insert(f.name);
    out_.functions.push_back(std::move(f));
  }
}

// `const app = createApp()` stands for what the factory returns, when the factory is
// ours (defined here or imported from the service); other calls make no container.
void JsRouteExtractor::collect_factory_bindings(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    std::string name = text(m["name"]);
    // `const orders = createRouter().get('/orders', h)`: routes chained on the factory's result.
    TSNode base = chain_base(ts_node_parent(m["fn"]));
    NameRef factory = name_ref(tree_, field(base, "function"), g_);
    if (factory.empty() || containers_.count(name) || aliases_.count(name)) continue;
    bool ours = factory.member.empty() ? functions_.count(factory.name) || imports_.count(factory.name)
                                       : imports_.count(factory.name) > 0;
    if (!ours) continue;
    factory_calls_[ts_node_start_byte(base)] = name;
    aliases_.insert(name);
    out_.aliases.push_back({name, factory});
  }
}

// The call a chain of route registrations starts from: `f()` in `f().get(...).post(...)`.
TSNode JsRouteExtractor::chain_base(TSNode call) const {
  for (int hops = 0; hops < 64 && node_type(call) == "call_expression"; ++hops) {
    TSNode fn = field(call, "function");
    if (node_type(fn) != "member_expression" || !is_chain_method(tree_.text(field(fn, "property")))) break;
    TSNode object = field(fn, "object");
    if (node_type(object) != "call_expression") break;
    call = object;
  }
  return call;
}

void JsRouteExtractor::collect_exports(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    if (!ts_node_is_null(m["export"])) add_export_statement(m["export"]);
    else add_commonjs_export(m["left"], m["right"]);
  }
}

void JsRouteExtractor::add_export_statement(TSNode node) {
  TSNode decl = field(node, "declaration"), value = field(node, "value");
  auto source = string_value(tree_, field(node, "source"));
  if (source && !is_local_module(*source)) return;
  std::string module = source.value_or("");
  bool is_default = false;
  for (uint32_t i = 0, n = ts_node_child_count(node); i < n; ++i)
    is_default = is_default || node_type(ts_node_child(node, i)) == "default";
  auto add = [&](std::string exported, std::string local) {
    out_.exports.push_back({std::move(exported), std::move(local), module});
  };
  if (!ts_node_is_null(decl)) {
    TSNode name = field(decl, "name");
    if (!ts_node_is_null(name)) return add(is_default ? "default" : text(name), text(name));
    if (is_default) return add("default", "default");  // export default function (fastify) {...}
    for (TSNode d : named_children(decl))  // export const a = ..., b = ...
      if (node_type(d) == "variable_declarator" && node_type(field(d, "name")) == "identifier")
        add(text(field(d, "name")), text(field(d, "name")));
    return;
  }
  if (!ts_node_is_null(value)) return add("default", node_type(value) == "identifier" ? text(value) : "default");
  bool clause = false;
  for (TSNode part : named_children(node)) {
    if (node_type(part) != "export_clause") continue;
    clause = true;
    for (TSNode spec : named_children(part)) {
      TSNode name = field(spec, "name"), alias = field(spec, "alias");
      if (!ts_node_is_null(name)) add(text(ts_node_is_null(alias) ? name : alias), text(name));
    }
  }
  if (!clause && source) add("*", "*");
}

void JsRouteExtractor::add_commonjs_export(TSNode left, TSNode right) {
  std::string target = text(left);
  std::string exported = target == "module.exports" || target == "exports" ? "default"
                                                                          : target.substr(target.rfind('.') + 1);
  std::string_view type = node_type(right);
  if (type == "identifier") return out_.exports.push_back({exported, text(right), ""});
  if (type == "call_expression" && tree_.text(field(right, "function")) == "require") {
    auto args = call_arguments(field(right, "arguments"));
    auto source = args.empty() ? std::nullopt : string_value(tree_, args[0]);
    if (source && is_local_module(*source)) out_.exports.push_back({exported, "default", *source});
    return;
  }
  if (type == "object" && exported == "default") {  // module.exports = { health, users: usersRouter }
    for (TSNode p : named_children(right)) {
      if (node_type(p) == "shorthand_property_identifier") out_.exports.push_back({text(p), text(p), ""});
      if (node_type(p) == "pair" && node_type(field(p, "value")) == "identifier")
        out_.exports.push_back({text(field(p, "key")), text(field(p, "value")), ""});
    }
    return;
  }
  out_.exports.push_back({exported, exported, ""});  // an inline app or plugin: bound under this name
}

// The name an expression is bound to: `const app = <expr>`, `export default <expr>`,
// `module.exports = <expr>`, looking through method chains (`new Hono().basePath('/api')`,
// whose basePath becomes `prefix`) and, for functions, wrappers like `fp(plugin)`.
std::string JsRouteExtractor::binding_of(TSNode expr, std::string* prefix, bool through_wrappers) const {
  bool collecting = prefix != nullptr;
  TSNode cur = expr;
  for (int hops = 0; hops < 64; ++hops) {
    TSNode p = ts_node_parent(cur);
    if (ts_node_is_null(p)) return {};
    std::string_view t = node_type(p);
    if (t == "member_expression") {
      TSNode call = ts_node_parent(p);
      if (!ts_node_eq(field(p, "object"), cur) || ts_node_is_null(call) || node_type(call) != "call_expression")
        return {};
      if (collecting && tree_.text(field(p, "property")) == "basePath") {
        auto args = call_arguments(field(call, "arguments"));
        if (auto s = args.empty() ? std::nullopt : string_value(tree_, args[0])) *prefix += *s;
      } else {
        collecting = false;
      }
      cur = call;
    } else if (t == "arguments" && through_wrappers) {
      TSNode call = ts_node_parent(p);
      if (ts_node_is_null(call) || node_type(field(call, "function")) != "identifier") return {};
      cur = call;
    } else if (t == "await_expression" || t == "parenthesized_expression" || t == "as_expression" ||
               t == "satisfies_expression" || t == "non_null_expression") {
      cur = p;
    } else if (t == "variable_declarator") {
      TSNode name = field(p, "name");
      return node_type(name) == "identifier" ? text(name) : std::string();
    } else if (t == "export_statement") {
      return "default";
    } else if (t == "public_field_definition" || t == "field_definition") {  // class Server { app = express() }
      TSNode name = field(p, "name");
      if (ts_node_is_null(name)) name = field(p, "property");
      return ts_node_is_null(name) ? std::string() : text(name);
    } else if (t == "assignment_expression") {
      std::string left = text(field(p, "left"));
      if (left == "module.exports") return "default";
      return left.substr(left.rfind('.') + 1);
    } else {
      return {};
    }
  }
  return {};
}

void extract_js_route_facts(const SyntaxTree& tree, RouteFacts& out) { JsRouteExtractor(tree, out).run(); }

}  // namespace svc::engine
