// Job ids that are new on every call. An id built from the clock or from randomness
// (`${id}-${Date.now()}`, randomUUID(), uuid.uuid4(), time.time()) never equals the
// id of an earlier enqueue of the same work, so the queue dedupes nothing with it.
#include <set>

#include "checks/builtin/jobs/job_sites.h"
#include "checks/syntax/code_syntax.h"

namespace svc::builtin {
namespace {

using namespace engine;

std::string last_segment(std::string_view s) {
  auto dot = s.rfind('.');
  return std::string(dot == std::string_view::npos ? s : s.substr(dot + 1));
}

bool is_python(const SyntaxTree& tree) { return tree.file().language() == Language::python; }

// A call whose result differs on every call: a clock, a random number or a fresh uuid.
bool volatile_call(const SyntaxTree& tree, std::string_view callee) {
  std::string name = last_segment(callee);
  if (is_python(tree)) {
    static const std::set<std::string> fresh = {"uuid1", "uuid4", "time_ns", "utcnow", "now", "token_hex",
                                                "token_urlsafe", "random", "randint", "getrandbits"};
    return fresh.count(name) > 0 || callee == "time.time" || callee == "time" || callee == "monotonic" ||
           callee == "time.monotonic";
  }
  static const std::set<std::string> fresh = {"randomUUID", "uuid",  "uuidv4", "uuidV4", "v1",   "v4",
                                              "v7",         "nanoid", "ulid",  "cuid",   "createId", "randomBytes",
                                              "hrtime"};
  if (fresh.count(name)) return true;
  return callee == "Date.now" || callee == "Math.random" || callee == "performance.now";
}

// The first clock or random expression under `node`, as written; "" when none.
std::string find_volatile(const SyntaxTree& tree, TSNode node) {
  std::string_view type = node_type(node);
  if (type == "call_expression" || type == "call") {
    std::string_view callee = tree.text(field(node, "function"));
    if (volatile_call(tree, callee)) return std::string(tree.text(node));
  }
  if (type == "new_expression" && tree.text(field(node, "constructor")) == "Date") {
    TSNode args = field(node, "arguments");  // `new Date(order.createdAt)` is the data's time
    if (ts_node_is_null(args) || ts_node_named_child_count(args) == 0) return std::string(tree.text(node));
  }
  if (type == "arrow_function" || type == "function_expression" || type == "lambda") return "";
  for (TSNode child : named_children(node))
    if (auto found = find_volatile(tree, child); !found.empty()) return found;
  return "";
}

// The value a local variable was given before `use`, in the function around it
// (`const runId = randomUUID()`, `task_id = str(uuid4())`); null when none is seen.
TSNode local_value(const SyntaxTree& tree, TSNode use, std::string_view name) {
  TSNode scope = enclosing_function(use, is_python(tree) ? python_route_grammar() : js_route_grammar());
  if (ts_node_is_null(scope)) scope = tree.root();
  TSNode found{};
  auto before_use = [&](TSNode n) { return ts_node_start_byte(n) < ts_node_start_byte(use); };
  std::vector<TSNode> stack{scope};
  while (!stack.empty()) {
    TSNode n = stack.back();
    stack.pop_back();
    std::string_view type = node_type(n);
    bool js = type == "variable_declarator", py = type == "assignment";
    if ((js || py) && before_use(n) && tree.text(field(n, js ? "name" : "left")) == name) {
      TSNode value = field(n, js ? "value" : "right");
      if (!ts_node_is_null(value) && (ts_node_is_null(found) || ts_node_start_byte(n) > ts_node_start_byte(found)))
        found = value;
    }
    for (TSNode child : named_children(n)) stack.push_back(child);
  }
  return found;
}

}  // namespace

std::string volatile_job_id(const SyntaxTree& tree, TSNode value) {
  if (ts_node_is_null(value)) return "";
  std::string_view type = node_type(value);
  if (type == "identifier" || type == "shorthand_property_identifier") {
    TSNode assigned = local_value(tree, value, tree.text(value));
    return ts_node_is_null(assigned) ? "" : find_volatile(tree, assigned);
  }
  return find_volatile(tree, value);
}

}  // namespace svc::builtin
