// BullMQ job sites of JavaScript/TypeScript: `queue.add` / `addBulk` and FlowProducer
// jobs without a jobId, Workers and NestJS @Processor classes, and the top-level
// functions a Worker in another module may name as its handler.
#include <map>
#include <optional>

#include "checks/builtin/jobs/job_sites.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_facts_js.h"
#include "checks/syntax/code_syntax.h"

namespace svc::builtin {
namespace {

using namespace engine;

constexpr char kJobPatterns[] = R"q(
(import_statement (import_clause) @clause source: (string) @source) @import
(new_expression constructor: (_) @ctor arguments: (arguments) @args) @new
(call_expression
  function: (member_expression object: (_) @object property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "add" "addBulk")) @add
(function_declaration name: (identifier) @name body: (_) @body) @function
(variable_declarator name: (identifier) @name value: [(arrow_function) (function_expression)] @fn) @function_var
(variable_declarator name: (identifier) @name value: (call_expression function: (identifier) @factory)) @factory_var
(export_statement value: [(arrow_function) (function_expression)] @fn) @default_export
(decorator (call_expression function: (identifier) @deco arguments: (arguments) @args)
  (#any-of? @deco "Processor" "InjectQueue")) @decorator
(method_definition name: (property_identifier) @name body: (statement_block) @body) @method
(variable_declarator name: (identifier) @name value: [(call_expression) (member_expression)] @value) @alias
)q";

enum class IdState { has, missing, unknown };

std::string last_segment(std::string_view s) {
  auto dot = s.rfind('.');
  return std::string(dot == std::string_view::npos ? s : s.substr(dot + 1));
}

std::string strip_this(std::string_view s) {
  return std::string(s.rfind("this.", 0) == 0 ? s.substr(5) : s);
}

class JsJobSites {
 public:
  JsJobSites(const SyntaxTree& tree, JobSites& out) : tree_(tree), out_(out) {}

  void run() {
    auto by_root = matches_by_root(js_query<kJobPatterns>(tree_.file().language()), tree_,
                                   {"import", "new", "add", "function", "function_var", "factory_var",
                                    "default_export", "decorator", "method", "alias"});
    for (const QueryMatch& m : by_root["import"]) add_imports(m["clause"], m["source"]);
    for (const QueryMatch& m : by_root["alias"])
      if (std::string key = receiver_key(m["value"]); !key.empty()) aliases_[text(m["name"])] = key;
    add_field_aliases();
    for (const QueryMatch& m : by_root["factory_var"]) add_factory_result(m["factory_var"], m["name"], m["factory"]);
    for (const QueryMatch& m : by_root["function"]) add_function(m["name"], m["function"], m["body"]);
    for (const QueryMatch& m : by_root["function_var"]) add_function(m["name"], m["fn"], field(m["fn"], "body"));
    for (const QueryMatch& m : by_root["default_export"]) add_function({}, m["fn"], field(m["fn"], "body"));
    for (const auto& [name, fn] : functions_)  // once all are known: judge() looks one call down
      out_.handlers.push_back({name, span_of(tree_, fn), tree_.start(fn).line, false, judge(bodies_[name]), {}});
    // Handler modules and producers of an imported queue need not name bullmq; a queue does.
    if (uses_bullmq()) {
      for (const QueryMatch& m : by_root["new"]) on_new(m);
      for (const QueryMatch& m : by_root["decorator"]) on_decorator(m);
      for (const QueryMatch& m : by_root["method"]) on_static_accessor(m["method"], m["body"]);
    }
    for (const QueryMatch& m : by_root["add"]) on_add(m);
  }

 private:
  bool uses_bullmq() const {
    const std::string& t = tree_.file().text();
    return t.find("bullmq") != std::string::npos || t.find("'bull'") != std::string::npos ||
           t.find("\"bull\"") != std::string::npos || t.find("@nestjs/bull") != std::string::npos;
  }

  std::string text(TSNode n) const { return std::string(tree_.text(n)); }

  // `import handler, { emails as q } from './queues'`: local names of local modules.
  // Names from packages are kept apart: only a class's static accessor is followed there.
  void add_imports(TSNode clause, TSNode source) {
    auto module = string_value(tree_, source);
    if (!module) return;
    auto& imports = is_local_module(*module) ? imports_ : package_imports_;
    for (TSNode n : named_children(clause)) {
      if (node_type(n) == "identifier") imports[text(n)] = {*module, "default"};
      if (node_type(n) != "named_imports") continue;
      for (TSNode spec : named_children(n)) {
        TSNode name = field(spec, "name"), alias = field(spec, "alias");
        if (!ts_node_is_null(name)) imports[text(ts_node_is_null(alias) ? name : alias)] = {*module, text(name)};
      }
    }
  }

  // Top-level functions: handlers a Worker of this file or of another module may name.
  // A factory (`function processItem(deps) { return async (job) => ... }`) stands for
  // the function it returns.
  void add_function(TSNode name, TSNode fn, TSNode body) {
    TSNode scope = enclosing_function(fn, js_route_grammar());
    if (!ts_node_is_null(scope)) return;
    if (TSNode inner = returned_function(body); !ts_node_is_null(inner)) {
      fn = inner;
      body = field(inner, "body");
    }
    std::string n = ts_node_is_null(name) ? "default" : text(name);
    bodies_[n] = body;
    functions_[n] = fn;
    TSNode parent = ts_node_parent(fn);  // `export default function handler(job)` is imported as default
    if (n != "default" && node_type(parent) == "export_statement" && tree_.text(parent).rfind("export default", 0) == 0) {
      bodies_["default"] = body;
      functions_["default"] = fn;
    }
  }

  // The function a body returns as its only statement of that kind: `return async (job) => {...}`,
  // or an arrow's expression body that is itself a function.
  TSNode returned_function(TSNode body) const {
    if (is_function_node(body)) return body;
    if (node_type(body) != "statement_block") return TSNode{};
    TSNode found{};
    for (TSNode stmt : named_children(body)) {
      if (node_type(stmt) != "return_statement" || !ts_node_named_child_count(stmt)) continue;
      TSNode value = ts_node_named_child(stmt, 0);
      if (!is_function_node(value) || !ts_node_is_null(found)) return TSNode{};
      found = value;
    }
    return found;
  }

  // `const handle = processItemCreated(deps)`: the handler is what the factory returns.
  void add_factory_result(TSNode declarator, TSNode name, TSNode factory) {
    if (ts_node_is_null(enclosing_function(declarator, js_route_grammar())))
      factory_results_[text(name)] = text(factory);
  }

  // A handler's verdict, following calls to functions of this file one level down.
  SkipKey judge(TSNode body) const {
    SkipKey best = processed_check(tree_, body);
    std::string_view code = tree_.text(body);
    for (const auto& [name, other] : bodies_)
      if (best != SkipKey::data && !ts_node_eq(other, body) && code.find(name + "(") != std::string_view::npos)
        best = stronger(best, direct(name, other));
    return best;
  }

  SkipKey direct(const std::string& name, TSNode body) const {
    auto it = direct_.find(name);
    if (it == direct_.end()) it = direct_.emplace(name, processed_check(tree_, body)).first;
    return it->second;
  }

  void on_new(const QueryMatch& m) {
    std::string ctor = last_segment(tree_.text(m["ctor"]));
    auto args = call_arguments(m["args"]);
    if (ctor == "Worker" && args.size() >= 2) add_worker(m["new"], args[1]);
    if (ctor == "Queue" || ctor == "FlowProducer") bind(m["new"], tree_.start(m["new"]), ctor == "FlowProducer");
  }

  // `new Worker('emails', handler)`: the handler inline, a function here, or imported; a
  // factory call (`createProcessor(redis)`, or a variable holding its result) stands for
  // the function the factory returns. A handler none of these is `unseen`.
  void add_worker(TSNode worker, TSNode handler) {
    JobHandler h{"", span_of(tree_, worker), tree_.start(handler).line, true, SkipKey::unseen, {}};
    std::string name;
    if (node_type(handler) == "call_expression" && node_type(field(handler, "function")) == "identifier")
      name = text(field(handler, "function"));
    else if (node_type(handler) == "identifier")
      name = text(handler);
    if (auto it = factory_results_.find(name); it != factory_results_.end() && !bodies_.count(name)) name = it->second;
    if (is_function_node(handler)) {
      h.skip = judge(field(handler, "body"));
    } else if (auto it = bodies_.find(name); !name.empty() && it != bodies_.end()) {
      h.skip = judge(it->second);
      h.line = tree_.start(it->second).line;
    } else if (auto imp = imports_.find(name); !name.empty() && imp != imports_.end()) {
      h.delegate_import = imp->second;
    }
    out_.handlers.push_back(std::move(h));
  }

  // The name a `new Queue(...)` or `@InjectQueue(...)` is held under: a variable, a class
  // field, `this.queue = ...`, a constructor parameter. A static field or a static
  // accessor that returns the queue is held under its class: `OrdersQueue.instance`,
  // `OrdersQueue.getInstance()`.
  void bind(TSNode node, Position site, bool flow) {
    TSNode p = ts_node_parent(node);
    while (!ts_node_is_null(p) && (node_type(p) == "await_expression" || node_type(p) == "parenthesized_expression"))
      p = ts_node_parent(p);
    if (ts_node_is_null(p)) return;
    std::string_view type = node_type(p);
    TSNode name{};
    bool class_field = type == "public_field_definition" || type == "field_definition";
    if (type == "variable_declarator" || type == "public_field_definition") name = field(p, "name");
    else if (type == "field_definition") name = field(p, "property");
    else if (type == "assignment_expression" || type == "augmented_assignment_expression") name = field(p, "left");
    else if (type == "required_parameter" || type == "optional_parameter") name = field(p, "pattern");
    else if (type == "return_statement") return bind_key(accessor_key(p), site, flow);
    if (ts_node_is_null(name)) return;
    bind_key(strip_this(tree_.text(name)), site, flow);
    if (class_field && has_token(p, "static")) bind_key(class_key(p, text(name)), site, flow);
    if (tree_.text(name).rfind("this.", 0) == 0) bind_key(class_key(p, strip_this(tree_.text(name))), site, flow);
    if (node_type(ts_node_parent(p)) == "return_statement") bind_key(accessor_key(ts_node_parent(p)), site, flow);
  }

  void bind_key(const std::string& key, Position site, bool flow) {
    if (key.empty()) return;
    bindings_[key] = {site, flow};
    if (!flow) out_.queues.push_back({key, site});
  }

  static bool has_token(TSNode node, std::string_view token) {
    for (uint32_t i = 0, n = ts_node_child_count(node); i < n; ++i)
      if (node_type(ts_node_child(node, i)) == token) return true;
    return false;
  }

  // "OrdersQueue.<member>" when `node` is inside a static member of a class, else "".
  // A default-exported class is imported as `default`: its key starts so.
  std::string class_key(TSNode node, const std::string& member) const {
    TSNode owner = node;
    while (!ts_node_is_null(owner) && node_type(owner) != "method_definition" &&
           node_type(owner) != "public_field_definition" && node_type(owner) != "field_definition")
      owner = ts_node_parent(owner);
    if (ts_node_is_null(owner) || !has_token(owner, "static")) return "";
    TSNode cls = ts_node_parent(ts_node_parent(owner));  // class_body -> class
    TSNode name = ts_node_is_null(cls) ? TSNode{} : field(cls, "name");
    if (ts_node_is_null(name)) return "";
    TSNode exported = ts_node_parent(cls);
    bool by_default = node_type(exported) == "export_statement" && tree_.text(exported).rfind("export default", 0) == 0;
    return (by_default ? "default." : text(name) + ".") + member;
  }

  // The key of the static accessor a `return` belongs to: `getInstance()`, or a getter's name.
  std::string accessor_key(TSNode ret) const {
    TSNode method = ret;
    while (!ts_node_is_null(method) && node_type(method) != "method_definition" && !is_function_node(method))
      method = ts_node_parent(method);
    if (ts_node_is_null(method) || node_type(method) != "method_definition") return "";
    std::string name = text(field(method, "name"));
    return class_key(method, has_token(method, "get") ? name : name + "()");
  }

  // `static getInstance() { ...; return OrdersQueue.instance; }`: an accessor of a queue
  // another member holds (a static field, or a module variable).
  void on_static_accessor(TSNode method, TSNode body) {
    if (!has_token(method, "static")) return;
    std::vector<TSNode> stack{body};
    while (!stack.empty()) {
      TSNode n = stack.back();
      stack.pop_back();
      if (is_function_node(n)) continue;
      for (TSNode child : named_children(n)) stack.push_back(child);
      if (node_type(n) != "return_statement" || !ts_node_named_child_count(n)) continue;
      std::string held = receiver_key(ts_node_named_child(n, 0));
      if (held.rfind("this.", 0) == 0) held = class_key(method, held.substr(5));
      auto it = bindings_.find(held);
      if (it != bindings_.end() && !it->second.flow) bind_key(accessor_key(n), it->second.site, false);
    }
  }

  // `private queue = OrdersQueue.getInstance()`: class fields (TypeScript's
  // public_field_definition, JavaScript's field_definition) set from an accessor.
  void add_field_aliases() {
    std::vector<TSNode> stack{tree_.root()};
    while (!stack.empty()) {
      TSNode n = stack.back();
      stack.pop_back();
      for (TSNode child : named_children(n)) stack.push_back(child);
      bool ts = node_type(n) == "public_field_definition";
      if (!ts && node_type(n) != "field_definition") continue;
      TSNode name = field(n, ts ? "name" : "property"), value = field(n, "value");
      if (ts_node_is_null(name) || ts_node_is_null(value)) continue;
      std::string_view type = node_type(value);
      if (type != "call_expression" && type != "member_expression") continue;
      if (std::string key = receiver_key(value); !key.empty()) aliases_[text(name)] = key;
    }
  }

  // What a receiver is called: `emails`, `this.queue` -> `queue`, `OrdersQueue.instance`,
  // `OrdersQueue.getInstance()` (a call without arguments, the accessor itself).
  std::string receiver_key(TSNode n) const {
    while (node_type(n) == "await_expression" || node_type(n) == "parenthesized_expression" ||
           node_type(n) == "non_null_expression")
      n = ts_node_named_child(n, 0);
    if (node_type(n) == "call_expression") {
      TSNode args = field(n, "arguments");
      if (!ts_node_is_null(args) && ts_node_named_child_count(args) == 0) return receiver_key(field(n, "function")) + "()";
      return "";
    }
    if (node_type(n) == "assignment_expression" || node_type(n) == "augmented_assignment_expression")
      return receiver_key(field(n, "left"));
    return std::string(tree_.text(n));
  }

  void on_decorator(const QueryMatch& m) {
    TSNode deco = m["decorator"];
    if (tree_.text(m["deco"]) == "InjectQueue") return bind(deco, tree_.start(deco), false);
    // @Processor('emails') on a class (or on `export class`): the class body is the handler.
    TSNode owner = ts_node_parent(deco);
    if (!ts_node_is_null(owner) && node_type(owner) == "export_statement") owner = field(owner, "declaration");
    TSNode body = ts_node_is_null(owner) ? TSNode{} : field(owner, "body");
    if (ts_node_is_null(body)) return;
    out_.handlers.push_back({"", span_of(tree_, deco), tree_.start(owner).line, true, judge(body), {}});
  }

  void on_add(const QueryMatch& m) {
    std::string receiver = strip_this(receiver_key(m["object"]));
    if (auto alias = aliases_.find(receiver); alias != aliases_.end() && !bindings_.count(receiver))
      receiver = strip_this(alias->second);
    auto args = call_arguments(m["args"]);
    JobProducer p{"bullmq", "", "is added", span_of(tree_, m["add"]), {}, {}, "", {}, ""};
    bool flow = false;
    if (auto it = bindings_.find(receiver); it != bindings_.end()) {
      p.queue_site = it->second.site;
      flow = it->second.flow;
    } else if (auto imp = imported(receiver)) {
      p.queue_import = *imp;
    } else {
      return;  // `.add` on something not known to be a queue: a Set, a list builder ...
    }
    bool bulk = tree_.text(m["method"]) == "addBulk";
    if (args.empty()) return;
    flow = flow || node_type(args[0]) == "object";  // Queue.add takes a name first; a flow, a job object
    if (bulk) p.how = "are added with addBulk";
    if (bulk || flow) {
      if (!judge_entries(bulk ? named_children(args[0]) : std::vector<TSNode>{args[0]}, p)) return;
      if (flow && p.queue.empty()) return;  // a flow job names its queue; unseen here
    } else {
      if (options_id(args.size() > 2 ? args[2] : TSNode{}, &p.volatile_id) != IdState::missing) return;
      p.job = job_name(args[0]);
    }
    out_.producers.push_back(std::move(p));
  }

  // `{ name, data, opts: { jobId } }` entries of addBulk and FlowProducer.add: true when
  // some entry has no jobId and none hides its options; names those jobs.
  bool judge_entries(const std::vector<TSNode>& entries, JobProducer& p) const {
    std::string missing;
    for (TSNode e : entries) {
      if (node_type(e) == "comment") continue;
      if (node_type(e) != "object") return false;
      for (TSNode n : named_children(e))
        if (node_type(n) == "spread_element") return false;
      IdState id = options_id(object_value(tree_, e, "opts"), &p.volatile_id);
      if (id == IdState::unknown) return false;
      if (id == IdState::has) continue;
      if (auto q = string_value(tree_, object_value(tree_, e, "queueName"))) p.queue = *q;
      missing += (missing.empty() ? "" : ", ") + job_name(object_value(tree_, e, "name"));
    }
    p.job = missing;
    return !missing.empty();
  }

  // A jobId, a deduplication/debounce option or a repeat (whose jobs BullMQ ids itself).
  // An id built from the clock or randomness is no id: `volatile_id` gets its source.
  IdState options_id(TSNode opts, std::string* volatile_id = nullptr) const {
    if (ts_node_is_null(opts)) return IdState::missing;
    if (node_type(opts) != "object") return IdState::unknown;
    IdState state = IdState::missing;
    for (TSNode n : named_children(opts)) {
      if (node_type(n) == "spread_element") state = IdState::unknown;
      TSNode key = node_type(n) == "pair" ? field(n, "key") : n;
      std::string k = string_value(tree_, key).value_or(text(key));
      if (k == "repeat") return IdState::has;
      if (k != "jobId" && k != "deduplication" && k != "debounce") continue;
      TSNode value = node_type(n) == "pair" ? field(n, "value") : n;
      if (k != "jobId" && node_type(value) == "object") value = object_value(tree_, value, "id");
      std::string fresh = volatile_job_id(tree_, value);
      if (fresh.empty()) return IdState::has;
      if (volatile_id) *volatile_id = fresh;
    }
    return state;
  }

  // The module and exported name a receiver comes from: `emails`, or a class's static
  // member `OrdersQueue.getInstance()` (also from a package: the class is found by name).
  std::optional<ImportedName> imported(const std::string& receiver) const {
    if (auto it = imports_.find(receiver); it != imports_.end()) return it->second;
    auto dot = receiver.find('.');
    if (dot == std::string::npos) return std::nullopt;
    std::string head = receiver.substr(0, dot), rest = receiver.substr(dot);
    if (auto it = imports_.find(head); it != imports_.end()) return ImportedName{it->second.module, it->second.name + rest};
    if (auto it = package_imports_.find(head); it != package_imports_.end())
      return ImportedName{it->second.module, it->second.name + rest};
    return std::nullopt;
  }

  std::string job_name(TSNode n) const {
    if (ts_node_is_null(n)) return "(unnamed)";
    if (auto s = string_value(tree_, n)) return "'" + *s + "'";
    std::string t = text(n);
    return t.size() > 40 ? t.substr(0, 37) + "..." : t;
  }

  struct Binding {
    Position site;
    bool flow = false;
  };
  const SyntaxTree& tree_;
  JobSites& out_;
  std::map<std::string, ImportedName> imports_, package_imports_;
  std::map<std::string, std::string> aliases_;  // `const q = OrdersQueue.getInstance()`: q -> the accessor
  std::map<std::string, TSNode> bodies_, functions_;
  std::map<std::string, std::string> factory_results_;  // variable -> the factory called for it
  std::map<std::string, Binding> bindings_;
  mutable std::map<std::string, SkipKey> direct_;  // verdicts of this file's functions, by name
};

}  // namespace

void extract_js_job_sites(const SyntaxTree& tree, JobSites& out) { JsJobSites(tree, out).run(); }

}  // namespace svc::builtin
