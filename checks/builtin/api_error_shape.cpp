// api-error-shape: error responses whose body is not { error: { code, message, details? } }.
// Two halves, both said in rules/api-error-shape.yaml:
// - `responses:` queries find bodies written in place (c.json(body, 404), return body,
//   400, error handlers); the body is judged here, because a query can neither list an
//   object's keys for the message nor tell a top-level `error` key from a nested one.
// - `central_handler:` is a pattern rule (HTTPException, abort) run by the pattern
//   engine: its matches are dropped in services that have a handler shaping errors.
// Only services that serve HTTP are looked at (a Next.js app does: route handlers).
#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>
#include <re2/re2.h>

#include "checks/builtin/shared/next_api.h"
#include "checks/engine/check.h"
#include "checks/engine/notes_codec.h"
#include "checks/facts/derived_facts.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/core/rule_catalog.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {

std::unique_ptr<engine::Check> make_pattern();  // checks/builtin/pattern_check.cpp

namespace {

using namespace engine;

constexpr std::size_t kMaxKeys = 4;     // keys listed when describing a body
constexpr std::size_t kMaxValue = 32;   // longer `error:` values are cut

using Entries = std::vector<std::pair<std::string, TSNode>>;  // key, value (null for `{ key }`)

std::optional<std::string> key_name(const SyntaxTree& tree, TSNode key) {
  auto type = node_type(key);
  if (type == "literal_element" && ts_node_named_child_count(key) == 1) {  // Go
    TSNode k = ts_node_named_child(key, 0);
    if (node_type(k) != "identifier" && node_type(k) != "field_identifier") return key_name(tree, k);
    // A struct field: encoding/json's name, as a json tag would usually lower it.
    std::string name(tree.text(k));
    if (!name.empty()) name[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(name[0])));
    return name;
  }
  if (type == "property_identifier" || type == "identifier" || type == "number") return std::string(tree.text(key));
  return string_value(tree, key);  // a computed key gives nullopt: not judged
}

// Go: the keyed elements of `gin.H{…}`, `map[string]any{…}`, `ErrorBody{…}`.
std::optional<Entries> go_entries(const SyntaxTree& tree, TSNode literal) {
  if (ts_node_is_null(literal)) return std::nullopt;
  Entries out;
  for (uint32_t i = 0; i < ts_node_named_child_count(literal); ++i) {
    TSNode child = ts_node_named_child(literal, i);
    if (node_type(child) == "comment") continue;
    if (node_type(child) != "keyed_element") return std::nullopt;
    auto key = key_name(tree, field(child, "key"));
    TSNode value = field(child, "value");
    if (!key) return std::nullopt;
    if (!ts_node_is_null(value) && node_type(value) == "literal_element" && ts_node_named_child_count(value) == 1)
      value = ts_node_named_child(value, 0);
    out.push_back({*key, value});
  }
  return out;
}

// The keys of an object/dict literal (or of jsonify(…)'s arguments); nullopt when some
// cannot be seen: a spread, `**kwargs`, a computed key.
std::optional<Entries> entries_of(const SyntaxTree& tree, TSNode node) {
  auto type = node_type(node);
  if (type == "composite_literal") return go_entries(tree, field(node, "body"));
  if (type != "object" && type != "dictionary" && type != "argument_list") return std::nullopt;
  Entries out;
  uint32_t n = ts_node_named_child_count(node);
  for (uint32_t i = 0; i < n; ++i) {
    TSNode child = ts_node_named_child(node, i);
    auto kind = node_type(child);
    if (kind == "comment") continue;
    if (kind == "shorthand_property_identifier") {
      out.push_back({std::string(tree.text(child)), TSNode{}});
    } else if (kind == "pair" || kind == "keyword_argument") {
      auto key = key_name(tree, field(child, kind == "pair" ? "key" : "name"));
      if (!key) return std::nullopt;
      out.push_back({*key, field(child, "value")});
    } else if (type == "argument_list" && n == 1) {
      return entries_of(tree, child);  // jsonify({...})
    } else {
      return std::nullopt;
    }
  }
  return out;
}

std::string describe(const Entries& entries) {
  if (entries.empty()) return "{}";
  std::string keys;
  for (std::size_t i = 0; i < entries.size() && i < kMaxKeys; ++i) keys += (i ? ", " : "") + entries[i].first;
  if (entries.size() > kMaxKeys) keys += ", …";
  return "{ " + keys + " }";
}

