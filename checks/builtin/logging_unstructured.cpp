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
#include "checks/facts/routes/route_facts.h"
#include "checks/syntax/query.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/core/rule_catalog.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {
namespace {

using namespace engine;

constexpr const char* kRequestFields = "method, path, status, duration_ms, trace_id, user_id";

// The rule's YAML lists, in the order they are added to the one query batch.
enum class Part { calls, request_paths, skip_inside, not_service_code, structured_logger };
constexpr std::pair<Part, const char*> kParts[] = {
    {Part::calls, "calls"},
    {Part::request_paths, "request_paths"},
    {Part::skip_inside, "skip_inside"},
    {Part::not_service_code, "not_service_code"},
    {Part::structured_logger, "structured_logger"},
};

using Ranges = std::vector<std::pair<uint32_t, uint32_t>>;

// What one walk of a file's tree finds for every part.
struct FileMatches {
  std::vector<QueryMatch> calls;
  Ranges request_paths, skip_inside;  // the @inside nodes, as byte ranges
  bool not_service_code = false, structured_logger = false;
};

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
  bool go;
  bool sets_up_logger;  // the file configures a structured logger (pino, structlog, ...)
  std::vector<Call> calls;
};
SVC_JSON_FIELDS(Call, begin, end, callee, text, in_request_path)
SVC_JSON_FIELDS(FileCalls, service, path, python, go, sets_up_logger, calls)

class LoggingUnstructured : public Check {
 public:
  void load_rule(const RuleInfo& rule) override {
    batch_ = std::make_unique<QueryBatch>(rule.id);
    for (const auto& [part, key] : kParts)
      for (const auto& entry : rule.spec[key]) {
        batch_->add(yaml_languages(entry["languages"]), entry["query"].as<std::string>());
        parts_.push_back(part);
      }
  }

  void configure(const YAML::Node& options) override {
    for (const auto& d : options["structured_loggers"]) loggers_.insert(d.as<std::string>());
    for (const auto& p : options["skip_paths"]) skip_paths_.push_back(std::make_shared<RE2>(p.as<std::string>()));
  }

  // A file's plain-text logging calls, and whether it sets up a structured logger.
  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    const Service* service = ctx.service;
    if (!ctx.tree || !service || is_test_path(ctx.file.path())) return nullptr;
    FileMatches found_matches = matches(ctx);
    FileCalls found{service, ctx.file.path(), ctx.file.language() == Language::python,
                    ctx.file.language() == Language::go, found_matches.structured_logger, {}};
    if (is_service_code(ctx, *service, found_matches)) {
      for (const QueryMatch& m : found_matches.calls) {
        TSNode at = m["match"], fn = m["fn"];
        if (ts_node_is_null(at) || ts_node_is_null(fn)) continue;
        uint32_t begin = ts_node_start_byte(at), end = ts_node_end_byte(at);
        // A handler defined inside startup code (Go's main) still runs per request.
        bool in_request_path = within(found_matches.request_paths, begin, end);
        if (within(found_matches.skip_inside, begin, end) && !in_request_path) continue;
        // Go's fmt.Print* writes a program's output (a CLI's table, a version line);
        // only inside a request handler is it logging.
        if (found.go && !in_request_path && ctx.tree->text(fn).starts_with("fmt.")) continue;
        found.calls.push_back({ctx.file.position_of(begin), ctx.file.position_of(end),
                               std::string(ctx.tree->text(fn)), std::string(ctx.tree->text(at)), in_request_path});
      }
      std::sort(found.calls.begin(), found.calls.end(), [](const Call& a, const Call& b) {
        return std::tie(a.begin.line, a.begin.column) < std::tie(b.begin.line, b.begin.column);
      });
    }
    if (found.calls.empty() && !found.sets_up_logger) return nullptr;
    return notes_for(std::move(found));
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<FileCalls>(saved);
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
  // Every part's matches in one walk of the file's tree.
  FileMatches matches(const FileContext& ctx) const {
    FileMatches out;
    batch_->for_each(*ctx.tree, [&](std::size_t i, const QueryMatch& m) {
      auto inside = [&](Ranges& ranges) {
        TSNode n = m["inside"];
        if (!ts_node_is_null(n)) ranges.emplace_back(ts_node_start_byte(n), ts_node_end_byte(n));
      };
      switch (parts_[i]) {
        case Part::calls: out.calls.push_back(m); break;
        case Part::request_paths: inside(out.request_paths); break;
        case Part::skip_inside: inside(out.skip_inside); break;
        case Part::not_service_code: out.not_service_code = true; break;
        case Part::structured_logger: out.structured_logger = true; break;
      }
    });
    return out;
  }

