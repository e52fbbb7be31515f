// JavaScript/TypeScript signals of work that outgrows a request: mail, media, sleeps and
// polling, cron schedules, promises nobody awaits, and processes spawned from Node.
#include <re2/re2.h>

#include "checks/facts/next/body_touches.h"
#include "checks/facts/signals/signal_libraries.h"
#include "checks/facts/signals/signals_js.h"

namespace svc::engine {
namespace {

// "fetch.then.catch" -> "fetch".
std::string without_promise_tail(std::string path) {
  for (;;) {
    auto dot = path.rfind('.');
    if (dot == std::string::npos) return path;
    std::string_view last = std::string_view(path).substr(dot + 1);
    if (last != "then" && last != "catch" && last != "finally") return path;
    path.erase(dot);
  }
}

// The program a spawn runs: the first word of its command ('python3 script.py' ->
// python3), or of `Bun.spawn(['python3', ...])`; the expression when it is not a literal.
std::string program_of(const SyntaxTree& tree, TSNode args) {
  for (TSNode arg : named_children(args)) {
    if (node_type(arg) == "comment") continue;
    if (node_type(arg) == "array" && ts_node_named_child_count(arg)) arg = ts_node_named_child(arg, 0);
    if (auto value = string_value(tree, arg)) {
      std::string command = *value;
      auto space = command.find_first_of(" \t");
      return "'" + command.substr(0, space) + "'";
    }
    return std::string(tree.text(arg));
  }
  return "";
}

bool is_function_type(std::string_view type) {
  return type == "function_declaration" || type == "function_expression" || type == "arrow_function" ||
         type == "method_definition" || type == "generator_function_declaration" || type == "generator_function";
}

}  // namespace

void JsSignals::on_work_call(TSNode call, const std::vector<std::string>& parts, const std::string& path) {
  const std::string& first = parts.front();
  const std::string& last = parts.back();
  TSNode args = field(call, "arguments");

  if (touch_kind(path) == TouchKind::mail) add(SignalKind::mail_send, without_promise_tail(path), call);

  // Sleeps and polling in server code (a UI's timers are its own business).
  if (!ui_) {
    bool awaited = node_type(ts_node_parent(call)) == "await_expression";
    bool sleeper = parts.size() == 1 ? first == "sleep" || first == "delay" || first == "setTimeout" ||
                                           (first == "wait" && ts_node_named_child_count(args) > 0)
                                     : last == "sleep" || last == "delay";
    if (awaited && sleeper) add(SignalKind::sleep_poll, "await " + path + "()", call);
    if (path == "setInterval" && !in_hook(call)) add(SignalKind::sleep_poll, "setInterval", call);
  }

  // Cron schedules in code: node-cron, node-schedule, Netlify scheduled functions.
  std::string module = module_of(first);
  bool cron = path == "cron.schedule" || (module == "node-cron" && (last == "schedule" || imported_name(first) == "schedule")) ||
              (module == "node-schedule" && last == "scheduleJob") ||
              (module == "@netlify/functions" && parts.size() == 1 && imported_name(first) == "schedule");
  if (cron) add(SignalKind::cron, path + "('" + first_literal(call) + "')", call);

  // Work handed to the platform to finish after the response.
  if (last == "waitUntil") add(SignalKind::fire_and_forget, path, call);
  if (parts.size() == 1 && module == "next/server" && (imported_name(first) == "after" || imported_name(first) == "unstable_after"))
    add(SignalKind::fire_and_forget, path + "() from next/server", call);

  if (is_spawner(parts) || path == "Bun.spawn" || path == "Bun.spawnSync")
    add(SignalKind::spawn_process, path + "(" + program_of(tree_, args) + ")", call);
}

bool JsSignals::is_spawner(const std::vector<std::string>& parts) const {
  if (parts.size() == 1) return spawners_.count(parts[0]) > 0;
  static const std::set<std::string_view> methods = {"spawn", "spawnSync", "exec", "execSync",
                                                     "execFile", "execFileSync", "fork"};
  return parts.size() == 2 && process_namespaces_.count(parts[0]) && methods.count(parts[1]);
}

void JsSignals::on_new(TSNode node) {
  std::string ctor = member_path(tree_, field(node, "constructor"), g_);
  TSNode parent = ts_node_parent(node);
  if ((ctor == "Webhook" || ctor == "Webhooks") && node_type(parent) == "variable_declarator" &&
      node_type(field(parent, "name")) == "identifier")
    webhook_verifiers_.insert(text(field(parent, "name")));
  if (ctor == "CronJob" || ctor.ends_with(".CronJob")) {
    TSNode args = field(node, "arguments");
    auto list = named_children(args);
    auto value = list.empty() ? std::nullopt : string_value(tree_, list.front());
    add(SignalKind::cron, "new CronJob('" + value.value_or("") + "')", node);
  }
  if (ctor == "SendEmailCommand" || ctor == "SendRawEmailCommand" || ctor == "SendBulkEmailCommand")
    add(SignalKind::mail_send, ctor, node);
  if (ctor == "Deno.Command")
    add(SignalKind::spawn_process, "new Deno.Command(" + program_of(tree_, field(node, "arguments")) + ")", node);
  // `await new Promise((r) => setTimeout(r, ms))`
  if (ctor == "Promise" && !ui_ && node_type(parent) == "await_expression" &&
      tree_.text(node).find("setTimeout") != std::string_view::npos)
    add(SignalKind::sleep_poll, "await new Promise(setTimeout)", node);
}

// `{ cron: '0 9 * * *' }` (Inngest, Trigger.dev, QStash schedules), `repeat: { pattern }` (BullMQ).
void JsSignals::on_pair(TSNode pair) {
  TSNode key = field(pair, "key");
  std::string name = node_type(key) == "string" ? string_value(tree_, key).value_or("") : text(key);
  static const std::set<std::string_view> keys = {"cron", "schedule", "cronExpression", "cronTime", "pattern"};
  if (!keys.count(name)) return;
  auto value = string_value(tree_, field(pair, "value"));
  if (value && is_cron_expression(*value)) add(SignalKind::cron, name + ": '" + *value + "'", pair);
}

// NestJS @nestjs/schedule: `@Cron('0 * * * *')`, `@Interval(10000)`.
void JsSignals::on_decorator(TSNode decorator) {
  if (ts_node_named_child_count(decorator) == 0) return;
  TSNode call = ts_node_named_child(decorator, 0);
  if (node_type(call) != "call_expression") return;
  std::string name = text(field(call, "function"));
  if (name == "Cron") add(SignalKind::cron, "@" + text(call), decorator);
  if (name == "Interval") add(SignalKind::sleep_poll, "@" + text(call), decorator);
}

namespace {

// `sendEmail(x).then(a).catch(b)`: the call the chain starts from and its first handler.
struct PromiseChain {
  std::string base;       // "sendEmail", "" when the chain starts from no named thing
  bool base_call = false;  // the chain starts with a call, not a promise held in a variable
  bool base_import = false;  // `import('x').then(...)`: a module loading, not work
  std::string handler;    // "then", "catch", "finally", "" for a bare call
};

PromiseChain chain_of(const SyntaxTree& tree, TSNode call) {
  PromiseChain out;
  TSNode node = call;
  while (node_type(node) == "call_expression") {
    TSNode fn = field(node, "function");
    if (node_type(fn) != "member_expression") break;
    std::string property(tree.text(field(fn, "property")));
    if (property != "then" && property != "catch" && property != "finally") break;
    out.handler = property;
    node = field(fn, "object");
  }
  out.base_call = node_type(node) == "call_expression";
  out.base_import = out.base_call && node_type(field(node, "function")) == "import";
  out.base = member_path(tree, out.base_call ? field(node, "function") : node, js_route_grammar());
  return out;
}

std::string describe(const PromiseChain& chain) {
  std::string out = chain.base.empty() ? "(...)" : chain.base;
  if (chain.base_call) out += "()";
  if (!chain.handler.empty()) out += "." + chain.handler;
  return out;
}

}  // namespace

// A statement that starts a promise and drops it, inside a function of server code:
// `void sendEmail()`, `notify().then(...)`, `fetch(url)` without await. Top-level
// statements (`main().catch(console.error)` in a script) are no handler's, and a
// handler attached to a promise held in a variable leaves it to be awaited elsewhere.
void JsSignals::on_statement(TSNode statement) {
  if (ui_ || ts_node_named_child_count(statement) == 0) return;
  TSNode expr = ts_node_named_child(statement, 0);
  std::string note;
  if (node_type(expr) == "unary_expression" && tree_.text(field(expr, "operator")) == "void") {
    TSNode arg = field(expr, "argument");
    if (node_type(arg) == "call_expression") note = "void " + describe(chain_of(tree_, arg));
  } else if (node_type(expr) == "call_expression") {
    PromiseChain chain = chain_of(tree_, expr);
    auto kind = touch_kind(chain.base);
    bool promised = chain.handler.empty() && kind && (*kind == TouchKind::mail || *kind == TouchKind::http);
    // Workflow builders' `when(cond, fn).then(step)` (Medusa) is a branch and Cypress's
    // `cy.get(...).then(...)` a command queue, not promises.
    bool thenable = chain.base == "when" || chain.base.starts_with("cy.") || chain.base_import;
    if (!chain.handler.empty() && chain.base_call && !thenable) note = describe(chain);
    // Mail and HTTP calls return promises; a stream's `enqueue` does not.
    else if (promised) note = chain.base + "() not awaited";
  }
  if (note.empty() || ts_node_is_null(enclosing_function(statement, g_)) || in_hook(statement)) return;
  add(SignalKind::fire_and_forget, note, statement);
}

// `const run = promisify(exec)`: the promised form spawns too.
void JsSignals::on_declarator(TSNode declarator) {
  TSNode value = field(declarator, "value");
  if (ts_node_is_null(value) || node_type(value) != "call_expression") return;
  std::string callee = member_path(tree_, field(value, "function"), g_);
  if (callee != "promisify" && callee != "util.promisify") return;
  auto args = named_children(field(value, "arguments"));
  if (args.empty()) return;
  auto parts = member_path_parts(tree_, args.front(), g_);
  if (!parts.empty() && is_spawner(parts) && node_type(field(declarator, "name")) == "identifier")
    spawners_.insert(text(field(declarator, "name")));
}

// Inside the arguments of fetch/axios/...: a header there is sent, not served.
bool JsSignals::in_outgoing_request(TSNode node) const {
  for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); p = ts_node_parent(p)) {
    std::string_view type = node_type(p);
    if (type == "call_expression" && touch_kind(member_path(tree_, field(p, "function"), g_)) == TouchKind::http)
      return true;
    if (type == "expression_statement" || type == "lexical_declaration" || type == "return_statement" ||
        is_function_type(type))
      return false;
  }
  return false;
}

// Inside a React hook (`useX`) of a .ts file: its timers are the UI's.
bool JsSignals::in_hook(TSNode node) const {
  static const RE2 hook(R"(^use[A-Z0-9])");
  for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); p = ts_node_parent(p)) {
    if (!is_function_type(node_type(p))) continue;
    TSNode name = field(p, "name");
    if (ts_node_is_null(name) && node_type(ts_node_parent(p)) == "variable_declarator")
      name = field(ts_node_parent(p), "name");
    if (!ts_node_is_null(name) && RE2::PartialMatch(std::string(tree_.text(name)), hook)) return true;
  }
  return false;
}

}  // namespace svc::engine
