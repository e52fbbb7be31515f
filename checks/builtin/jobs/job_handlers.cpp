// What counts as a job handler skipping already-processed jobs, and on what key.
// Deliberately simple, and documented in docs/rules/jobs-non-idempotent.md: a retried
// job must find its earlier work, either through the store refusing a second write or
// through a lookup the handler does before it works. A lookup keyed on the job's own id
// finds a retry but not a second enqueue of the same work, which gets a new id.
#include <map>
#include <optional>
#include <set>

#include <re2/re2.h>

#include "checks/builtin/jobs/job_sites.h"
#include "checks/syntax/query.h"

namespace svc::builtin {
namespace {

using namespace engine;

// Writes that are no-ops the second time, or that fail on a duplicate the handler catches.
const RE2& insert_if_absent() {
  static const RE2 re(
      R"((?i:on\s+conflict|insert\s+or\s+ignore|insert\s+ignore|on\s+duplicate\s+key|setnx))"
      R"(|upsert|Upsert|get_or_create|update_or_create|skipDuplicates|['"]NX['"]|\bNX\s*:\s*true|\bnx\s*=\s*True)"
      R"(|UniqueViolation|IntegrityError|UniqueConstraint|P2002|23505|ER_DUP_ENTRY|E11000|DuplicateKey)");
  return re;
}

// The job's own id or an idempotency key: what a processed-check looks up.
const RE2& job_key() {
  static const RE2 re(
      R"(\bjob\.id\b|\bjobId\b|\bjob_id\b|\btask_id\b|\brequest\.id\b|get_current_job|\bjob\.opts\b)"
      R"(|[Ii]dempoten|[Dd]edup|[Pp]rocessed|PROCESSED|\balready\b|[a-z]Already)");
  return re;
}

// The job's own id, as BullMQ, Celery and RQ handlers read it.
const RE2& own_id() {
  static const RE2 re(
      R"(\bjob(\?|!)?\.id\b|\bjob(\?|!)?\.opts\.jobId\b|\brequest\.id\b|get_current_job\(\)\.id\b|\.get_id\(\))");
  return re;
}

// An early exit: JavaScript/Python `return`, or Celery's `raise Ignore()`.
const RE2& early_exit() {
  static const RE2 re(R"(\breturn\b|raise\s+Ignore\b)");
  return re;
}

constexpr char kIf[] = "(if_statement condition: (_) @condition consequence: (_) @then) @if";
constexpr char kJsAssign[] = R"q(
(variable_declarator name: (identifier) @name value: (_) @value)
(assignment_expression left: (identifier) @name right: (_) @value)
)q";
constexpr char kPyAssign[] = "(assignment left: (identifier) @name right: (_) @value)";

// One query per grammar, compiled once: `Js` for JavaScript/TypeScript, `Py` for Python.
template <const char* Js, const char* Py>
const Query& query_for(Language lang) {
  switch (lang) {
    case Language::python: {
      static const Query py(Language::python, Py);
      return py;
    }
    case Language::typescript: {
      static const Query ts(Language::typescript, Js);
      return ts;
    }
    case Language::tsx: {
      static const Query tsx(Language::tsx, Js);
      return tsx;
    }
    default: {
      static const Query js(Language::javascript, Js);
      return js;
    }
  }
}

// The variable a statement sets: `const seen = ...`, `row = ...`; "" for anything else.
std::string assigned_name(const SyntaxTree& tree, TSNode stmt) {
  std::string_view type = node_type(stmt);
  TSNode target{};
  if (type == "lexical_declaration" || type == "variable_declaration") {
    if (ts_node_named_child_count(stmt)) target = field(ts_node_named_child(stmt, 0), "name");
  } else if (type == "expression_statement" && ts_node_named_child_count(stmt)) {
    TSNode e = ts_node_named_child(stmt, 0);
    if (node_type(e) == "assignment" || node_type(e) == "assignment_expression") target = field(e, "left");
  }
  if (ts_node_is_null(target) || node_type(target) != "identifier") return "";
  return std::string(tree.text(target));
}

// The guard looks the key up itself (`if (await processed.has(job.id))`), or tests what
// the statement just before it looked up (`row = db.fetch(... job_id ...)`, `if row:`).
bool guard_looks_up_key(const SyntaxTree& tree, TSNode if_node, TSNode condition) {
  std::string_view cond = tree.text(condition);
  if (RE2::PartialMatch(cond, job_key())) return true;
  TSNode prev = ts_node_prev_named_sibling(if_node);
  while (!ts_node_is_null(prev) && node_type(prev) == "comment") prev = ts_node_prev_named_sibling(prev);
  if (ts_node_is_null(prev) || !RE2::PartialMatch(tree.text(prev), job_key())) return false;
  std::string name = assigned_name(tree, prev);
  return !name.empty() && RE2::PartialMatch(cond, "\\b" + RE2::QuoteMeta(name) + "\\b");
}

// What a body assigns, by name: `const jobId = job.id ?? ...`, `done = claim(...)`.
using Assignments = std::multimap<std::string, std::string_view>;

Assignments assignments(const SyntaxTree& tree, TSNode body) {
  Assignments out;
  query_for<kJsAssign, kPyAssign>(tree.file().language()).for_each(tree, body, [&](const QueryMatch& m) {
    out.emplace(std::string(tree.text(m["name"])), tree.text(m["value"]));
  });
  return out;
}

// The guard's key with the variables it goes through spelled out, a few steps back:
// `if (alreadyProcessed)` <- `!done` <- `runOnce(db, jobId)` <- `job.id ?? ...`.
std::string traced_key(const SyntaxTree& tree, TSNode condition, const Assignments& assigned) {
  static const RE2 identifier(R"(([A-Za-z_$][\w$]*))");
  std::string key(tree.text(condition));
  std::set<std::string> followed;
  std::size_t from = 0;
  for (int step = 0; step < 4 && from < key.size() && key.size() < 20000; ++step) {
    std::string fresh;
    re2::StringPiece rest(key.data() + from, key.size() - from);
    std::string name;
    while (RE2::FindAndConsume(&rest, identifier, &name)) {
      if (!followed.insert(name).second) continue;
      auto [lo, hi] = assigned.equal_range(name);
      for (auto it = lo; it != hi; ++it) fresh += "\n" + std::string(it->second);
    }
    from = key.size();
    key += fresh;
  }
  return key;
}

// The first parameter of a JavaScript handler (`async (j) => ...`): `j.id` is its own id.
std::string job_parameter(const SyntaxTree& tree, TSNode body) {
  TSNode fn = ts_node_parent(body);
  if (ts_node_is_null(fn) || tree.file().language() == Language::python) return "";
  TSNode param = field(fn, "parameter");
  if (ts_node_is_null(param)) {
    TSNode params = field(fn, "parameters");
    if (ts_node_is_null(params) || !ts_node_named_child_count(params)) return "";
    param = ts_node_named_child(params, 0);
    if (!ts_node_is_null(field(param, "pattern"))) param = field(param, "pattern");
  }
  return node_type(param) == "identifier" ? std::string(tree.text(param)) : "";
}

bool keyed_on_own_id(const std::string& key, const std::string& param) {
  if (RE2::PartialMatch(key, own_id())) return true;
  return !param.empty() && RE2::PartialMatch(key, "\\b" + RE2::QuoteMeta(param) + R"((\?|!)?\.id\b)");
}

}  // namespace