bool is_text(const SyntaxTree& tree, TSNode node) {
  auto type = node_type(node);
  if (type == "string" || type == "template_string" || type == "concatenated_string") return true;
  if (type == "interpreted_string_literal" || type == "raw_string_literal") return true;  // Go
  // Go: err.Error(), fmt.Sprintf(…)
  if (type == "call_expression") {
    TSNode fn = field(node, "function");
    if (node_type(fn) != "selector_expression") return false;
    auto name = tree.text(field(fn, "field"));
    return name == "Error" || name == "Sprintf" || name == "Sprint";
  }
  // err.message, exc.detail, e.description: strings whatever the error
  TSNode name = type == "member_expression" ? field(node, "property") : type == "attribute" ? field(node, "attribute") : TSNode{};
  if (ts_node_is_null(name)) return false;
  auto text = tree.text(name);
  return text == "message" || text == "detail" || text == "description";
}

bool is_scalar(const SyntaxTree& tree, TSNode node) {
  static const std::set<std::string_view> literals = {"number", "integer", "float", "true", "false", "array", "list",
                                                      "int_literal"};
  return is_text(tree, node) || literals.count(node_type(node)) > 0;
}

// The body as the client gets it: `(…)` unwrapped, `content=` and jsonify(…) opened.
TSNode unwrap(const SyntaxTree& tree, TSNode body) {
  auto type = node_type(body);
  if (type == "parenthesized_expression" && ts_node_named_child_count(body) == 1)
    return unwrap(tree, ts_node_named_child(body, 0));
  if (type == "unary_expression" && tree.text(field(body, "operator")) == "&")  // Go: &ErrorBody{…}
    return unwrap(tree, field(body, "operand"));
  if (type == "keyword_argument")
    return tree.text(field(body, "name")) == "content" ? unwrap(tree, field(body, "value")) : TSNode{};
  if (type == "call") {
    auto fn = tree.text(field(body, "function"));
    if (fn == "jsonify" || fn.substr(fn.size() >= 8 ? fn.size() - 8 : 0) == ".jsonify") return field(body, "arguments");
  }
  // new Response(JSON.stringify(body), …): the client gets `body`
  if (type == "call_expression" && tree.text(field(body, "function")) == "JSON.stringify") {
    TSNode args = field(body, "arguments");
    return ts_node_named_child_count(args) > 0 ? unwrap(tree, ts_node_named_child(args, 0)) : TSNode{};
  }
  return body;
}

// A readiness probe's `{ status: 'unavailable', … }` at 503 is for the orchestrator,
// not an API error.
bool is_health_answer(const Entries& entries, std::string_view status) {
  bool unavailable = status == "503" || status.find("SERVICE_UNAVAILABLE") != std::string_view::npos;
  return unavailable && std::any_of(entries.begin(), entries.end(), [](const auto& e) { return e.first == "status"; });
}

// What is wrong with a body, or nullopt when it is shaped or cannot be judged.
std::optional<std::string> unshaped(const SyntaxTree& tree, TSNode body, bool text, std::string_view status) {
  if (text) return "a plain-text body";
  body = unwrap(tree, body);
  if (ts_node_is_null(body)) return std::nullopt;
  // Go's JSON answers (c.JSON, an encoder) marshal a string as a JSON string; elsewhere
  // (new Response('x'), res.send('x')) the string is the body as text.
  if (is_text(tree, body))
    return tree.file().language() == Language::go ? "a bare string as the JSON body" : "a plain-text body";
  auto entries = entries_of(tree, body);
  if (!entries) return std::nullopt;
  const TSNode* error = nullptr;
  for (const auto& [key, value] : *entries)
    if (key == "error") error = &value;
  if (!error) return is_health_answer(*entries, status) ? std::nullopt : std::optional("body " + describe(*entries));
  if (ts_node_is_null(*error)) return std::nullopt;  // `{ error }`: a variable
  if (is_scalar(tree, *error)) {
    std::string value(tree.text(*error).substr(0, kMaxValue));
    if (value.size() < tree.text(*error).size() || value.find('\n') != std::string::npos)
      value = value.substr(0, value.find('\n')) + "…";
    return "body { error: " + value + " }";
  }
  auto inner = entries_of(tree, *error);
  if (!inner) return std::nullopt;
  bool code = false, message = false;
  for (const auto& [key, _] : *inner) {
    code = code || key == "code";
    message = message || key == "message";
  }
  if (code && message) return std::nullopt;
  std::string missing = !code && !message ? "code and message" : !code ? "code" : "message";
  return fmt::format("body {{ error: {} }} (no {})", describe(*inner), missing);
}

