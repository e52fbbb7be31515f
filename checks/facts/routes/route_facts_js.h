#pragma once
// Route facts of one JavaScript/TypeScript file (Hono, Express, Fastify, NestJS, Koa).
// route_facts_js.cpp reads modules, server creations and functions;
// route_facts_js_routes.cpp reads route and mount calls; route_facts_js_nest.cpp Nest controllers.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "checks/syntax/query.h"
#include "checks/facts/routes/route_facts.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {

// One compiled copy of a query per JavaScript-family grammar, built when a file of that
// grammar first needs it (compiling for the TypeScript grammar is slow) and shared
// read-only by all threads.
template <const char* Source>
const Query& js_query(Language lang) {
  switch (lang) {
    case Language::typescript: {
      static const Query ts(Language::typescript, Source);
      return ts;
    }
    case Language::tsx: {
      static const Query tsx(Language::tsx, Source);
      return tsx;
    }
    default: {
      static const Query js(Language::javascript, Source);
      return js;
    }
  }
}

class JsRouteExtractor {
 public:
  JsRouteExtractor(const SyntaxTree& tree, RouteFacts& out)
      : tree_(tree), out_(out), g_(js_route_grammar()), summaries_(tree, g_) {}
  void run();

 private:
  // route_facts_js.cpp
  void collect_imports(const std::vector<QueryMatch>& matches);
  void add_import(const QueryMatch& m);
  void add_autoload_import(const QueryMatch& m);
  void collect_creations(const std::vector<QueryMatch>& matches);
  void collect_functions(const std::vector<QueryMatch>& matches);
  void collect_factory_bindings(const std::vector<QueryMatch>& matches);
  void collect_exports(const std::vector<QueryMatch>& matches);
  void add_export_statement(TSNode node);
  void add_commonjs_export(TSNode left, TSNode right);
  std::string binding_of(TSNode expr, std::string* prefix, bool through_wrappers) const;

  // route_facts_js_routes.cpp
  void collect_route_calls(const std::vector<QueryMatch>& matches);
  void on_route_call(TSNode call, TSNode receiver, std::string_view method, TSNode args, const SourceSpan& at);
  void add_method_routes(const NameRef& ref, const std::string& prefix, std::string_view method,
                         const std::vector<TSNode>& args, const SourceSpan& at);
  void add_mounts(TSNode call, TSNode receiver, const NameRef& ref, const std::string& prefix, std::string_view method,
                  const std::vector<TSNode>& args, const SourceSpan& at);
  void add_openapi_route(const NameRef& ref, const std::string& prefix, const std::vector<TSNode>& args,
                         const SourceSpan& at);
  void add_route(const NameRef& receiver, const std::string& method, const PathArgument& path, TSNode handler,
                 const SourceSpan& at);
  void add_mount(const NameRef& parent, TSNode child, const PathArgument& prefix, const SourceSpan& at);
  bool add_autoload(const NameRef& parent, const std::string& prefix, const std::vector<TSNode>& args,
                    const SourceSpan& at);
  // route_facts_js_nest.cpp
  void collect_controllers(const std::vector<QueryMatch>& matches);
  void add_controller_routes(const std::string& controller, TSNode body);
  // route_facts_js_next.cpp: Next.js file-system routes, next.config basePath, self-calls
  void collect_next();
  void add_next_export(TSNode node, FileRouter router);
  // route_facts_js_routes.cpp (continued)
  void collect_definitions(const std::vector<QueryMatch>& matches);
  void collect_call_mounts(const std::vector<QueryMatch>& matches);
  std::optional<NameRef> receiver_of(TSNode node, std::string& prefix) const;
  bool is_creation_chain(TSNode node) const;
  TSNode chain_base(TSNode call) const;
  NameRef child_of(TSNode node);
  Handler handler_of(TSNode node) const;
  bool accept_receiver(TSNode at, NameRef& ref);
  std::string plugin_for(TSNode fn);
  std::string autoload_folder(TSNode dir) const;

  bool is_creation(TSNode node) const { return creation_names_.count(ts_node_start_byte(node)) > 0; }
  std::string text(TSNode node) const { return std::string(tree_.text(node)); }

  const SyntaxTree& tree_;
  RouteFacts& out_;
  const RouteGrammar& g_;
  mutable BodySummaries summaries_;  // a cache: handler_of() stays logically const
  std::set<std::string> containers_, imports_, functions_, aliases_;
  std::set<std::string> autoload_names_;  // local names of @fastify/autoload
  StringConstants constants_;
  std::map<uint32_t, std::string> creation_names_;  // start byte of `new Hono()` etc. -> container
  std::map<uint32_t, std::string> factory_calls_;   // start byte of `createRouter()` in a chain -> its alias
  bool grpc_imported_ = false;
};

// Helpers both halves use.
std::vector<TSNode> call_arguments(TSNode args);  // named arguments, comments skipped
TSNode object_value(const SyntaxTree& tree, TSNode object, std::string_view key);
bool is_function_node(TSNode node);
bool is_local_module(std::string_view specifier);
bool is_chain_method(std::string_view method);

}  // namespace svc::engine
