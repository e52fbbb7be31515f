// logging-unstructured: console.* / print() used for logging in service code
// (playbook, Observability: structured JSON logs with the request's fields). Two
// modes, decided per service once every file is seen, which a pattern rule cannot
// say (its `unless_service` evidence drops a service's matches all at once):
// - no structured logger: one finding per file, at the first call, with the count,
//   so a service that never set up a logger is not buried under one line per call;
// - a structured logger: each call left inside a request handler or middleware.
// The queries live in the rule's YAML (calls, request_paths, skip_inside,
// not_service_code, structured_logger); this file only combines them.
#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include <fmt/format.h>
#include <re2/re2.h>

#include "checks/engine/check.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/core/rule_catalog.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {
namespace {

using namespace engine;

constexpr const char* kRequestFields = "method, path, status, duration_ms, trace_id, user_id";

bool any_match(const std::vector<YamlQuery>& queries, const FileContext& ctx) {
  for (const auto& q : queries) {
    bool hit = false;
    q.for_each(*ctx.tree, [&](const QueryMatch&) { hit = true; });
    if (hit) return true;
  }
  return false;
}

// The @inside nodes of `queries` in this file, as byte ranges.
std::vector<std::pair<uint32_t, uint32_t>> inside_ranges(const std::vector<YamlQuery>& queries, const FileContext& ctx) {
  std::vector<std::pair<uint32_t, uint32_t>> out;
  for (const auto& q : queries)
    q.for_each(*ctx.tree, [&](const QueryMatch& m) {
      TSNode n = m["inside"];
      if (!ts_node_is_null(n)) out.emplace_back(ts_node_start_byte(n), ts_node_end_byte(n));
    });
  return out;
}

bool within(const std::vector<std::pair<uint32_t, uint32_t>>& ranges, uint32_t begin, uint32_t end) {
  for (const auto& [b, e] : ranges)
    if (b <= begin && end <= e) return true;
  return false;
}

struct Call {
  Position begin, end;
  std::string callee;  // console.log, print
  std::string text;    // fingerprint basis
  bool in_request_path = false;
};

// A file's calls, kept until its service's logger is known.
struct FileCalls {
  const Service* service;
  std::string path;
  bool python;
  bool sets_up_logger;  // the file configures a structured logger (pino, structlog, ...)
  std::vector<Call> calls;
};

class LoggingUnstructured : public Check {
 public:
  void load_rule(const RuleInfo& rule) override {
    QueryPool pool(rule.id);
    calls_ = yaml_queries(rule.spec["calls"], pool);
    request_paths_ = yaml_queries(rule.spec["request_paths"], pool);
    skip_inside_ = yaml_queries(rule.spec["skip_inside"], pool);
    not_service_code_ = yaml_queries(rule.spec["not_service_code"], pool);
    structured_logger_ = yaml_queries(rule.spec["structured_logger"], pool);
  }

  void configure(const YAML::Node& options) override {
    for (const auto& d : options["structured_loggers"]) loggers_.insert(d.as<std::string>());
    for (const auto& p : options["skip_paths"]) skip_paths_.push_back(std::make_shared<RE2>(p.as<std::string>()));
  }