  // Service code: not a script, CLI, build config, seed or migration, nor browser code.
  bool is_service_code(const FileContext& ctx, const Service& service, const FileMatches& found) const {
    std::string path = ctx.file.path();
    if (service.path != "." && path.rfind(service.path + "/", 0) == 0) path = path.substr(service.path.size() + 1);
    for (const auto& re : skip_paths_)
      if (RE2::PartialMatch(path, *re)) return false;
    if (ctx.file.text().substr(0, 2) == "#!") return false;
    if (service.is_nextjs() && !is_next_server_code(path, ctx.file.text())) return false;
    return !found.not_service_code;
  }

  // A Next.js app mixes browser and server code, and a module without a directive may
  // be either: only what surely runs on the server is judged (docs/rules/logging-unstructured.md).
  static bool is_next_server_code(const std::string& path, const std::string& text) {
    static const RE2 server_folder(R"((^|/)(server|trpc|api|actions|jobs|cron|workflows)/)");
    static const RE2 server_entry(R"(^(src/)?(middleware|instrumentation|proxy)\.[cm]?[jt]s$)");
    static const RE2 server_marker(R"(["']use server["']|["']server-only["'])");
    return next_file_router(path) != FileRouter::none || RE2::PartialMatch(path, server_folder) ||
           RE2::PartialMatch(path, server_entry) || RE2::PartialMatch(text, server_marker);
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
                                more, f.python ? "print" : f.go ? "log/fmt" : "console", more == 1 ? "" : "s", f.service->name);
    std::string fix = fmt::format("set one up ({}) and log JSON, one line per request with {}",
                                  f.python ? "structlog, or logging with a JSON formatter"
                                  : f.go   ? "log/slog with slog.NewJSONHandler, zap.NewProduction or zerolog"
                                           : "pino, e.g. pino-http or hono-pino",
                                  kRequestFields);
    return {{"call", fmt::format("`{}(…)`", first.callee)}, {"where", where}, {"fix", fix}};
  }

  static MessageArgs request_path_args(const FileCalls& f, const Call& c) {
    std::string where = fmt::format("in a request handler of `{}`, which has a structured logger", f.service->name);
    std::string fix = fmt::format("log through it instead ({}) so the line is JSON with {}",
                                  f.python ? "structlog.get_logger() bound to the request"
                                  : f.go   ? "the request's slog/zap/zerolog logger, e.g. slog.InfoContext(r.Context(), ...)"
                                           : "req.log / c.get('logger') / the pino logger",
                                  kRequestFields);
    return {{"call", fmt::format("`{}(…)`", c.callee)}, {"where", where}, {"fix", fix}};
  }

  std::unique_ptr<QueryBatch> batch_;  // every part's queries, one walk per file
  std::vector<Part> parts_;             // by query of batch_
  std::set<std::string> loggers_;
  std::vector<std::shared_ptr<RE2>> skip_paths_;
};

}  // namespace

std::unique_ptr<engine::Check> make_logging_unstructured() { return std::make_unique<LoggingUnstructured>(); }

}  // namespace svc::builtin
