// What counts as a job handler skipping already-processed jobs. Deliberately simple,
// and documented in docs/rules/jobs-non-idempotent.md: a retried job must find its
// earlier work, either through the store refusing a second write or through a lookup
// the handler does before it works.
#include <re2/re2.h>

#include "checks/builtin/job_sites.h"
#include "checks/engine/query.h"

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

// An early exit: JavaScript/Python `return`, or Celery's `raise Ignore()`.
const RE2& early_exit() {
  static const RE2 re(R"(\breturn\b|raise\s+Ignore\b)");
  return re;
}

const Query& if_query(Language lang) {
  static const char kIf[] = "(if_statement condition: (_) @condition consequence: (_) @then) @if";
  switch (lang) {
    case Language::python: {
      static const Query py(Language::python, kIf);
      return py;
    }
    case Language::typescript: {
      static const Query ts(Language::typescript, kIf);
      return ts;
    }
    case Language::tsx: {
      static const Query tsx(Language::tsx, kIf);
      return tsx;
    }
    default: {
      static const Query js(Language::javascript, kIf);
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

}  // namespace

bool skips_processed(const SyntaxTree& tree, TSNode body) {
  if (ts_node_is_null(body)) return false;
  if (RE2::PartialMatch(tree.text(body), insert_if_absent())) return true;
  bool guarded = false;
  if_query(tree.file().language()).for_each(tree, body, [&](const QueryMatch& m) {
    if (!guarded && RE2::PartialMatch(tree.text(m["then"]), early_exit()))
      guarded = guard_looks_up_key(tree, m["if"], m["condition"]);
  });
  return guarded;
}

}  // namespace svc::builtin
