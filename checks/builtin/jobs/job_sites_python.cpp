// Celery and RQ job sites of Python: `.delay`, `.apply_async` / `send_task` without
// task_id, RQ `enqueue*` without job_id, and the top-level functions that handle jobs
// (Celery tasks by their decorator, RQ jobs by the function enqueued).
#include <map>

#include "checks/builtin/jobs/job_sites.h"
#include "checks/syntax/query.h"
#include "checks/syntax/code_syntax.h"

namespace svc::builtin {
namespace {

using namespace engine;

constexpr char kJobPatterns[] = R"q(
(import_from_statement module_name: (_) @module) @import
(call function: (_) @fn arguments: (argument_list) @args) @call
(function_definition name: (identifier) @name body: (block) @body) @function
)q";

std::string last_segment(std::string_view s) {
  auto dot = s.rfind('.');
  return std::string(dot == std::string_view::npos ? s : s.substr(dot + 1));
}

std::string before_last_dot(std::string_view s) {
  auto dot = s.rfind('.');
  return std::string(dot == std::string_view::npos ? "" : s.substr(0, dot));
}

class PythonJobSites {
 public:
  PythonJobSites(const SyntaxTree& tree, JobSites& out) : tree_(tree), out_(out) {
    const std::string& t = tree.file().text();
    rq_ = t.find("from rq") != std::string::npos || t.find("import rq") != std::string::npos;
    out.mentions_celery = t.find("celery") != std::string::npos || t.find("Celery") != std::string::npos;
  }

  void run() {
    static const Query query(Language::python, kJobPatterns);  // compiled once, shared read-only
    auto by_root = matches_by_root(query, tree_, {"import", "call", "function"});
    for (const QueryMatch& m : by_root["import"]) add_imports(m["import"], m["module"]);
    for (const QueryMatch& m : by_root["function"]) add_function(m["function"], m["body"]);
    for (const QueryMatch& m : by_root["call"]) on_call(m);
  }

 private:
  std::string text(TSNode n) const { return std::string(tree_.text(n)); }

  // `from app.tasks import send_receipt as send`: send -> (app.tasks, send_receipt).
  void add_imports(TSNode stmt, TSNode module) {
    for (TSNode n : named_children(stmt)) {
      if (ts_node_eq(n, module)) continue;
      if (node_type(n) == "dotted_name") imports_[text(n)] = {text(module), text(n)};
      if (node_type(n) == "aliased_import")
        imports_[text(field(n, "alias"))] = {text(module), text(field(n, "name"))};
    }
  }

  // Module-level functions; a decorated one is a consumer if facts find a task decorator on it.
  void add_function(TSNode fn, TSNode body) {
    TSNode parent = ts_node_parent(fn);
    bool decorated = node_type(parent) == "decorated_definition";
    TSNode outer = decorated ? parent : fn;
    if (node_type(ts_node_parent(outer)) != "module") return;
    out_.handlers.push_back({text(field(fn, "name")), span_of(tree_, outer), tree_.start(fn).line, decorated,
                             processed_check(tree_, body), {}});
  }

  // The argument at `index` or keyword `name`; `splat` tells that `**options` may hold more.
  TSNode argument(TSNode args, std::size_t index, std::string_view name, bool* splat = nullptr) const {
    return python_argument(tree_, args, index, name, splat);
  }

  // True when the call names the id keyword with a stable value, or may through
  // `**options`: not judged. An id from the clock or randomness goes to `volatile_id`.
  bool passes_id(TSNode args, std::string_view keyword, std::string& volatile_id) const {
    bool splat = false;
    TSNode id = argument(args, kKeywordOnly, keyword, &splat);
    if (splat) return true;
    if (ts_node_is_null(id)) return false;
    volatile_id = volatile_job_id(tree_, id);
    return volatile_id.empty();
  }

  void on_call(const QueryMatch& m) {
    std::string fn = text(m["fn"]);
    std::string name = last_segment(fn);
    TSNode args = m["args"];
    JobProducer p{"celery", "", "", span_of(tree_, m["call"]), tree_.start(m["call"]), {}, "", {}, ""};
    if (name == "delay" && fn.find('.') != std::string::npos) {
      p.job = last_segment(before_last_dot(fn));
      p.how = "is sent with delay()";
    } else if (name == "apply_async" && fn.find('.') != std::string::npos) {
      if (passes_id(args, "task_id", p.volatile_id)) return;
      p.job = last_segment(before_last_dot(fn));
      p.how = "is sent with apply_async()";
    } else if (name == "send_task") {
      if (passes_id(args, "task_id", p.volatile_id)) return;
      auto task = string_value(tree_, argument(args, 0, "name"));
      p.job = task ? last_segment(*task) : "";
      p.how = "is sent with send_task()";
    } else if (rq_ && name.rfind("enqueue", 0) == 0 && name != "enqueue_many" && fn.find('.') != std::string::npos) {
      if (passes_id(args, "job_id", p.volatile_id)) return;
      std::size_t index = name == "enqueue_in" || name == "enqueue_at" ? 1 : 0;
      TSNode job = argument(args, index, name == "enqueue_call" ? "func" : "f");
      if (ts_node_is_null(job)) return;
      p.system = "rq";
      p.how = "is enqueued";
      p.handler = rq_function(job);
      p.job = p.handler.name.empty() ? text(job) : p.handler.name;
    } else {
      return;
    }
    out_.producers.push_back(std::move(p));
  }

  // The function an RQ job runs: `send_receipt` (module from its import), `tasks.send_receipt`,
  // or the string "app.tasks.send_receipt".
  ImportedName rq_function(TSNode job) const {
    std::string path = string_value(tree_, job).value_or(text(job));
    if (node_type(job) == "identifier") {
      if (auto it = imports_.find(path); it != imports_.end()) return it->second;
      return {"", path};
    }
    std::string module = before_last_dot(path);
    if (node_type(job) == "attribute")  // `tasks.send_receipt` after `from app import tasks`
      if (auto it = imports_.find(module); it != imports_.end()) module = it->second.module + "." + it->second.name;
    return {module, last_segment(path)};
  }

  const SyntaxTree& tree_;
  JobSites& out_;
  bool rq_ = false;
  std::map<std::string, ImportedName> imports_;
};

}  // namespace

void extract_python_job_sites(const SyntaxTree& tree, JobSites& out) { PythonJobSites(tree, out).run(); }

}  // namespace svc::builtin
