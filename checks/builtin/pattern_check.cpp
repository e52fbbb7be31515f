// `implementation: pattern`: a rule said entirely in its YAML with tree-sitter
// queries, so most rules need no C++. A pattern reports its `report` capture (default
// `match`); its `args` fill the rule's message, with `{capture}` standing for the
// captured text. `inside:` queries (all of them) must capture an `@inside` node
// around the match and `not_inside:` ones (any) must not: tree-sitter queries match
// fixed shapes, and these say "somewhere within". A rule may name service-wide evidence under `unless_service:`
// (dependencies, or queries matched anywhere in the service's code): matches in a
// service that has it are dropped, which needs every file first, so such a rule
// reports from check_workspace.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "checks/builtin/pattern_check.h"
#include "checks/builtin/pattern_scope.h"
#include "checks/engine/check.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/core/rule_catalog.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {
namespace {

using namespace engine;

constexpr std::size_t kMaxArgText = 80;  // longer captures are cut in messages

using Spans = std::set<std::pair<std::size_t, std::size_t>>;

struct Pattern {
  std::set<Language> languages;
  std::string query;  // its text, run in the rule's QueryBatch
  std::vector<std::shared_ptr<LazyQuery>> inside, not_inside;
  std::string report = "match";
  MessageArgs args;  // values may hold {capture}
  bool in_tests = false;
  std::optional<bool> in_route_handler;  // only matches in (true) or outside (false) route handlers

  bool applies(Language lang) const { return languages.count(lang) > 0; }
};

// A match kept until the service's evidence is known.
struct Candidate {
  const Service* service;
  std::string path;
  Position begin, end;
  MessageArgs args;
  std::string matched;
  std::optional<bool> in_route_handler;   // the pattern's, when it has one
  std::vector<EnclosingFunction> functions;  // around the match, when in_route_handler is set
};

// A file's matches of a rule with service-wide conditions, and whether the file holds
// the evidence that excuses its service.
struct FileMatches {
  const Service* service = nullptr;
  bool evident = false;
  std::vector<Candidate> candidates;
  std::size_t more = 0;  // once_per_service: matches counted but not kept (only the first is reported)
};
SVC_JSON_FIELDS(Candidate, service, path, begin, end, args, matched, in_route_handler, functions)
SVC_JSON_FIELDS(FileMatches, service, evident, candidates, more)

// A query or a list of them.
std::vector<std::shared_ptr<LazyQuery>> pooled_all(QueryPool& pool, const YAML::Node& y) {
  std::vector<std::shared_ptr<LazyQuery>> out;
  if (!y) return out;
  if (y.IsScalar()) out.push_back(pool.get(y.as<std::string>()));
  else for (const auto& q : y) out.push_back(pool.get(q.as<std::string>()));
  return out;
}

Pattern parse_pattern(const RuleInfo& rule, QueryPool& pool, const YAML::Node& y) {
  Pattern p;
  p.languages = yaml_languages(y["languages"], rule.languages);
  p.query = y["query"].as<std::string>();
  p.inside = pooled_all(pool, y["inside"]);
  p.not_inside = pooled_all(pool, y["not_inside"]);
  if (y["report"]) p.report = y["report"].as<std::string>();
  if (y["args"])
    for (const auto& kv : y["args"]) p.args.push_back({kv.first.as<std::string>(), kv.second.as<std::string>()});
  if (y["in_tests"]) p.in_tests = y["in_tests"].as<bool>();
  if (y["in_route_handler"]) p.in_route_handler = y["in_route_handler"].as<bool>();
  return p;
}

// The captured text on one line, cut to a readable length.
std::string short_text(std::string_view text) {
  std::string out(text.substr(0, text.find('\n')));
  if (out.size() < text.size()) out += "…";
  if (out.size() > kMaxArgText) out = out.substr(0, kMaxArgText) + "…";
  return out;
}

// "{name}" becomes the text captured as @name; other braces stay as they are.
std::string with_captures(const SyntaxTree& tree, const QueryMatch& m, const std::string& tmpl) {
  std::string out;
  for (std::size_t i = 0; i < tmpl.size();) {
    std::size_t open = tmpl.find('{', i), close = open == std::string::npos ? open : tmpl.find('}', open);
    if (close == std::string::npos) {
      out += tmpl.substr(i);
      break;
    }
    out += tmpl.substr(i, open - i);
    std::string_view name = std::string_view(tmpl).substr(open + 1, close - open - 1);
    TSNode node = name.find_first_of("{ ") == std::string_view::npos ? m[name] : TSNode{};
    if (ts_node_is_null(node)) {  // a literal brace: "{ {match} }" keeps both
      out += '{';
      i = open + 1;
      continue;
    }
    out += short_text(tree.text(node));
    i = close + 1;
  }
  return out;
}

// The @inside nodes of a file's `inside:`/`not_inside:` queries, each query run once per
// file (on first need) rather than once per match.
class InsideSpans {
 public:
  InsideSpans(const SyntaxTree& tree, Language lang) : tree_(tree), lang_(lang) {}

