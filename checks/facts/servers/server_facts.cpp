#include "checks/facts/servers/server_facts.h"

#include <re2/re2.h>

#include "checks/facts/routes/route_facts_js.h"
#include "checks/syntax/code_syntax.h"
#include "checks/syntax/query.h"

namespace svc::engine {
namespace {

constexpr char kPatterns[] = R"q(
(call_expression function: (_) @fn arguments: (arguments) @args) @call
(export_statement value: (object) @object) @default_export
(binary_expression left: (_) @left right: (_) @right) @compare
(switch_statement value: (_) @value body: (switch_body) @body) @switch
)q";

// What a request's path is read from: `req.url`, `url.pathname`, `new URL(req.url).pathname`.
bool is_request_path(std::string_view text) {
  static const RE2 path(R"((^|[.(])(url|pathname)\)?$)");
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), path);
}

class ServerExtractor {
 public:
  ServerExtractor(const SyntaxTree& tree, ServerFacts& out) : tree_(tree), out_(out) {
    static const RE2 http_import(R"((from\s*|require\(\s*)['"](node:)?https?['"])");
    http_module_ = RE2::PartialMatch(tree.file().text(), http_import);
  }

  void run() {
    auto by_root = matches_by_root(js_query<kPatterns>(tree_.file().language()), tree_,
                                   {"call", "default_export", "compare", "switch"});
    for (const QueryMatch& m : by_root["call"]) on_call(m["call"], m["fn"], m["args"]);
    for (const QueryMatch& m : by_root["default_export"]) on_default_export(m["default_export"], m["object"]);
    for (const QueryMatch& m : by_root["compare"]) on_compare(m["compare"], m["left"], m["right"]);
    for (const QueryMatch& m : by_root["switch"]) on_switch(m["value"], m["body"]);
  }

 private:
  void add(std::string runtime, TSNode node, bool default_export = false) {
    out_.servers.push_back({std::move(runtime), span_of(tree_, node), std::string(tree_.text(node)), default_export});
  }

  void add_path(TSNode string) {
    auto path = string_value(tree_, string);
    if (path && !path->empty() && (*path)[0] == '/') out_.url_paths.push_back(*path);
  }

  void on_call(TSNode call, TSNode fn, TSNode args) {
    std::string_view callee = tree_.text(fn);
    if (callee == "Bun.serve" || callee == "Deno.serve") {
      add(callee == "Bun.serve" ? "bun" : "deno", call);
      auto list = call_arguments(args);  // Bun's `routes: { '/health': ... }`
      for (TSNode a : list)
        if (node_type(a) == "object")
          for (TSNode pair : named_children(object_value(tree_, a, "routes")))
            if (node_type(pair) == "pair") add_path(field(pair, "key"));
      return;
    }
    if (!http_module_) return;
    if (callee == "http.createServer" || callee == "createServer") add("node:http", call);
    else if (callee == "https.createServer") add("node:https", call);
  }

  // `export default { fetch(req) {...}, port: 3000 }`: Bun serves it. A Cloudflare Worker
  // exports `fetch` without a port, and its runtime handles the signal.
  void on_default_export(TSNode statement, TSNode object) {
    if (tree_.text(statement).rfind("export default", 0) != 0) return;
    bool fetch = false, port = false;
    for (TSNode n : named_children(object)) {
      TSNode key = node_type(n) == "pair" || node_type(n) == "method_definition" ? field(n, node_type(n) == "pair" ? "key" : "name") : n;
      std::string_view k = tree_.text(key);
      fetch = fetch || k == "fetch";
      port = port || k == "port";
    }
    if (fetch && port) add("bun", statement, true);
  }

  void on_compare(TSNode compare, TSNode left, TSNode right) {
    std::string_view op = tree_.text(field(compare, "operator"));
    if (op != "===" && op != "==") return;
    if (node_type(right) == "string" && is_request_path(tree_.text(left))) add_path(right);
    if (node_type(left) == "string" && is_request_path(tree_.text(right))) add_path(left);
  }

  void on_switch(TSNode value, TSNode body) {
    std::string_view text = tree_.text(value);
    if (text.size() > 2 && text.front() == '(') text = text.substr(1, text.size() - 2);
    if (!is_request_path(text)) return;
    for (TSNode c : named_children(body))
      if (node_type(c) == "switch_case") add_path(field(c, "value"));
  }

  const SyntaxTree& tree_;
  ServerFacts& out_;
  bool http_module_ = false;
};

}  // namespace

bool wants_server_facts(const SourceFile& file) {
  Language l = file.language();
  return (l == Language::typescript || l == Language::tsx || l == Language::javascript) && !is_test_path(file.path());
}

void extract_server_facts(const SyntaxTree& tree, ServerFacts& out) {
  ServerExtractor(tree, out).run();
}

}  // namespace svc::engine