// One `responses:` entry.
struct Response {
  std::shared_ptr<LazyQuery> inside;      // null without `inside:`
  std::shared_ptr<LazyQuery> not_inside;  // null without `not_inside:`
  bool text = false;
  std::string where, fix;
};

using Span = std::pair<std::size_t, std::size_t>;

// The @inside nodes of `query`: where a pattern with `inside:` may match.
std::vector<Span> inside_spans(const SyntaxTree& tree, const Query& query) {
  std::vector<Span> out;
  query.for_each(tree, [&](const QueryMatch& m) {
    TSNode n = m["inside"];
    if (!ts_node_is_null(n)) out.push_back({ts_node_start_byte(n), ts_node_end_byte(n)});
  });
  return out;
}

bool held(const std::vector<Span>& spans, Span s) {
  return std::any_of(spans.begin(), spans.end(), [&](const Span& o) { return o.first <= s.first && s.second <= o.second; });
}

// A webhook receiver (`app/api/webhooks/stripe/route.ts`, `routes/webhook.js`) answers
// the sender (Stripe, GitHub …), which reads the status alone and retries: its
// bodies are no API clients handle.
bool is_webhook_receiver(const std::string& path) {
  static const RE2 segment(R"((?i)(^|/)[^/]*webhooks?[^/]*(/|\.[cm]?[jt]sx?$))", RE2::Quiet);
  return RE2::PartialMatch(path, segment);
}

// An error response of a Next.js route file, kept until the app's routes are known.
struct Pending {
  std::string path;
  SourceSpan span;
  MessageArgs args;
  std::string text;
};
SVC_JSON_FIELDS(Pending, path, span, args, text)

class ApiErrorShape : public Check {
 public:
  void load_rule(const RuleInfo& rule) override {
    QueryPool pool(rule.id);
    responses_batch_ = std::make_unique<QueryBatch>(rule.id);
    for (const auto& y : rule.spec["responses"]) {
      Response r;
      responses_batch_->add(yaml_languages(y["languages"]), y["query"].as<std::string>());
      if (y["inside"]) r.inside = pool.get(y["inside"].as<std::string>());
      if (y["not_inside"]) r.not_inside = pool.get(y["not_inside"].as<std::string>());
      r.text = y["text"] && y["text"].as<bool>();
      r.where = y["where"].as<std::string>();
      r.fix = y["fix"].as<std::string>();
      responses_.push_back(std::move(r));
    }
    RuleInfo central = rule;
    central.spec.reset(YAML::Node(YAML::NodeType::Map));  // `=` would overwrite the shared catalog node
    central.spec["patterns"] = rule.spec["central_handler"]["patterns"];
    central.spec["unless_service"] = rule.spec["central_handler"]["unless_service"];
    central.spec["once_per_service"] = rule.spec["central_handler"]["once_per_service"];
    central_ = make_pattern();
    central_->load_rule(central);
  }

  void check_file(const FileContext& ctx, FindingSink& out) const override {
    if (!ctx.tree || !(ctx.service && ctx.service->is_http()) || is_test_path(ctx.file.path())) return;
    central_->check_file(ctx, out);
    if (waits_for_routes(ctx)) return;  // judged in check_workspace
    scan(ctx, [&](std::size_t begin, std::size_t end, const MessageArgs& args) { out.report(ctx.file, begin, end, args); });
  }