  // Whether an @inside node of `query` holds [begin, end).
  bool within(const LazyQuery& query, std::size_t begin, std::size_t end) {
    auto it = spans_.find(&query);
    if (it == spans_.end()) {
      std::vector<std::pair<std::size_t, std::size_t>> found;
      query.get(lang_).for_each(tree_, [&](const QueryMatch& m) {
        TSNode n = m["inside"];
        if (!ts_node_is_null(n)) found.emplace_back(ts_node_start_byte(n), ts_node_end_byte(n));
      });
      it = spans_.emplace(&query, std::move(found)).first;
    }
    return std::any_of(it->second.begin(), it->second.end(),
                       [&](const auto& span) { return span.first <= begin && end <= span.second; });
  }

 private:
  const SyntaxTree& tree_;
  Language lang_;
  std::map<const LazyQuery*, std::vector<std::pair<std::size_t, std::size_t>>> spans_;
};

class PatternCheck : public Check {
 public:
  void load_rule(const RuleInfo& rule) override {
    QueryPool pool(rule.id);
    main_ = std::make_unique<QueryBatch>(rule.id);
    evidence_ = std::make_unique<QueryBatch>(rule.id);
    for (const auto& y : rule.spec["patterns"]) {
      patterns_.push_back(parse_pattern(rule, pool, y));
      main_->add(patterns_.back().languages, patterns_.back().query);
    }
    if (auto unless = rule.spec["unless_service"]) {
      deferred_ = true;
      for (const auto& d : unless["dependencies"]) evidence_dependencies_.insert(d.as<std::string>());
      for (const auto& y : unless["patterns"]) {
        Pattern p = parse_pattern(rule, pool, y);
        evidence_->add(p.languages, p.query);
      }
    }
    if (auto once = rule.spec["once_per_service"]) {
      deferred_ = true;
      count_arg_ = once["count_in"].as<std::string>();
    }
    scope_ = ServiceScope::parse(rule.spec["services"]);
    for (const auto& p : patterns_) route_aware_ = route_aware_ || p.in_route_handler.has_value();
    // Route handlers and table ownership are known only once every file is done.
    if (route_aware_ || scope_.owns_tables) deferred_ = true;
  }

  bool wants(const SourceFile&, const Service* service) const override { return scope_.admits(service); }

  std::vector<std::string> workspace_facts() const override {
    std::vector<std::string> out;
    if (route_aware_) out.push_back("routes");
    if (scope_.owns_tables) out.push_back("tables");
    return out;
  }

  // Without service-wide evidence or counting, a match depends on its file alone.
  bool file_local() const override { return !deferred_; }

  // Every query for every language it applies to; a bad query throws, naming the rule.
  void compile_all() const {
    for (Language l : {Language::typescript, Language::tsx, Language::javascript, Language::python, Language::sql}) {
      main_->prepare(l);
      evidence_->prepare(l);
    }
    for (const auto& p : patterns_)
      for (Language l : p.languages) {
        for (const auto& q : p.inside) q->get(l);
        for (const auto& q : p.not_inside) q->get(l);
      }
  }

  // A rule without service-wide conditions reports each match where it stands.
  void check_file(const FileContext& ctx, FindingSink& out) const override {
    if (!ctx.tree || deferred_) return;
    for_each_match(ctx, [&](std::size_t begin, std::size_t end, MessageArgs args, const Pattern&, TSNode) {
      out.report(ctx.file, begin, end, args);
    });
  }

