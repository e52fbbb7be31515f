#include "checks/facts/next/body_touches.h"

#include <algorithm>
#include <map>
#include <set>

#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

constexpr std::size_t kMaxCalls = 32;  // a body's evidence, not its inventory

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "fetch.then.catch" -> "fetch": promise plumbing says nothing about the call.
std::string_view without_promise_tail(std::string_view path) {
  for (;;) {
    auto dot = path.rfind('.');
    if (dot == std::string_view::npos) return path;
    auto last = path.substr(dot + 1);
    if (last != "then" && last != "catch" && last != "finally") return path;
    path = path.substr(0, dot);
  }
}

bool is_loop_statement(std::string_view type) {
  return type == "for_statement" || type == "for_in_statement" || type == "while_statement" || type == "do_statement";
}

std::string loop_kind(const SyntaxTree& tree, TSNode loop) {
  std::string_view type = node_type(loop);
  if (type == "for_statement") return "for";
  if (type == "while_statement") return "while";
  if (type == "do_statement") return "do";
  return tree.text(field(loop, "operator")) == "in" ? "for-in" : "for-of";
}

// `items.map(async (x) => ...)`: the callback runs once per item. Returns the method.
std::string_view iteration_method(const SyntaxTree& tree, TSNode fn) {
  TSNode args = ts_node_parent(fn);
  if (ts_node_is_null(args) || node_type(args) != "arguments") return {};
  TSNode call = ts_node_parent(args);
  TSNode callee = field(call, "function");
  if (ts_node_is_null(callee) || node_type(callee) != "member_expression") return {};
  std::string_view method = tree.text(field(callee, "property"));
  return method == "map" || method == "forEach" || method == "flatMap" ? method : std::string_view{};
}

bool is_function(TSNode node) {
  if (ts_node_is_null(node)) return false;
  const auto& fns = js_route_grammar().functions;
  return std::find(fns.begin(), fns.end(), node_type(node)) != fns.end();
}

// Work whose latency repeats per iteration: the review's kinds, or a database call.
bool is_round_trip(std::string_view callee) {
  if (touch_kind(callee)) return true;
  auto first = callee.substr(0, callee.find('.'));
  return first == "tx" || first == "trx" || names_dependency(callee);
}

// Bodies of the file's top-level functions by name (`async function notify()`, `const
// notify = async () => {}`): a body that calls one does what it does.
std::map<std::string, TSNode, std::less<>> top_level_functions(const SyntaxTree& tree) {
  std::map<std::string, TSNode, std::less<>> out;
  for (TSNode statement : named_children(tree.root())) {
    if (node_type(statement) == "export_statement") statement = field(statement, "declaration");
    if (ts_node_is_null(statement)) continue;
    if (node_type(statement) == "function_declaration") {
      out[std::string(tree.text(field(statement, "name")))] = field(statement, "body");
    } else if (node_type(statement) == "lexical_declaration") {
      for (TSNode d : named_children(statement))
        if (node_type(d) == "variable_declarator" && is_function(field(d, "value")))
          out[std::string(tree.text(field(d, "name")))] = field(field(d, "value"), "body");
    }
  }
  return out;
}

class TouchWalker {
 public:
  TouchWalker(const SyntaxTree& tree, TSNode body) : tree_(tree), body_(body) {
    out_.body = span_of(tree, body);
  }

  BodyTouches run() {
    walk(body_);
    // One level into helpers of this file the body calls: their loops and calls are its own.
    auto helpers = top_level_functions(tree_);
    for (const auto& name : called_) {
      auto it = helpers.find(name);
      if (it == helpers.end() || ts_node_is_null(it->second) || ts_node_eq(it->second, body_)) continue;
      if (ts_node_start_byte(it->second) >= ts_node_start_byte(body_) && ts_node_end_byte(it->second) <= ts_node_end_byte(body_))
        continue;  // defined inside the body: already walked
      TSNode saved = body_;
      body_ = it->second;
      walk(body_);
      body_ = saved;
    }
    return std::move(out_);
  }

 private:
  void walk(TSNode root) {
    for_each_node(root, [&](TSNode node) {
      if (node_type(node) == "call_expression") on_call(node);
      else if (node_type(node) == "await_expression") on_await(node);
    });
  }

  std::string callee_of(TSNode call) const { return member_path(tree_, field(call, "function"), js_route_grammar()); }

