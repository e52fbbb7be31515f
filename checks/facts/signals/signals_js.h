#pragma once
// Signals of one JavaScript/TypeScript file. signals_js_bindings.cpp reads what the file
// imports and binds; signals_js.cpp walks the tree and holds the public-API signals;
// signals_js_work.cpp the long-running, background and process signals.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "checks/facts/signals/signal_sink.h"

namespace svc::engine {

class JsSignals {
 public:
  JsSignals(const SyntaxTree& tree, SignalFacts& out);
  void run();

 private:
  // signals_js_bindings.cpp
  void collect_bindings();
  void bind_import(TSNode statement);
  void bind_require(TSNode declarator);
  // signals_js.cpp
  void on_node(TSNode node);
  void on_module(std::string_view specifier, TSNode at);
  void on_call(TSNode call);
  void on_header_read(std::string_view reader, std::string_view name, TSNode at);
  bool reads_headers(TSNode object) const;
  void on_string(TSNode node);
  void on_public_call(TSNode call, const std::vector<std::string>& parts, const std::string& path);
  void finish_hmac();
  // signals_js_work.cpp
  void on_work_call(TSNode call, const std::vector<std::string>& parts, const std::string& path);
  void on_new(TSNode node);
  void on_pair(TSNode pair);
  void on_decorator(TSNode decorator);
  void on_statement(TSNode statement);
  void on_declarator(TSNode declarator);
  bool in_hook(TSNode node) const;
  bool in_outgoing_request(TSNode node) const;
  bool is_spawner(const std::vector<std::string>& parts) const;

  std::string module_of(const std::string& local) const;
  std::string imported_name(const std::string& local) const;  // "default", "*", or the exported name
  std::string first_literal(TSNode call) const;  // the first argument's string, "" when not one
  std::string text(TSNode node) const { return std::string(tree_.text(node)); }
  void add(SignalKind kind, std::string_view note, TSNode at) { add_signal(out_, kind, note, tree_, at); }

  const SyntaxTree& tree_;
  SignalFacts& out_;
  const RouteGrammar& g_;
  std::map<std::string, std::string> imported_;  // local name -> module specifier
  std::map<std::string, std::string> imported_as_;  // local name -> the name it has in its module
  std::set<std::string> process_namespaces_;     // `import * as cp from 'child_process'`
  std::set<std::string> spawners_;               // `spawn`, `exec`, `execAsync = promisify(exec)`
  std::set<std::string> webhook_verifiers_;      // `const wh = new Webhook(secret)`
  bool client_ = false;  // 'use client': runs in the browser
  bool react_ = false;   // imports React hooks or a data-fetching hook library: UI code
  bool ui_ = false;      // React code (.tsx/.jsx, client_ or react_): its timers and `void`s are the UI's
  bool openapi_seen_ = false;
  std::vector<TSNode> hmacs_;       // createHmac calls: a webhook check if the file also reads a signature
  std::string signature_header_;    // 'stripe-signature', 'x-hub-signature-256' read from a request
  bool timing_safe_ = false;        // timingSafeEqual called
};

}  // namespace svc::engine