  // A rule with service-wide conditions keeps the file's matches, and whether the file
  // holds the evidence that excuses its service, for check_workspace.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    if (!ctx.tree || !deferred_) return nullptr;
    FileMatches found;
    found.service = ctx.service;
    found.evident = ctx.service && !is_test_path(ctx.file.path()) && has_evidence(ctx);
    for_each_match(ctx, [&](std::size_t begin, std::size_t end, MessageArgs args, const Pattern& p, TSNode at) {
      found.candidates.push_back({ctx.service, ctx.file.path(), ctx.file.position_of(begin), ctx.file.position_of(end),
                                  std::move(args), std::string(ctx.file.text().substr(begin, end - begin)),
                                  p.in_route_handler, {}});
      if (p.in_route_handler) found.candidates.back().functions = enclosing_functions(*ctx.tree, at);
    });
    if (!found.evident && found.candidates.empty()) return nullptr;
    // A service's finding stands at its first match and counts the rest: of a file's
    // matches, only the first is needed (memory stays flat on large services).
    if (!count_arg_.empty() && ctx.service && found.candidates.size() > 1) {
      auto first = std::min_element(found.candidates.begin(), found.candidates.end(), [](const auto& a, const auto& b) {
        return std::tie(a.begin.line, a.begin.column) < std::tie(b.begin.line, b.begin.column);
      });
      found.more = found.candidates.size() - 1;
      found.candidates = {std::move(*first)};
    }
    return notes_for(std::move(found));
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<FileMatches>(saved);
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    if (!deferred_) return;
    auto files = notes_of<FileMatches>(ctx);  // in path order, each file's matches in query order
    std::set<const Service*> evident;  // services with the evidence
    for (const FileMatches* f : files)
      if (f->evident) evident.insert(f->service);
    std::vector<const Candidate*> candidates;
    for (const FileMatches* f : files)
      for (const auto& c : f->candidates) candidates.push_back(&c);
    std::sort(candidates.begin(), candidates.end(), [](const Candidate* a, const Candidate* b) {
      return std::tie(a->path, a->begin.line, a->begin.column) < std::tie(b->path, b->begin.line, b->begin.column);
    });
    std::map<const Service*, std::size_t> dropped;  // matches counted, not kept
    for (const FileMatches* f : files) dropped[f->service] += f->more;
    std::map<const Service*, std::vector<const Candidate*>> by_service;
    RouteHandlers handlers(ctx);
    auto index_of = [&](const Service* s) { return s ? static_cast<int>(s - ctx.services.services().data()) : -1; };
    for (const Candidate* c : candidates) {
      if (c->service && (evident.count(c->service) || has_dependency(*c->service))) continue;
      if (!scope_.admits_ownership(ctx, index_of(c->service))) continue;
      if (c->in_route_handler && handlers.any(index_of(c->service), c->path, c->functions) != *c->in_route_handler) continue;
      if (count_arg_.empty() || !c->service) out.report_at(c->path, c->begin, c->end, c->args, c->matched);
      else by_service[c->service].push_back(c);
    }
    for (const auto& [service, list] : by_service) report_first(*list.front(), list.size() - 1 + dropped[service], out);
  }

 private:
  // `once_per_service`: one fix serves every match of a service, so one finding, at
  // the first match, says how many others there are.
  void report_first(const Candidate& c, std::size_t others, FindingSink& out) const {
    MessageArgs args = c.args;
    for (auto& [name, value] : args)
      if (name == count_arg_ && others > 0)
        value += fmt::format(" (and {} more in this service)", others);
    out.report_at(c.path, c.begin, c.end, args, c.matched);
  }

  bool has_dependency(const Service& s) const {
    for (const auto& d : evidence_dependencies_)
      if (s.dependencies.count(d)) return true;
    return false;
  }

  bool has_evidence(const FileContext& ctx) const {
    bool any = false;
    evidence_->for_each(*ctx.tree, [&](std::size_t, const QueryMatch&) { any = true; });
    return any;
  }

  // Each match of the rule's patterns in the file that its inside/not_inside allow,
  // one per node (two patterns may match one), with its message fields.
  template <class Fn>
  void for_each_match(const FileContext& ctx, Fn&& fn) const {
    bool test = is_test_path(ctx.file.path());
    Spans seen;
    InsideSpans inside(*ctx.tree, ctx.file.language());
    main_->for_each(*ctx.tree, [&](std::size_t i, const QueryMatch& m) {
      const Pattern& p = patterns_[i];
      if (test && !p.in_tests) return;
      TSNode at = m[p.report];
      if (ts_node_is_null(at)) return;
      std::size_t begin = ts_node_start_byte(at), end = ts_node_end_byte(at);
      if (seen.count({begin, end})) return;
      for (const auto& q : p.inside)
        if (!inside.within(*q, begin, end)) return;
      for (const auto& q : p.not_inside)
        if (inside.within(*q, begin, end)) return;
      seen.insert({begin, end});
      MessageArgs args;
      for (const auto& [name, tmpl] : p.args) args.push_back({name, with_captures(*ctx.tree, m, tmpl)});
      fn(begin, end, std::move(args), p, at);
    });
  }

  std::vector<Pattern> patterns_;
  std::unique_ptr<QueryBatch> main_, evidence_;  // the patterns' queries, the evidence's
  std::set<std::string> evidence_dependencies_;
  bool deferred_ = false;
  std::string count_arg_;
  ServiceScope scope_;
  bool route_aware_ = false;  // a pattern has in_route_handler  // once_per_service: the message field that gets the count
};

}  // namespace

std::unique_ptr<engine::Check> make_pattern() { return std::make_unique<PatternCheck>(); }

void compile_pattern_rule(const engine::RuleInfo& rule) {
  PatternCheck check;
  check.load_rule(rule);
  check.compile_all();
}

}  // namespace svc::builtin
