#pragma once
// Route facts of one Go file: net/http (ServeMux, Go 1.22 method patterns), chi, gin,
// echo, fiber and gorilla/mux routers, gRPC and connect servers.
//
// Go scopes names by package (every file of a folder) and by function. Routers held in a
// function's local variables get names of their own ("r@1234", by the function's start),
// so two functions' `r` never meet; package-level routers, functions and methods keep
// their names, which the resolver also looks up in the package's sibling files.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checks/facts/routes/route_facts.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {

// r.Group("/v1"), r.PathPrefix("/v1").Subrouter(), r.With(mw): a router under r.
bool go_subrouter_call(const SyntaxTree& tree, TSNode call, const RouteGrammar& g);

class GoRouteExtractor {
 public:
  GoRouteExtractor(const SyntaxTree& tree, RouteFacts& out)
      : tree_(tree), out_(out), g_(go_route_grammar()), summaries_(tree, g_) {}
  void run();

 private:
  std::string text(TSNode n) const { return std::string(tree_.text(n)); }

  // route_facts_go.cpp: declarations
  void collect_imports(TSNode import_spec);
  void collect_constant(TSNode spec);
  void collect_binding(TSNode call);
  void collect_function(TSNode fn);
  BodySummary go_summary(TSNode body);
  bool is_import(const std::string& name) const { return imports_.count(name) > 0; }
  TSNode enclosing(TSNode node) const;  // the innermost function around node, or null

  // route_facts_go_routes.cpp: calls
  void visit_call(TSNode call);
  bool add_route(TSNode call, const std::string& receiver, const std::string& method, TSNode args);
  bool add_mount(TSNode call, const std::string& parent, const std::string& method, TSNode args);
  void add_call_mount(TSNode call, TSNode fn, TSNode args);
  void note_server(TSNode call, const std::string& path);
  Handler handler_of(TSNode node);
  NameRef callee_ref(TSNode fn) const;

  // Containers by scope.
  std::string container_of(TSNode expr);               // "" when not a known router
  std::string scoped_name(TSNode at, const std::string& name);
  std::string param_container(TSNode fn);              // the router a function takes, or ""
  std::string subrouter(TSNode call);                  // r.Group("/v1"), r.PathPrefix("/v1").Subrouter()
  std::string add_container(const std::string& name, const std::string& framework, ContainerKind kind,
                            TSNode at, bool typed = false);
  std::string binding_name(TSNode call);  // the variable a call's value is assigned to, scoped

  const SyntaxTree& tree_;
  RouteFacts& out_;
  const RouteGrammar& g_;
  BodySummaries summaries_;
  StringConstants constants_;
  std::set<std::string> imports_;
  std::set<std::string> containers_;                    // names in out_.containers
  std::map<std::string, std::string> frameworks_;       // container name -> framework
  std::set<std::pair<uint32_t, std::string>> locals_;   // (function start, variable) holding a router
  std::set<std::string> package_;                       // package-level (and field) routers
  std::map<uint32_t, std::string> bound_;               // call start -> container it creates
  std::set<uint32_t> done_;                             // subrouter calls already mounted
  std::vector<TSNode> scopes_;                          // every function, method and func literal
};

}  // namespace svc::engine
