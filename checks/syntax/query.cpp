#include "checks/syntax/query.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <re2/re2.h>

namespace svc::engine {
namespace {

// The deadline of the QueryBudget alive on this thread, in steady-clock microseconds; 0: none.
thread_local std::int64_t query_deadline = 0;

std::int64_t now_micros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// In-progress matches a cursor keeps at once: with a budget, a query whose partial
// matches would pile up (`(_ (_ (_ …)))` on a large file) costs bounded work per node.
constexpr uint32_t kBudgetedMatchLimit = 4096;

const char* describe(TSQueryError error) {
  switch (error) {
    case TSQueryErrorSyntax: return "syntax error";
    case TSQueryErrorNodeType: return "unknown node type";
    case TSQueryErrorField: return "unknown field";
    case TSQueryErrorCapture: return "a predicate names a capture the pattern does not have";
    case TSQueryErrorStructure: return "impossible pattern (these nodes never nest this way)";
    case TSQueryErrorLanguage: return "grammar version mismatch";
    default: return "error";
  }
}

}  // namespace

QueryBudget::QueryBudget(std::uint64_t micros) : previous_(query_deadline) {
  query_deadline = now_micros() + static_cast<std::int64_t>(micros);
}

QueryBudget::~QueryBudget() { query_deadline = previous_; }

struct Query::Predicate {
  std::string op;
  uint32_t capture = 0;
  std::vector<std::string> values;           // literal arguments
  std::optional<uint32_t> other_capture;    // #eq? @a @b
  std::shared_ptr<RE2> regex;
};

TSNode QueryMatch::operator[](std::string_view name) const {
  for (const auto& [n, node] : captures_)
    if (n == name) return node;
  return TSNode{};
}

std::vector<TSNode> QueryMatch::all(std::string_view name) const {
  std::vector<TSNode> out;
  for (const auto& [n, node] : captures_)
    if (n == name) out.push_back(node);
  return out;
}

Query::Query(Language lang, std::string_view source) {
  const TSLanguage* grammar = grammar_for(lang);
  if (!grammar) throw QueryError(fmt::format("no grammar for {}", to_string(lang)));
  uint32_t error_offset = 0;
  TSQueryError error = TSQueryErrorNone;
  query_ = ts_query_new(grammar, source.data(), static_cast<uint32_t>(source.size()), &error_offset, &error);
  if (!query_) {
    std::string_view near = source.substr(std::min<std::size_t>(error_offset, source.size()), 40);
    near = near.substr(0, near.find('\n'));
    throw QueryError(fmt::format("{} query: {} at `{}`", to_string(lang), describe(error), near), error_offset);
  }
  for (uint32_t i = 0, n = ts_query_capture_count(query_); i < n; ++i) {
    uint32_t len = 0;
    const char* name = ts_query_capture_name_for_id(query_, i, &len);
    capture_names_.emplace_back(name, len);
  }
  for (uint32_t p = 0, n = ts_query_pattern_count(query_); p < n; ++p) {
    uint32_t steps_count = 0;
    const TSQueryPredicateStep* steps = ts_query_predicates_for_pattern(query_, p, &steps_count);
    std::vector<Predicate> preds;
    Predicate cur;
    bool have_op = false, have_capture = false;
    for (uint32_t s = 0; s < steps_count; ++s) {
      const auto& step = steps[s];
      if (step.type == TSQueryPredicateStepTypeDone) {
        // An unknown predicate would silently hold: a typo must not widen a rule.
        static const std::vector<std::string> known = {"eq?", "not-eq?", "match?", "not-match?", "any-of?"};
        uint32_t at = ts_query_start_byte_for_pattern(query_, p);
        if (std::find(known.begin(), known.end(), cur.op) == known.end()) {
          ts_query_delete(query_);
          throw QueryError(fmt::format("{} query: unknown predicate #{} (svc evaluates #eq?, #not-eq?, #match?, "
                                       "#not-match? and #any-of?)", to_string(lang), cur.op), at);
        }
        if (!have_capture) {
          ts_query_delete(query_);
          throw QueryError(fmt::format("{} query: #{} needs a @capture as its first argument", to_string(lang), cur.op),
                           at);
        }
        if (cur.op == "match?" || cur.op == "not-match?") {
          RE2::Options options;
          options.set_log_errors(false);
          cur.regex = std::make_shared<RE2>(cur.values.empty() ? "" : cur.values[0], options);
          if (!cur.regex->ok()) {
            std::string why = cur.regex->error();
            ts_query_delete(query_);
            throw QueryError(fmt::format("{} query: bad regular expression in #{}: {}", to_string(lang), cur.op, why), at);
          }
        }
        preds.push_back(std::move(cur));
        cur = Predicate{};
        have_op = have_capture = false;
      } else if (step.type == TSQueryPredicateStepTypeString) {
        uint32_t len = 0;
        const char* str = ts_query_string_value_for_id(query_, step.value_id, &len);
        if (!have_op) cur.op.assign(str, len), have_op = true;
        else cur.values.emplace_back(str, len);
      } else if (step.type == TSQueryPredicateStepTypeCapture) {
        if (!have_capture) cur.capture = step.value_id, have_capture = true;
        else cur.other_capture = step.value_id;
      }
    }
    predicates_.push_back(std::move(preds));
  }
}

Query::~Query() { ts_query_delete(query_); }

uint32_t Query::pattern_count() const { return ts_query_pattern_count(query_); }

std::vector<std::string> Query::pattern_captures(uint32_t pattern) const {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < capture_names_.size(); ++i)
    if (ts_query_capture_quantifier_for_id(query_, pattern, i) != TSQuantifierZero) out.push_back(capture_names_[i]);
  return out;
}