  // A file's plain-text logging calls, and whether it sets up a structured logger.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    const Service* service = ctx.service;
    if (!ctx.tree || !service || is_test_path(ctx.file.path())) return nullptr;
    FileCalls found{service, ctx.file.path(), ctx.file.language() == Language::python, any_match(structured_logger_, ctx), {}};
    if (is_service_code(ctx, *service)) {
      auto skipped = inside_ranges(skip_inside_, ctx), requests = inside_ranges(request_paths_, ctx);
      for (const auto& q : calls_)
        q.for_each(*ctx.tree, [&](const QueryMatch& m) {
          TSNode at = m["match"], fn = m["fn"];
          if (ts_node_is_null(at) || ts_node_is_null(fn)) return;
          uint32_t begin = ts_node_start_byte(at), end = ts_node_end_byte(at);
          if (within(skipped, begin, end)) return;
          found.calls.push_back({ctx.file.position_of(begin), ctx.file.position_of(end),
                                 std::string(ctx.tree->text(fn)), std::string(ctx.tree->text(at)),
                                 within(requests, begin, end)});
        });
      std::sort(found.calls.begin(), found.calls.end(), [](const Call& a, const Call& b) {
        return std::tie(a.begin.line, a.begin.column) < std::tie(b.begin.line, b.begin.column);
      });
    }
    if (found.calls.empty() && !found.sets_up_logger) return nullptr;
    return notes_for(std::move(found));
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    auto files = notes_of<FileCalls>(ctx);
    std::set<const Service*> evident;  // services with code that sets up a structured logger
    for (const FileCalls* f : files)
      if (f->sets_up_logger) evident.insert(f->service);
    for (const FileCalls* f : files) {
      if (f->calls.empty()) continue;
      if (evident.count(f->service) || has_logger_dependency(*f->service)) {
        for (const auto& c : f->calls)
          if (c.in_request_path) out.report_at(f->path, c.begin, c.end, request_path_args(*f, c), c.text);
      } else {
        const Call& first = f->calls.front();
        out.report_at(f->path, first.begin, first.end, no_logger_args(*f), first.text);
      }
    }
  }

 private:
  // Service code: not a script, CLI, build config, seed or migration, nor browser code.
  bool is_service_code(const FileContext& ctx, const Service& service) const {
    std::string path = ctx.file.path();
    if (service.path != "." && path.rfind(service.path + "/", 0) == 0) path = path.substr(service.path.size() + 1);
    for (const auto& re : skip_paths_)
      if (RE2::PartialMatch(path, *re)) return false;
    if (ctx.file.text().substr(0, 2) == "#!") return false;
    return !any_match(not_service_code_, ctx);
  }

  bool has_logger_dependency(const Service& s) const {
    for (const auto& d : loggers_)
      if (s.dependencies.count(d)) return true;
    return false;
  }

  static MessageArgs no_logger_args(const FileCalls& f) {
    const Call& first = f.calls.front();
    std::size_t more = f.calls.size() - 1;
    std::string where = more == 0 ? fmt::format("logs as plain text: service `{}` has no structured JSON logger", f.service->name)
                                  : fmt::format("and {} more {} call{} in this file log as plain text: service `{}` has no structured JSON logger",
                                                more, f.python ? "print" : "console", more == 1 ? "" : "s", f.service->name);
    std::string fix = fmt::format("set one up ({}) and log JSON, one line per request with {}",
                                  f.python ? "structlog, or logging with a JSON formatter" : "pino, e.g. pino-http or hono-pino",
                                  kRequestFields);
    return {{"call", fmt::format("`{}(…)`", first.callee)}, {"where", where}, {"fix", fix}};
  }

  static MessageArgs request_path_args(const FileCalls& f, const Call& c) {
    std::string where = fmt::format("in a request handler of `{}`, which has a structured logger", f.service->name);
    std::string fix = fmt::format("log through it instead ({}) so the line is JSON with {}",
                                  f.python ? "structlog.get_logger() bound to the request" : "req.log / c.get('logger') / the pino logger",
                                  kRequestFields);
    return {{"call", fmt::format("`{}(…)`", c.callee)}, {"where", where}, {"fix", fix}};
  }

  std::vector<YamlQuery> calls_, request_paths_, skip_inside_, not_service_code_, structured_logger_;
  std::set<std::string> loggers_;
  std::vector<std::shared_ptr<RE2>> skip_paths_;
};

}  // namespace

std::unique_ptr<engine::Check> make_logging_unstructured() { return std::make_unique<LoggingUnstructured>(); }

}  // namespace svc::builtin