SkipKey stronger(SkipKey a, SkipKey b) {
  auto rank = [](SkipKey k) {
    return k == SkipKey::data ? 3 : k == SkipKey::own_id ? 2 : k == SkipKey::unseen ? 1 : 0;
  };
  return rank(a) >= rank(b) ? a : b;
}

SkipKey processed_check(const SyntaxTree& tree, TSNode body) {
  if (ts_node_is_null(body)) return SkipKey::none;
  // A store that refuses the second write keeps the benefit of the doubt on its key.
  if (RE2::PartialMatch(tree.text(body), insert_if_absent())) return SkipKey::data;
  SkipKey found = SkipKey::none;
  std::optional<Assignments> assigned;  // read once, when a guard needs it
  std::string param = job_parameter(tree, body);
  query_for<kIf, kIf>(tree.file().language()).for_each(tree, body, [&](const QueryMatch& m) {
    if (found == SkipKey::data || !RE2::PartialMatch(tree.text(m["then"]), early_exit())) return;
    if (!guard_looks_up_key(tree, m["if"], m["condition"])) return;
    if (!assigned) assigned = assignments(tree, body);
    bool own = keyed_on_own_id(traced_key(tree, m["condition"], *assigned), param);
    found = stronger(found, own ? SkipKey::own_id : SkipKey::data);
  });
  return found;
}

}  // namespace svc::builtin