uint32_t Query::pattern_start_byte(uint32_t pattern) const { return ts_query_start_byte_for_pattern(query_, pattern); }

bool Query::predicates_hold(const SyntaxTree& tree, const TSQueryMatch& m) const {
  auto capture_text = [&](uint32_t id) -> std::optional<std::string_view> {
    for (uint16_t i = 0; i < m.capture_count; ++i)
      if (m.captures[i].index == id) return tree.text(m.captures[i].node);
    return std::nullopt;
  };
  for (const auto& p : predicates_[m.pattern_index]) {
    auto text = capture_text(p.capture);
    if (!text) continue;  // optional capture absent: nothing to test
    bool ok = true;
    if (p.op == "eq?" || p.op == "not-eq?") {
      bool eq = p.other_capture ? capture_text(*p.other_capture) == text
                                : (!p.values.empty() && *text == p.values[0]);
      ok = (p.op == "eq?") == eq;
    } else if (p.op == "match?" || p.op == "not-match?") {
      bool matched = p.regex && p.regex->ok() && RE2::PartialMatch(re2::StringPiece(text->data(), text->size()), *p.regex);
      ok = (p.op == "match?") == matched;
    } else if (p.op == "any-of?") {
      ok = std::find(p.values.begin(), p.values.end(), *text) != p.values.end();
    }
    if (!ok) return false;
  }
  return true;
}

void Query::for_each(const SyntaxTree& tree, TSNode node, const std::function<void(const QueryMatch&)>& fn) const {
  TSQueryCursor* cursor = ts_query_cursor_new();
  std::int64_t deadline = query_deadline;
  if (deadline) ts_query_cursor_set_match_limit(cursor, kBudgetedMatchLimit);
  ts_query_cursor_exec(cursor, query_, node);
  TSQueryMatch m;
  QueryMatch match;
  for (unsigned n = 0; ts_query_cursor_next_match(cursor, &m); ++n) {
    if (deadline && n % 16 == 0 && now_micros() > deadline) {
      ts_query_cursor_delete(cursor);
      throw QueryTimeout("time budget exceeded");
    }
    if (!predicates_hold(tree, m)) continue;
    match.pattern_ = m.pattern_index;
    match.captures_.clear();
    for (uint16_t i = 0; i < m.capture_count; ++i)
      match.captures_.emplace_back(capture_names_[m.captures[i].index], m.captures[i].node);
    fn(match);
  }
  ts_query_cursor_delete(cursor);
}

}  // namespace svc::engine