  void on_call(TSNode call) {
    std::string callee = callee_of(call);
    if (!callee.empty() && callee.find('.') == std::string::npos && ts_node_eq(body_, root_body_))
      called_.insert(callee);
    if (auto kind = touch_kind(callee); kind && out_.calls.size() < kMaxCalls)
      out_.calls.push_back({*kind, std::string(without_promise_tail(callee)), span_of(tree_, call)});
    // `Promise.all(items.map((x) => db.update(x)))`: awaited through Promise.all, no `await` inside.
    if (callee != "Promise.all" && callee != "Promise.allSettled") return;
    TSNode args = field(call, "arguments");
    for (TSNode arg : named_children(args)) {
      if (node_type(arg) != "call_expression") continue;
      for (TSNode fn : named_children(field(arg, "arguments"))) {
        if (!is_function(fn) || iteration_method(tree_, fn).empty()) continue;
        TSNode fn_body = field(fn, "body");
        if (node_type(fn_body) != "call_expression") continue;
        std::string inner = callee_of(fn_body);
        if (is_round_trip(inner)) add_loop(fn, std::string(iteration_method(tree_, fn)), inner);
      }
    }
  }

  void on_await(TSNode await) {
    TSNode arg = ts_node_named_child_count(await) ? ts_node_named_child(await, 0) : TSNode{};
    if (ts_node_is_null(arg) || node_type(arg) != "call_expression") return;
    std::string callee = callee_of(arg);
    if (callee.empty() || !is_round_trip(callee)) return;
    // Every loop between the await and the body repeats it; a function that is no
    // iteration callback ends the search (it runs when called, not per item here).
    for (TSNode p = ts_node_parent(await); !ts_node_is_null(p) && !ts_node_eq(p, body_); p = ts_node_parent(p)) {
      if (is_loop_statement(node_type(p))) {
        add_loop(p, loop_kind(tree_, p), callee);
      } else if (is_function(p)) {
        std::string_view method = iteration_method(tree_, p);
        if (method.empty()) return;
        add_loop(p, std::string(method), callee);
      }
    }
  }

  void add_loop(TSNode loop, std::string kind, const std::string& awaited) {
    if (!seen_.insert(ts_node_start_byte(loop)).second) return;
    out_.loops.push_back({std::move(kind), std::string(without_promise_tail(awaited)), span_of(tree_, loop)});
  }

  const SyntaxTree& tree_;
  TSNode body_;
  const TSNode root_body_ = body_;
  BodyTouches out_;
  std::set<std::string> called_;
  std::set<std::uint32_t> seen_;
};

}  // namespace

std::optional<TouchKind> touch_kind(std::string_view callee) {
  callee = without_promise_tail(callee);
  if (callee.empty()) return std::nullopt;
  auto dot = callee.rfind('.');
  std::string_view last = dot == std::string_view::npos ? callee : callee.substr(dot + 1);
  std::string_view first = callee.substr(0, callee.find('.'));
  std::string owner = dot == std::string_view::npos ? "" : lower(callee.substr(0, dot));
  static const std::set<std::string_view> http = {"fetch", "axios", "ky", "got", "ofetch", "$fetch"};
  if (http.count(first)) return TouchKind::http;
  static const std::set<std::string_view> mail_calls = {"sendMail", "sendEmail", "sendEmails", "sendBatchEmail"};
  if (mail_calls.count(last) || callee == "sgMail.send" || callee.ends_with("emails.send") ||
      (callee.ends_with("batch.send") && owner.find("resend") != std::string::npos))
    return TouchKind::mail;
  if (last == "enqueue" || last == "delay" || last == "sendToQueue" || last == "publishJSON" ||
      ((last == "add" || last == "addBulk") && owner.find("queue") != std::string::npos) ||
      callee == "inngest.send" || last == "triggerJob" ||
      ((last == "trigger" || last == "batchTrigger") && (owner.find("task") != std::string::npos || owner.find("job") != std::string::npos)) ||
      (last == "publish" && owner.find("qstash") != std::string::npos))
    return TouchKind::queue;
  return std::nullopt;
}

BodyTouches summarize_touches(const SyntaxTree& tree, TSNode body) {
  if (ts_node_is_null(body)) return {};
  return TouchWalker(tree, body).run();
}

}  // namespace svc::engine
