// Link facts of Python: URL literals, environment and settings reads, Celery and RQ queues.
#include <map>

#include "checks/facts/links/link_facts_code.h"
#include "checks/syntax/query.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

constexpr char kLinkPatterns[] = R"q(
(string) @string
(assignment left: (identifier) @name right: (string) @value) @constant
(assignment left: (identifier) @name right: (call function: (_) @fn) @value) @binding
(call function: (_) @fn arguments: (argument_list) @args) @call
(decorated_definition (decorator . (_) @deco) @decorator
  definition: (function_definition name: (identifier) @name)) @task
((subscript value: (_) @object subscript: (string) @key) @env_index
  (#match? @object "^(os\\.)?environ$"))
((attribute object: (_) @object attribute: (identifier) @name) @setting
  (#match? @object "^((self|app)\\.)?(settings|config|conf|cfg|env|SETTINGS|CONFIG)$"))
(class_definition superclasses: (argument_list) @bases body: (block) @body) @settings
)q";


std::string last_segment(std::string_view path) {
  auto dot = path.rfind('.');
  return std::string(dot == std::string_view::npos ? path : path.substr(dot + 1));
}

class PythonLinkExtractor {
 public:
  PythonLinkExtractor(const SyntaxTree& tree, LinkFacts& out)
      : tree_(tree), out_(out), g_(python_route_grammar()),
        rq_(imports_rq(tree.file().text())) {}

  void run() {
    static const Query query(Language::python, kLinkPatterns);  // compiled once, shared read-only
    auto by_root = matches_by_root(query, tree_, {"constant", "binding", "string", "call", "task", "env_index",
                                                  "setting", "settings"});
    for (const QueryMatch& m : by_root["constant"])
      if (auto v = string_value(tree_, m["value"])) constants_[text(m["name"])] = *v;
    for (const QueryMatch& m : by_root["binding"])  // q = Queue("emails"): `q.enqueue` produces to it
      if (rq_ && last_segment(tree_.text(m["fn"])) == "Queue")
        rq_bindings_[text(m["name"])] = rq_queue_name(field(m["value"], "arguments"));
    for (const QueryMatch& m : by_root["string"]) add_url_literal(tree_, m["string"], out_);
    for (const QueryMatch& m : by_root["env_index"])
      for (const auto& key : literal_strings(tree_, m["key"], g_, &constants_))
        add_env_read(key, span_of(tree_, m["env_index"]), out_);
    for (const QueryMatch& m : by_root["setting"])
      add_env_read(tree_.text(m["name"]), span_of(tree_, m["setting"]), out_);
    for (const QueryMatch& m : by_root["settings"]) add_settings_fields(m);
    for (const QueryMatch& m : by_root["call"]) on_call(m);
    for (const QueryMatch& m : by_root["task"]) add_task(m);
  }

 private:
  static bool imports_rq(const std::string& text) {
    return text.find("from rq") != std::string::npos || text.find("import rq") != std::string::npos;
  }
  std::string text(TSNode n) const { return std::string(tree_.text(n)); }

  TSNode argument(TSNode args, std::size_t index, std::string_view name) const {
    return python_argument(tree_, args, index, name);
  }

  std::string string_argument(TSNode args, std::size_t index, std::string_view name) const {
    auto values = literal_strings(tree_, argument(args, index, name), g_, &constants_);
    return values.size() == 1 ? values[0] : "";
  }

  std::string rq_queue_name(TSNode args) const {
    std::string name = string_argument(args, 0, "name");
    return name.empty() && ts_node_is_null(argument(args, 0, "name")) ? "default" : name;
  }

  // pydantic `class Settings(BaseSettings): orders_url: str = ...` reads ORDERS_URL.
  void add_settings_fields(const QueryMatch& m) {
    if (tree_.text(m["bases"]).find("Settings") == std::string_view::npos) return;
    for (TSNode stmt : named_children(m["body"])) {
      if (node_type(stmt) != "expression_statement" || !ts_node_named_child_count(stmt)) continue;
      TSNode assign = ts_node_named_child(stmt, 0);
      if (node_type(assign) != "assignment" || ts_node_is_null(field(assign, "type"))) continue;
      TSNode left = field(assign, "left");
      if (node_type(left) == "identifier") add_env_read(tree_.text(left), span_of(tree_, assign), out_);
    }
  }

  void on_call(const QueryMatch& m) {
    std::string fn = text(m["fn"]);
    std::string name = last_segment(fn);
    TSNode args = m["args"];
    SourceSpan at = span_of(tree_, m["call"]);
    if (fn == "os.getenv" || fn == "getenv" || fn == "os.environ.get" || fn == "environ.get" || fn == "env" ||
        fn == "env.str" || fn == "config") {
      for (const auto& key : literal_strings(tree_, argument(args, 0, "key"), g_, &constants_))
        add_env_read(key, at, out_);
    } else if (name == "delay" && fn.find('.') != std::string::npos) {
      std::string task = fn.substr(0, fn.rfind('.'));
      out_.queues.push_back({"celery", "", last_segment(task), true, at});
    } else if (name == "apply_async" && fn.find('.') != std::string::npos) {
      std::string task = fn.substr(0, fn.rfind('.'));
      out_.queues.push_back({"celery", string_argument(args, kKeywordOnly, "queue"), last_segment(task), true, at});
    } else if (name == "send_task") {
      out_.queues.push_back({"celery", string_argument(args, kKeywordOnly, "queue"),
                             last_segment(string_argument(args, 0, "name")), true, at});
    } else if (rq_) {
      on_rq_call(fn, name, args, at, m["call"]);
    }
  }

  void on_rq_call(const std::string& fn, const std::string& name, TSNode args, const SourceSpan& at, TSNode call) {
    if (name == "Queue" && !inside_worker(call)) {
      out_.queues.push_back({"rq", rq_queue_name(args), "", true, at});
    } else if (name.rfind("enqueue", 0) == 0 && fn.find('.') != std::string::npos) {
      auto it = rq_bindings_.find(fn.substr(0, fn.rfind('.')));
      if (it != rq_bindings_.end()) out_.queues.push_back({"rq", it->second, "", true, at});
    } else if (name == "Worker") {
      TSNode queues = argument(args, 0, "queues");
      if (ts_node_is_null(queues)) return;
      for (TSNode q : node_type(queues) == "list" ? named_children(queues) : std::vector<TSNode>{queues}) {
        std::string queue;
        if (auto s = literal_strings(tree_, q, g_, &constants_); s.size() == 1) queue = s[0];
        else if (node_type(q) == "call") queue = rq_queue_name(field(q, "arguments"));
        else if (auto it = rq_bindings_.find(text(q)); it != rq_bindings_.end()) queue = it->second;
        if (!queue.empty()) out_.queues.push_back({"rq", queue, "", false, at});
      }
    }
  }

  bool inside_worker(TSNode call) const {
    for (TSNode p = ts_node_parent(call); !ts_node_is_null(p); p = ts_node_parent(p))
      if (node_type(p) == "call" && last_segment(tree_.text(field(p, "function"))) == "Worker") return true;
    return false;
  }

  // `@app.task`, `@shared_task`, `@celery.task(queue="emails")`: a Celery consumer.
  void add_task(const QueryMatch& m) {
    TSNode deco = m["deco"];
    TSNode args{};
    if (node_type(deco) == "call") {
      args = field(deco, "arguments");
      deco = field(deco, "function");
    }
    std::string callee = text(deco);
    if (callee != "shared_task" && callee != "celery.shared_task" &&
        (callee.size() < 5 || callee.compare(callee.size() - 5, 5, ".task") != 0))
      return;
    std::string queue = ts_node_is_null(args) ? "" : string_argument(args, kKeywordOnly, "queue");
    std::string name = ts_node_is_null(args) ? "" : string_argument(args, kKeywordOnly, "name");
    out_.queues.push_back({"celery", queue, last_segment(name.empty() ? text(m["name"]) : name), false,
                           span_of(tree_, m["decorator"])});
  }

  const SyntaxTree& tree_;
  LinkFacts& out_;
  const RouteGrammar& g_;
  bool rq_;
  StringConstants constants_;
  std::map<std::string, std::string> rq_bindings_;
};

}  // namespace

void extract_python_links(const SyntaxTree& tree, LinkFacts& out) { PythonLinkExtractor(tree, out).run(); }

}  // namespace svc::engine