  // The central-handler pattern waits for every file of a service, and so do a Next.js
  // route file's responses: both are this check's notes, back in check_workspace.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    if (!ctx.tree || !(ctx.service && ctx.service->is_http()) || is_test_path(ctx.file.path())) return nullptr;
    auto notes = std::make_unique<ShapeNotes>();
    notes->central = central_->collect(ctx);
    if (waits_for_routes(ctx))
      scan(ctx, [&](std::size_t begin, std::size_t end, const MessageArgs& args) {
        notes->pending.push_back({ctx.file.path(), {ctx.file.position_of(begin), ctx.file.position_of(end)}, args,
                                  ctx.file.text().substr(begin, end - begin)});
      });
    if (!notes->central && notes->pending.empty()) return nullptr;
    return notes;
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    auto notes = std::make_unique<ShapeNotes>();
    if (!saved.at("central").is_null()) notes->central = central_->restore(saved.at("central"));
    saved.at("pending").get_to(notes->pending);
    return notes;
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    std::vector<const FileNotes*> central;
    for (const FileNotes* n : ctx.notes)
      if (const auto& c = static_cast<const ShapeNotes*>(n)->central) central.push_back(c.get());
    central_->check_workspace({ctx.services, ctx.facts, ctx.config, ctx.derived, central}, out);
    judge_next_routes(ctx, out);
  }

 private:
  struct ShapeNotes : FileNotes {
    std::unique_ptr<FileNotes> central;
    std::vector<Pending> pending;
    void save(nlohmann::json& out) const override {
      nlohmann::json c;
      if (central) central->save(c);
      out = {{"central", c}, {"pending", pending}};
    }
  };

  // A Next.js app's route handlers are mostly its own backend, which its pages call:
  // the error shape is the contract of its public API, judged as api-unversioned-route
  // draws it (docs/rules/api-error-shape.md, "Next.js apps").
  static bool waits_for_routes(const FileContext& ctx) {
    return ctx.service->is_nextjs() && next_file_router(ctx.file.path()) != FileRouter::none;
  }

  void judge_next_routes(const WorkspaceContext& ctx, FindingSink& out) const {
    std::map<int, std::set<std::string>> public_files;  // by service, built on first need
    for (const FileNotes* n : ctx.notes) {
      for (const Pending& p : static_cast<const ShapeNotes*>(n)->pending) {
        int service = ctx.services.service_of(p.path);
        if (service < 0) continue;
        auto [it, fresh] = public_files.try_emplace(service);
        if (fresh) {
          const ServiceRoutes& routes = ctx.derived.routes(static_cast<std::size_t>(service));
          NextApiRoutes api(routes);
          for (const auto& r : routes.routes())
            if (r.file && api.is_public(r)) it->second.insert(r.file->path);
        }
        if (it->second.count(p.path)) out.report_at(p.path, p.span.begin, p.span.end, p.args, p.text);
      }
    }
  }

  // Every error response of the file whose body is not the shape, as (begin, end, args).
  void scan(const FileContext& ctx,
            const std::function<void(std::size_t, std::size_t, const MessageArgs&)>& emit) const {
    if (is_webhook_receiver(ctx.file.path())) return;
    std::set<Span> seen;  // the first pattern to match a node names it
    std::map<const LazyQuery*, std::vector<Span>> scopes;  // of `inside:`/`not_inside:`, found when first needed
    auto spans = [&](const LazyQuery& q) -> const std::vector<Span>& {
      auto it = scopes.find(&q);
      if (it == scopes.end()) it = scopes.emplace(&q, inside_spans(*ctx.tree, q.get(ctx.file.language()))).first;
      return it->second;
    };
    responses_batch_->for_each(*ctx.tree, [&](std::size_t i, const QueryMatch& m) {
      const Response& r = responses_[i];
      TSNode at = m["match"];
      if (ts_node_is_null(at)) return;
      Span where{ts_node_start_byte(at), ts_node_end_byte(at)};
      if ((r.inside && !held(spans(*r.inside), where)) || (r.not_inside && held(spans(*r.not_inside), where))) return;
      judge(ctx, r, m, seen, emit);
    });
  }

  void judge(const FileContext& ctx, const Response& r, const QueryMatch& m, std::set<Span>& seen,
             const std::function<void(std::size_t, std::size_t, const MessageArgs&)>& emit) const {
    TSNode at = m["match"], body = m["body"];
    if (ts_node_is_null(body)) return;
    std::size_t begin = ts_node_start_byte(at), end = ts_node_end_byte(at);
    if (seen.count({begin, end})) return;
    seen.insert({begin, end});
    TSNode status_node = m["status"];
    std::string_view status = ts_node_is_null(status_node) ? std::string_view() : ctx.tree->text(status_node);
    auto looks = unshaped(*ctx.tree, body, r.text, status);
    if (!looks) return;
    std::string where = r.where;
    if (auto p = where.find("{status}"); p != std::string::npos) where.replace(p, 8, status);
    emit(begin, end,
         {{"what", fmt::format("error response with {} {}", *looks, where)},
          {"why", "clients expect every error as { error: { code, message, details? } }, code documented"},
          {"fix", r.fix}});
  }

  std::vector<Response> responses_;
  std::unique_ptr<QueryBatch> responses_batch_;  // their queries, run as one
  std::unique_ptr<Check> central_;
};

}  // namespace

std::unique_ptr<engine::Check> make_api_error_shape() { return std::make_unique<ApiErrorShape>(); }

}  // namespace svc::builtin
