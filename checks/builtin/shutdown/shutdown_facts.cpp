#include "checks/builtin/shutdown/shutdown_facts.h"

#include <algorithm>
#include <map>
#include <memory>
#include <set>

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "checks/facts/links/link_facts_yaml.h"
#include "checks/syntax/query.h"
#include "common/paths.h"

namespace svc::builtin {
namespace {

using engine::base_name;

// ---- code -----------------------------------------------------------------------

enum QueryId { kStarts, kSignals, kLibraries, kFunctions, kCalls, kWorkers, kPythonRuns };

constexpr const char* kNodeQueries[] = {
    // kStarts
    R"((call_expression function: (member_expression property: (property_identifier) @m) (#eq? @m "listen")) @match
       (call_expression function: (identifier) @fn (#eq? @fn "serve")) @match)",
    // kSignals
    R"((call_expression
         function: (member_expression object: (identifier) @obj property: (property_identifier) @m)
         arguments: (arguments . (_) @signal . (_) @handler)
         (#any-of? @obj "process" "Deno")
         (#any-of? @m "on" "once" "addListener" "prependListener" "prependOnceListener" "addSignalListener")) @match)",
    // kLibraries: these register the SIGTERM handling themselves
    R"((call_expression function: (identifier) @fn
         (#any-of? @fn "createTerminus" "closeWithGrace" "createHttpTerminator" "createLightship" "stoppable")) @match
       (call_expression function: (member_expression property: (property_identifier) @fn)
         (#any-of? @fn "enableShutdownHooks" "createTerminus" "createHttpTerminator" "createLightship")) @match)",
    // kFunctions: a handler passed by name
    R"((function_declaration name: (identifier) @name body: (_) @body)
       (variable_declarator name: (identifier) @name value: (arrow_function body: (_) @body))
       (variable_declarator name: (identifier) @name value: (function_expression body: (_) @body)))",
    // kCalls
    R"((call_expression function: (_) @fn) @match)",
    // kWorkers
    R"((new_expression constructor: (identifier) @c (#eq? @c "Worker")) @match)",
};

constexpr const char* kPythonRunsQuery =
    R"((call function: (attribute object: (_) @obj attribute: (identifier) @m)
         arguments: (argument_list) @args (#eq? @m "run")) @match)";

// Compiled once, on first use, for every language they are written for.
const engine::Query& query(engine::Language lang, QueryId id) {
  using engine::Language;
  static const auto all = [] {
    std::map<std::pair<Language, int>, std::unique_ptr<engine::Query>> m;
    for (Language l : {Language::typescript, Language::tsx, Language::javascript})
      for (int q = kStarts; q <= kWorkers; ++q) m[{l, q}] = std::make_unique<engine::Query>(l, kNodeQueries[q]);
    m[{Language::python, kPythonRuns}] = std::make_unique<engine::Query>(Language::python, kPythonRunsQuery);
    return m;
  }();
  return *all.at({lang, id});
}

CodeSite site(const engine::SyntaxTree& tree, TSNode node) {
  return {{tree.start(node), tree.end(node)}, std::string(tree.text(node))};
}

// The body of a handler: inline, or a function of that name in the same file.
TSNode handler_body(const engine::SyntaxTree& tree, TSNode handler) {
  std::string_view type = engine::node_type(handler);
  if (type == "arrow_function" || type == "function_expression" || type == "function")
    return engine::field(handler, "body");
  if (type != "identifier") return TSNode{};
  TSNode body{};
  query(tree.file().language(), kFunctions).for_each(tree, [&](const engine::QueryMatch& m) {
    if (ts_node_is_null(body) && tree.text(m["name"]) == tree.text(handler)) body = m["body"];
  });
  return body;
}

// Closing calls end the server, a pool or a client; trivial ones only log or exit.
// Any other call may close something out of sight.
std::optional<bool> closes(const engine::SyntaxTree& tree, TSNode body) {
  static const RE2 closing(R"((^|\.)\$?(close\w*|end|destroy|disconnect|quit|terminate|shutdown|stop|drain|dispose|abort)$)");
  static const RE2 trivial(R"(^(process\.exit|setTimeout|clearTimeout|setImmediate|resolve|reject)$)"
                           R"(|(^|\.)(log|info|warn|error|debug|fatal|trace|unref|flush)$)");
  if (ts_node_is_null(body)) return std::nullopt;
  bool closed = false, unknown = false;
  query(tree.file().language(), kCalls).for_each(tree, body, [&](const engine::QueryMatch& m) {
    std::string fn(tree.text(m["fn"]));
    if (RE2::PartialMatch(fn, closing)) closed = true;
    else if (!RE2::PartialMatch(fn, trivial)) unknown = true;
  });
  if (closed) return true;
  if (unknown) return std::nullopt;
  return false;
}

bool is_sigterm(const engine::SyntaxTree& tree, TSNode signal) {
  if (auto s = engine::string_value(tree, signal)) return *s == "SIGTERM";
  // `for (const sig of ['SIGTERM', 'SIGINT']) process.on(sig, ...)` and the like.
  static const RE2 literal(R"(['"`]SIGTERM['"`])");
  return RE2::PartialMatch(tree.file().text(), literal);
}

}  // namespace

NodeShutdownFacts node_shutdown_facts(const engine::SyntaxTree& tree) {
  NodeShutdownFacts out;
  engine::Language lang = tree.file().language();
  bool hono_node = tree.file().text().find("@hono/node-server") != std::string::npos;
  query(lang, kStarts).for_each(tree, [&](const engine::QueryMatch& m) {
    if (!ts_node_is_null(m["fn"]) && !hono_node) return;  // `serve` of something else
    out.starts.push_back(site(tree, m["match"]));
  });
  query(lang, kSignals).for_each(tree, [&](const engine::QueryMatch& m) {
    if (!is_sigterm(tree, m["signal"])) return;
    CodeSite at = site(tree, m["match"]);
    out.handlers.push_back({at.span, at.text, closes(tree, handler_body(tree, m["handler"]))});
  });
  query(lang, kLibraries).for_each(tree, [&](const engine::QueryMatch&) { out.library_call = true; });
  if (tree.file().text().find("bullmq") != std::string::npos)
    query(lang, kWorkers).for_each(tree, [&](const engine::QueryMatch&) { out.starts_worker = true; });
  return out;
}

namespace {

// The names a `.run()` receiver goes by: `app` for `app.run`, `create_app` for
// `create_app().run`, `asyncio` and `Runner` for `asyncio.Runner().run`.
std::vector<std::string> receiver_names(const engine::SyntaxTree& tree, TSNode obj) {
  while (engine::node_type(obj) == "call") obj = engine::field(obj, "function");
  static const RE2 word(R"(([A-Za-z_]\w*))");
  std::vector<std::string> out;
  re2::StringPiece text(tree.text(obj).data(), tree.text(obj).size());
  std::string name;
  while (RE2::FindAndConsume(&text, word, &name)) out.push_back(name);
  return out;
}

// Flask's dev server takes host, port and debug: `.run(host="0.0.0.0", port=8000)`.
bool flask_run_keywords(const engine::SyntaxTree& tree, TSNode args) {
  for (uint32_t i = 0; i < ts_node_named_child_count(args); ++i)
    if (TSNode a = ts_node_named_child(args, i); engine::node_type(a) == "keyword_argument") {
      std::string_view name = tree.text(engine::field(a, "name"));
      if (name == "host" || name == "port" || name == "debug") return true;
    }
  return false;
}

}  // namespace

std::vector<DevRun> python_dev_runs(const engine::SyntaxTree& tree) {
  static const RE2 reload(R"(\breload\s*=\s*True\b)");
  static const std::set<std::string> not_flask = {"asyncio", "subprocess", "anyio", "trio", "uvicorn", "hypercorn",
                                                  "socketio", "loop", "runner", "Runner", "celery", "unittest",
                                                  "pytest", "sanic", "Sanic"};
  const std::string& text = tree.file().text();
  bool flask = text.find("flask") != std::string::npos;
  bool sanic = text.find("sanic") != std::string::npos;  // Sanic's app.run is its production server
  std::vector<DevRun> out;
  query(engine::Language::python, kPythonRuns).for_each(tree, [&](const engine::QueryMatch& m) {
    std::string obj(tree.text(m["obj"]));
    auto names = receiver_names(tree, m["obj"]);
    if (names.empty()) return;
    CodeSite at = site(tree, m["match"]);
    if (names.size() == 1 && names[0] == "uvicorn") {
      if (RE2::PartialMatch(std::string(tree.text(m["args"])), reload))
        out.push_back({at.span, "uvicorn with reload=True"});
      return;
    }
    if (std::any_of(names.begin(), names.end(), [](const std::string& n) { return not_flask.count(n) > 0; })) return;
    // A file that never names flask may still run its app (`create_app().run(...)`,
    // the factory imported): Flask's host/port/debug keywords tell.
    if (flask && !sanic) out.push_back({at.span, "Flask's development server (`" + obj + ".run()`)"});
    else if (!sanic && flask_run_keywords(tree, m["args"]))
      out.push_back({at.span, "a development server (`" + obj + ".run()` with Flask's host/port/debug arguments)"});
  });
  return out;
}

}  // namespace svc::builtin
