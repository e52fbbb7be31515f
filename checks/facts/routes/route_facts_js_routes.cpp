#include "checks/facts/routes/route_facts_js.h"

#include <re2/re2.h>

namespace svc::engine {
namespace {

// A parameter of `fn` called `name`, or a null node.
TSNode parameter_named(const SyntaxTree& tree, TSNode fn, std::string_view name) {
  TSNode single = field(fn, "parameter");  // `app => ...`
  if (!ts_node_is_null(single)) return tree.text(single) == name ? single : TSNode{};
  for (TSNode p : named_children(field(fn, "parameters"))) {
    TSNode id = p;
    if (node_type(p) == "required_parameter" || node_type(p) == "optional_parameter") id = field(p, "pattern");
    if (node_type(p) == "assignment_pattern") id = field(p, "left");
    if (!ts_node_is_null(id) && node_type(id) == "identifier" && tree.text(id) == name) return p;
  }
  return TSNode{};
}

// `app.use(config.apiPrefix, router)`: a mount path held in an expression, not a middleware.
bool is_path_expression(const SyntaxTree& tree, TSNode node) {
  std::string_view type = node_type(node);
  if (type == "template_string") return true;
  if (type != "identifier" && type != "member_expression") return false;
  static const RE2 path_name(R"((?i)(prefix|path|url|version))");
  return RE2::PartialMatch(std::string(tree.text(node)), path_name);
}

}  // namespace

void JsRouteExtractor::collect_route_calls(const std::vector<QueryMatch>& matches) {
  // basePath aliases first: `const api = app.basePath('/api')` before routes on `api`.
  for (bool aliases : {true, false}) {
    for (const QueryMatch& m : matches) {
      bool is_base_path = tree_.text(m["method"]) == "basePath";
      if (is_base_path != aliases) continue;
      // A route's line is its method's: in a chain `new Hono()\n  .get(...)` the call starts lines earlier.
      SourceSpan at{tree_.start(m["method"]), tree_.end(m["route"])};
      on_route_call(m["route"], m["receiver"], tree_.text(m["method"]), m["args"], at);
    }
  }
}

void JsRouteExtractor::on_route_call(TSNode call, TSNode receiver, std::string_view method, TSNode args_node,
                                     const SourceSpan& at) {
  auto args = call_arguments(args_node);
  std::string prefix;
  auto ref = receiver_of(receiver, prefix);
  // Express `router.route('/x').get(h).post(auth, validate(s), h)`: the path sits on the
  // route() call down the chain; the handler is the last argument, after any middleware.
  std::optional<std::string> chain_path;
  if (is_http_method(method) && !args.empty()) {
    for (TSNode chain = receiver; node_type(chain) == "call_expression";) {
      TSNode fn = field(chain, "function");
      if (node_type(fn) != "member_expression") break;
      auto inner = call_arguments(field(chain, "arguments"));
      std::string inner_method = text(field(fn, "property"));
      if (inner_method == "route" && inner.size() == 1) {
        auto paths = literal_strings(tree_, inner[0], g_, &constants_);
        if (!paths.empty()) chain_path = paths[0];
        ref = receiver_of(field(fn, "object"), prefix);
        break;
      }
      if (!is_http_method(inner_method)) break;
      chain = field(fn, "object");
    }
  }
  if (!ref || !accept_receiver(call, *ref)) return;
  if (chain_path) return add_route(*ref, upper(method), {prefix + *chain_path, false}, args.back(), at);
  if (method == "route" || method == "use" || method == "register" || method == "basePath")
    return add_mounts(call, receiver, *ref, prefix, method, args, at);
  if (method == "openapi") return add_openapi_route(*ref, prefix, args, at);
  add_method_routes(*ref, prefix, method, args, at);
}

// app.get('/x', h), app.on('GET', '/x', h), fastify.route({ method, url, handler }).
void JsRouteExtractor::add_method_routes(const NameRef& ref, const std::string& prefix, std::string_view method,
                                         const std::vector<TSNode>& args, const SourceSpan& at) {
  std::vector<std::string> methods{upper(method)};
  TSNode path = args.empty() ? TSNode{} : args[0], handler = args.empty() ? TSNode{} : args.back();
  if (method == "on") {  // Hono: app.on('GET' | [...], '/x' | [...], h)
    if (args.size() < 3) return;
    methods.clear();
    for (const auto& m : literal_strings(tree_, args[0], g_)) methods.push_back(upper(m));
    path = args[1];
  } else if (method == "route") {  // Fastify: route({ method: 'GET', url: '/x', handler })
    if (args.size() != 1 || node_type(args[0]) != "object") return;
    path = object_value(tree_, args[0], "url");
    if (ts_node_is_null(path)) path = object_value(tree_, args[0], "path");
    handler = object_value(tree_, args[0], "handler");
    methods.clear();
    for (const auto& m : literal_strings(tree_, object_value(tree_, args[0], "method"), g_))
      methods.push_back(upper(m));
    if (methods.empty()) methods.push_back("GET");
  } else if (args.size() < 2) {  // app.get('env') reads a setting; routes take a handler
    return;
  }
  for (const auto& p : path_arguments(tree_, path, g_, constants_))
    for (const auto& m : methods) add_route(ref, m, {prefix + p.path, p.dynamic}, handler, at);
}

// app.route('/users', users), app.use('/api', auth, router), register(plugin, { prefix }),
// const api = app.basePath('/api').
void JsRouteExtractor::add_mounts(TSNode call, TSNode receiver, const NameRef& ref, const std::string& prefix,
                                  std::string_view method, const std::vector<TSNode>& args, const SourceSpan& at) {
  if (method == "route" && args.size() == 2) {
    for (const auto& p : path_arguments(tree_, args[0], g_, constants_))
      add_mount(ref, args[1], {prefix + p.path, p.dynamic}, at);
  } else if (method == "route" && args.size() == 1) {
    add_method_routes(ref, prefix, method, args, at);
  } else if (method == "use" && !args.empty()) {
    auto p = literal_strings(tree_, args[0], g_, &constants_);
    bool dynamic = p.empty() && args.size() > 1 && is_path_expression(tree_, args[0]);
    if (dynamic) p.push_back("{" + text(args[0]) + "}");
    for (std::size_t i = p.empty() ? 0 : 1; i < args.size(); ++i)
      add_mount(ref, args[i], {prefix + (p.empty() ? "" : p[0]), dynamic}, at);
  } else if (method == "register" && !args.empty()) {
    if (add_autoload(ref, prefix, args, at)) return;
    auto p = args.size() > 1 ? path_arguments(tree_, object_value(tree_, args[1], "prefix"), g_, constants_)
                             : std::vector<PathArgument>{};
    add_mount(ref, args[0], {prefix + (p.empty() ? "" : p[0].path), !p.empty() && p[0].dynamic}, at);
  } else if (method == "basePath" && !args.empty() && !is_creation_chain(receiver)) {
    std::string name = binding_of(call, nullptr, false);
    auto p = literal_strings(tree_, args[0], g_, &constants_);
    if (name.empty() || p.empty() || containers_.count(name)) return;
    containers_.insert(name);
    out_.containers.push_back({name, "hono", ContainerKind::router, "", false, span_of(tree_, call)});
    out_.mounts.push_back({ref, {name, "", ""}, prefix + p[0], false, true, at});
  }
}

// @hono/zod-openapi: app.openapi(route, handler), the path in createRoute({ method, path }).
void JsRouteExtractor::add_openapi_route(const NameRef& ref, const std::string& prefix,
                                         const std::vector<TSNode>& args, const SourceSpan& at) {
  if (args.size() < 2) return;
  Route r{ref, "", prefix, false, {}, handler_of(args[1]), at};
  if (node_type(args[0]) == "identifier") {
    r.definition = {text(args[0]), "", ""};
  } else if (node_type(args[0]) == "member_expression") {  // `import * as routes`: routes.list
    r.definition = name_ref(tree_, args[0], g_);
    if (r.definition.empty() || r.definition.member.empty()) return;
  } else if (node_type(args[0]) == "call_expression" && tree_.text(field(args[0], "function")) == "createRoute") {
    auto spec = call_arguments(field(args[0], "arguments"));
    if (spec.empty()) return;
    r.method = upper(string_value(tree_, object_value(tree_, spec[0], "method")).value_or("get"));
    r.path += string_value(tree_, object_value(tree_, spec[0], "path")).value_or("");
  } else {
    return;
  }
  out_.routes.push_back(std::move(r));
}

// register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix: '/v1' } }).
bool JsRouteExtractor::add_autoload(const NameRef& parent, const std::string& prefix,
                                    const std::vector<TSNode>& args, const SourceSpan& at) {
  std::string callee = text(args[0]);
  if (!autoload_names_.count(callee) && callee != "require('@fastify/autoload')" &&
      callee != "require(\"@fastify/autoload\")")
    return false;
  if (args.size() < 2 || node_type(args[1]) != "object") return true;
  std::string dir = autoload_folder(object_value(tree_, args[1], "dir"));
  if (dir.empty()) return true;  // a folder svc cannot read: its plugins stay unrooted
  Mount mount{parent, {}, prefix, false, true, at, dir, true};
  TSNode options = object_value(tree_, args[1], "options");
  TSNode given = node_type(options) == "object" ? object_value(tree_, options, "prefix") : TSNode{};
  if (!ts_node_is_null(given)) {  // a prefix svc cannot read keeps the paths unknown
    auto p = path_arguments(tree_, given, g_, constants_);
    mount.prefix_known = !p.empty() && !p[0].dynamic;
    mount.prefix += p.empty() ? "" : p[0].path;
  }
  TSNode by_folder = object_value(tree_, args[1], "dirNameRoutePrefix");
  mount.folder_prefix = ts_node_is_null(by_folder) || tree_.text(by_folder) != "false";
  out_.mounts.push_back(std::move(mount));
  return true;
}

// `path.join(__dirname, 'routes')`, `join(import.meta.dirname, 'src', 'routes')`,
// `${__dirname}/routes`: the folder relative to the file; "" when not written so.
std::string JsRouteExtractor::autoload_folder(TSNode dir) const {
  if (ts_node_is_null(dir)) return "";
  std::string_view type = node_type(dir);
  if (type == "template_string") {
    static const RE2 under_dirname(R"(^`\$\{(__dirname|import\.meta\.dirname)\}/([\w./-]+)`$)");
    std::string folder;
    return RE2::FullMatch(text(dir), under_dirname, nullptr, &folder) ? folder : "";
  }
  if (type != "call_expression") return "";
  auto args = call_arguments(field(dir, "arguments"));
  std::string base = args.empty() ? "" : text(args[0]);
  if (base != "__dirname" && base != "import.meta.dirname") return "";
  std::string folder;
  for (std::size_t i = 1; i < args.size(); ++i) {
    auto part = string_value(tree_, args[i]);
    if (!part) return "";
    folder += (folder.empty() ? "" : "/") + *part;
  }
  return folder;
}

void JsRouteExtractor::add_route(const NameRef& receiver, const std::string& method, const PathArgument& path,
                                 TSNode handler, const SourceSpan& at) {
  out_.routes.push_back({receiver, method, path.path, path.dynamic, {}, handler_of(handler), at});
}

void JsRouteExtractor::add_mount(const NameRef& parent, TSNode child, const PathArgument& prefix,
                                 const SourceSpan& at) {
  NameRef ref = child_of(child);
  if (!ref.empty()) out_.mounts.push_back({parent, ref, prefix.path, false, !prefix.dynamic, at});
}

// The container a receiver expression stands for, through method chains
// (`app.basePath('/v1').get(...)`, `new Hono().get(...)`); basePath prefixes that are not
// the container's own go to `prefix`.
std::optional<NameRef> JsRouteExtractor::receiver_of(TSNode node, std::string& prefix) const {
  std::string_view type = node_type(node);
  if (type == "identifier") return NameRef{text(node), "", ""};
  if (type == "member_expression") {
    if (node_type(field(node, "object")) == "this")  // class-based servers: this.app.get(...)
      return NameRef{text(field(node, "property")), "", ""};
    NameRef ref = name_ref(tree_, node, g_);
    return ref.empty() ? std::nullopt : std::optional<NameRef>(ref);
  }
  if (type == "parenthesized_expression" || type == "await_expression" || type == "non_null_expression" ||
      type == "as_expression")
    return ts_node_named_child_count(node) ? receiver_of(ts_node_named_child(node, 0), prefix) : std::nullopt;
  if (is_creation(node)) return NameRef{creation_names_.at(ts_node_start_byte(node)), "", ""};
  if (type != "call_expression") return std::nullopt;
  if (auto it = factory_calls_.find(ts_node_start_byte(node)); it != factory_calls_.end())
    return NameRef{it->second, "", ""};
  TSNode fn = field(node, "function");
  auto args = call_arguments(field(node, "arguments"));
  if ((tree_.text(fn) == "require" || node_type(fn) == "import") && !args.empty()) {
    auto module = string_value(tree_, args[0]);
    return module ? std::optional<NameRef>(NameRef{"", "", *module}) : std::nullopt;
  }
  if (node_type(fn) != "member_expression") return std::nullopt;
  std::string method = text(field(fn, "property"));
  TSNode object = field(fn, "object");
  if (method == "basePath" && !is_creation_chain(object) && !args.empty())
    prefix = string_value(tree_, args[0]).value_or("") + prefix;
  return is_chain_method(method) ? receiver_of(object, prefix) : std::nullopt;
}

// Methods that return their receiver, so routes chain on one container.
bool is_chain_method(std::string_view method) {
  return is_http_method(method) || method == "basePath" || method == "route" || method == "use" || method == "on" ||
         method == "openapi" || method == "register" || method == "routes";
}

bool JsRouteExtractor::is_creation_chain(TSNode node) const {
  if (is_creation(node)) return true;
  if (node_type(node) != "call_expression") return false;
  TSNode fn = field(node, "function");
  return node_type(fn) == "member_expression" && tree_.text(field(fn, "property")) == "basePath" &&
         is_creation_chain(field(fn, "object"));
}

// What a mount mounts: a name, `mod.router`, `require('./x')`, an inline sub-app or plugin.
NameRef JsRouteExtractor::child_of(TSNode node) {
  if (is_function_node(node)) return {plugin_for(node), "", ""};
  std::string prefix;
  auto ref = receiver_of(node, prefix);
  return ref ? *ref : NameRef{};
}

Handler JsRouteExtractor::handler_of(TSNode node) const {
  if (ts_node_is_null(node)) return {};
  std::string_view type = node_type(node);
  if (is_function_node(node)) return {summaries_.of(field(node, "body")), {}};
  if (type == "identifier" || type == "shorthand_property_identifier") return {std::nullopt, {text(node), "", ""}};
  if (type == "member_expression") return {std::nullopt, name_ref(tree_, node, g_)};
  if (type == "call_expression") {  // wrapped: asyncHandler(async (req, res) => ...), handle(health)
    for (TSNode arg : call_arguments(field(node, "arguments"))) {
      Handler h = handler_of(arg);
      if (h.body || !h.ref.empty()) return h;
    }
  }
  return {};
}

// Routes count only on things that can be containers: a local app or router, an import,
// a factory result, or the parameter of a function (which then becomes a plugin).
bool JsRouteExtractor::accept_receiver(TSNode at, NameRef& ref) {
  if (!ref.module.empty()) return true;
  if (!ref.member.empty()) return imports_.count(ref.name) > 0;
  for (TSNode fn = enclosing_function(at, g_); !ts_node_is_null(fn); fn = enclosing_function(fn, g_)) {
    TSNode param = parameter_named(tree_, fn, ref.name);
    if (ts_node_is_null(param)) continue;
    bool named_fastify = ref.name == "fastify";
    ref.name = plugin_for(fn);
    static const RE2 framework_type(R"(\b(Hono|OpenAPIHono|FastifyInstance|Express|Router|Application|Koa)\b)");
    TSNode type = node_type(param) == "required_parameter" ? field(param, "type") : TSNode{};
    // `(app: Hono) => ...` is declared a framework instance; `async function (fastify, opts)`
    // is how every Fastify plugin is written.
    if (named_fastify || (!ts_node_is_null(type) && RE2::PartialMatch(std::string(tree_.text(type)), framework_type)))
      for (auto& c : out_.containers)
        if (c.name == ref.name) c.typed = true;
    return true;
  }
  return containers_.count(ref.name) || imports_.count(ref.name) || aliases_.count(ref.name);
}

// The plugin container for a function whose parameter receives routes.
std::string JsRouteExtractor::plugin_for(TSNode fn) {
  TSNode name_node = field(fn, "name");
  std::string name = !ts_node_is_null(name_node) && node_type(fn) == "function_declaration"
                         ? text(name_node)
                         : binding_of(fn, nullptr, true);
  if (name.empty()) name = anonymous_name(fn);
  if (containers_.insert(name).second) {
    // Wrapped as a plugin (`fp(plugin)`, `fastify.register(async (f) => ...)`): surely a framework instance.
    TSNode args = ts_node_parent(fn);
    TSNode call = ts_node_is_null(args) ? TSNode{} : ts_node_parent(args);
    std::string callee = ts_node_is_null(call) || node_type(args) != "arguments" ? "" : member_path(tree_, call, g_);
    bool wrapped = callee == "fp" || callee == "fastifyPlugin" ||
                   (callee.size() > 9 && callee.substr(callee.size() - 9) == ".register");
    out_.containers.push_back({name, "", ContainerKind::plugin, "", wrapped, span_of(tree_, fn)});
  }
  return name;
}

void JsRouteExtractor::collect_definitions(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    std::string name = binding_of(m["definition"], nullptr, false);
    auto path = string_value(tree_, object_value(tree_, m["spec"], "path"));
    if (name.empty() || !path) continue;
    auto method = string_value(tree_, object_value(tree_, m["spec"], "method")).value_or("get");
    out_.definitions.push_back({name, upper(method), *path});
  }
}

// `registerRoutes(app)`, `require('./routes')(app)`: a function handed a container
// registers routes on it, so it is mounted there.
void JsRouteExtractor::collect_call_mounts(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    std::string arg = text(m["arg"]);
    if (!containers_.count(arg) && !aliases_.count(arg)) continue;
    TSNode fn = m["fn"];
    if (is_creation(m["call_mount"]) || tree_.text(fn) == "require") continue;
    NameRef child;
    if (node_type(fn) == "identifier") child = {text(fn), "", ""};
    else if (auto p = std::string(); auto ref = receiver_of(fn, p)) child = *ref;
    if (!child.empty() && child.name != arg)
      out_.mounts.push_back({{arg, "", ""}, child, "", false, true, span_of(tree_, m["call_mount"])});
  }
}

}  // namespace svc::engine
