// api-error-leak: internal error text reaches clients, or debug mode is on (playbook,
// common mistakes: exposing internal errors). The rule's `patterns:` find error text
// inside a response and debug flags; this check adds what a pattern cannot see:
// - an `instanceof` guard counts only for the project's own error classes;
// - a response sent through a helper of the file or of a relative module
//   (`sendJson(res, 500, { error: err.message })`) is reported at the call;
// - `app.run(debug=True)` under `if __name__ == "__main__":` is reported when a
//   Dockerfile stage or compose service that the deployment runs starts that script;
// - FLASK_DEBUG / FLASK_ENV=development in the image or compose environment of a
//   service started with `flask run`.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "checks/builtin/error_leak/error_leak_deploy.h"
#include "checks/builtin/error_leak/error_leak_django.h"
#include "checks/builtin/error_leak/error_leak_js.h"
#include "checks/builtin/pattern_check.h"
#include "checks/core/rule_catalog.h"
#include "checks/dockerfile/dockerfile.h"
#include "checks/facts/links/link_facts.h"
#include "checks/engine/check.h"
#include "checks/syntax/query.h"
#include "checks/syntax/syntax_tree.h"
#include "common/paths.h"

namespace svc::builtin {

namespace error_leak {  // for the result cache
SVC_JSON_FIELDS(Helper, name, param, response)
SVC_JSON_FIELDS(HelperCall, callee, module, imported, arg, span, text)
SVC_JSON_FIELDS(JsFile, helpers, calls)
SVC_JSON_FIELDS(Setting, value, path, span, text)
SVC_JSON_FIELDS(Start, verdict, span, text)
SVC_JSON_FIELDS(StageFacts, name, start, env)
SVC_JSON_FIELDS(DockerfileFacts, dev, stages)
SVC_JSON_FIELDS(ComposeService, folder, dockerfile, target, command, env)
SVC_JSON_FIELDS(MainDebugRun, span, text, call)
}  // namespace error_leak

namespace {

using namespace engine;
using namespace error_leak;

// What the workspace phase needs of one file.
struct FileLeak {
  const Service* service = nullptr;
  std::string path;
  JsFile js;
  std::vector<MainDebugRun> main_runs;
  std::optional<DockerfileFacts> dockerfile;
  std::vector<ComposeService> compose;
};
SVC_JSON_FIELDS(FileLeak, service, path, js, main_runs, dockerfile, compose)

// A start command the deployment runs, with the Flask settings of its environment.
struct Run {
  const Service* service;
  const Start* start;
  std::string path, how;  // where the command is; which stage or compose service runs it
  Settings env;
};

class ApiErrorLeak : public Check {
 public:
  void load_rule(const RuleInfo& rule) override {
    patterns_ = make_pattern();
    patterns_->load_rule(rule);
    QueryPool pool(rule.id);
    auto get = [&](const char* key) { return pool.get(rule.spec[key].as<std::string>()); };
    js_ = {get("js_response"), get("js_guard"), get("js_typed_guard"), get("js_error_text")};
    debug_keyword_ = get("py_debug_keyword");
    main_guard_ = get("py_main_guard");
    debug_fix_ = rule.spec["debug_fix"].as<std::string>();
    generic_fix_ = rule.spec["generic_fix"].as<std::string>();
  }

  void configure(const YAML::Node& options) override {
    for (const auto& l : options["error_libraries"]) libraries_.insert(l.as<std::string>());
    patterns_->configure(options);
  }

  bool wants(const SourceFile& file, const Service* service) const override {
    if (file.language() == Language::yaml) return is_compose_file(file.path());
    return patterns_->wants(file, service);
  }

  // The patterns' matches, less those in a branch for the project's own error class.
  void check_file(const FileContext& ctx, FindingSink& out) const override {
    if (!ctx.tree) return;
    FindingSink found(out.rule());
    patterns_->check_file(ctx, found);
    Spans typed;
    if (is_js(ctx.file.language()) && !found.findings().empty()) typed = typed_guard_spans(*ctx.tree, js_, libraries_for(ctx.service));
    for (auto& f : found.findings()) {
      std::size_t b = ctx.file.offset_of(f.line, f.column), e = ctx.file.offset_of(f.end_line, f.end_column);
      if (!within(typed, b, e)) out.findings().push_back(std::move(f));
    }
    if (ctx.file.language() == Language::python) report_django_debug(ctx, out);
  }

  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    FileLeak found{ctx.service, ctx.file.path(), {}, {}, {}, {}};
    Language lang = ctx.file.language();
    if (ctx.dockerfile) {
      found.dockerfile = read_dockerfile(ctx.file, *ctx.dockerfile);
    } else if (lang == Language::yaml) {
      found.compose = read_compose(ctx.file, ctx.documents);
    } else if (ctx.tree && !is_test_path(ctx.file.path())) {
      if (is_js(lang)) found.js = read_js(*ctx.tree, js_, guarded(*ctx.tree, ctx.service));
      else if (lang == Language::python) found.main_runs = main_debug_runs(*ctx.tree);
    }
    bool empty = found.js.empty() && found.main_runs.empty() && !found.dockerfile && found.compose.empty();
    return empty ? nullptr : notes_for(std::move(found));
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<FileLeak>(saved);
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    auto files = notes_of<FileLeak>(ctx);
    report_helper_calls(files, out);
    std::vector<Run> runs = deployment_runs(ctx, files);
    report_main_runs(files, runs, out);
    report_debug_env(runs, out);
  }

 private:
  static bool is_js(Language l) { return l == Language::typescript || l == Language::tsx || l == Language::javascript; }

  // The error classes a service may call its own: the listed libraries' and those of
  // the workspace packages it depends on (a monorepo's `@acme/errors`).
  std::set<std::string> libraries_for(const Service* service) const {
    if (!service || service->workspace_packages.empty()) return libraries_;
    std::set<std::string> out = libraries_;
    out.insert(service->workspace_packages.begin(), service->workspace_packages.end());
    return out;
  }

  // Where an error's text is no leak: development-only and 4xx-only branches, and
  // branches for the project's own error classes.
  Spans guarded(const SyntaxTree& tree, const Service* service) const {
    Spans out = typed_guard_spans(tree, js_, libraries_for(service));
    js_.guard->get(tree.file().language()).for_each(tree, [&](const QueryMatch& m) {
      out.emplace_back(ts_node_start_byte(m["inside"]), ts_node_end_byte(m["inside"]));
    });
    return out;
  }

  std::vector<MainDebugRun> main_debug_runs(const SyntaxTree& tree) const {
    std::vector<MainDebugRun> out;
    Spans mains;
    main_guard_->get(Language::python).for_each(tree, [&](const QueryMatch& m) {
      mains.emplace_back(ts_node_start_byte(m["inside"]), ts_node_end_byte(m["inside"]));
    });
    if (mains.empty()) return out;
    debug_keyword_->get(Language::python).for_each(tree, [&](const QueryMatch& m) {
      std::string fn(tree.text(m["fn"]));
      TSNode at = m["match"];
      if (!fn.ends_with(".run") || !within(mains, ts_node_start_byte(at), ts_node_end_byte(at))) return;
      out.push_back({{tree.start(at), tree.end(at)}, std::string(tree.text(at)), fn});
    });
    return out;
  }

  // `DEBUG = True` in a Django settings module that is not named for local runs or tests.
  void report_django_debug(const FileContext& ctx, FindingSink& out) const {
    std::string_view text = ctx.file.text();
    bool django = (ctx.service && ctx.service->uses("django")) || text.find("django") != std::string_view::npos;
    if (!django || is_test_path(ctx.file.path()) || !is_deployed_django_settings(ctx.file.path(), text)) return;
    for (const auto& d : django_debug_settings(*ctx.tree)) {
      std::string where = d.from_environment ? "turns Django's debug mode on wherever the environment does not set it"
                                             : "turns Django's debug mode on";
      MessageArgs args = {{"what", fmt::format("`{}`", d.text)},
                          {"where", where},
                          {"why", "an unhandled error then answers with Django's debug page: the traceback, "
                                  "local variables and settings"},
                          {"fix", "read it from the environment, off by default: DEBUG = env.bool(\"DJANGO_DEBUG\", "
                                  "default=False)"}};
      out.report_at(ctx.file.path(), d.span.begin, d.span.end, args, d.text);
    }
  }

  // ---- helpers -------------------------------------------------------------------

  void report_helper_calls(const std::vector<const FileLeak*>& files, FindingSink& out) const {
    std::map<std::string, const FileLeak*> by_path;
    for (const FileLeak* f : files) by_path[f->path] = f;
    for (const FileLeak* f : files)
      for (const auto& call : f->js.calls) {
        const FileLeak* home = f;
        std::string name = call.callee;
        if (!call.module.empty()) {
          home = nullptr;
          name = call.imported;
          for (const auto& candidate : module_files(f->path, call.module))
            if (auto it = by_path.find(candidate); it != by_path.end() && it->second->service == f->service)
              home = it->second;
        }
        if (!home) continue;
        for (const auto& h : home->js.helpers)
          if (h.name == name && h.param == call.arg) {
            report_call(*f, call, *home, h, out);
            break;
          }
      }
  }

  // The files a relative specifier may name: './http' -> http.ts, http/index.ts ...
  static std::vector<std::string> module_files(const std::string& from, const std::string& module) {
    std::string base = join_relative(folder_of(from), module);
    if (base.empty()) return {};
    std::vector<std::string> out = {base};
    for (const char* ext : {".ts", ".tsx", ".js", ".mjs", ".cjs", ".jsx"}) {
      out.push_back(base + ext);
      out.push_back(base + "/index" + ext);
    }
    if (auto dot = base.rfind('.'); dot != std::string::npos && base.substr(dot) == ".js") {
      out.push_back(base.substr(0, dot) + ".ts");  // TypeScript's ESM imports name the .js output
      out.push_back(base.substr(0, dot) + ".tsx");
    }
    return out;
  }

  void report_call(const FileLeak& f, const HelperCall& call, const FileLeak& home, const Helper& h,
                   FindingSink& out) const {
    std::string where = fmt::format("is sent in the response by `{}(…)`, which answers with its argument {} at {}:{}",
                                    call.callee, call.arg + 1, home.path, h.response.begin.line);
    MessageArgs args = {{"what", fmt::format("the error text `{}`", call.text)},
                        {"where", where},
                        {"why", "an unexpected error's text shows clients the service's internals"},
                        {"fix", generic_fix_}};
    out.report_at(f.path, call.span.begin, call.span.end, args, call.text);
  }

  // ---- deployment ----------------------------------------------------------------

  // What runs in production: the last stage of every Dockerfile not named for
  // development, and the stage each compose service builds (its `target`, else the last).
  static std::vector<Run> deployment_runs(const WorkspaceContext& ctx, const std::vector<const FileLeak*>& files) {
    std::vector<Run> runs;
    std::map<std::string, const FileLeak*> dockerfiles;
    for (const FileLeak* f : files)
      if (f->dockerfile) dockerfiles[f->path] = f;
    for (const auto& [path, f] : dockerfiles) {
      const auto& stages = f->dockerfile->stages;
      if (f->dockerfile->dev || stages.empty() || is_dev_name(stages.back().name) || !stages.back().start) continue;
      runs.push_back({f->service, &*stages.back().start, path, "the image's last stage", stages.back().env});
    }
    for (const FileLeak* f : files)
      for (const auto& c : f->compose) {
        auto it = dockerfiles.find(c.dockerfile);
        const StageFacts* stage = nullptr;
        if (it != dockerfiles.end() && !it->second->dockerfile->stages.empty()) {
          const auto& stages = it->second->dockerfile->stages;
          stage = &stages.back();
          for (const auto& s : stages)
            if (!c.target.empty() && s.name == c.target) stage = &s;
        }
        const Start* start = c.command ? &*c.command : stage && stage->start ? &*stage->start : nullptr;
        if (!start) continue;
        int service = ctx.services.service_of(c.dockerfile);
        Run run{service >= 0 ? &ctx.services.services()[service] : nullptr, start,
                c.command ? f->path : it->first, "", stage ? stage->env : Settings{}};
        run.how = c.target.empty() ? fmt::format("{} builds", f->path)
                                   : fmt::format("the `{}` stage {} builds", c.target, f->path);
        for (const auto& [name, s] : c.env) run.env[name] = s;  // compose's environment wins
        runs.push_back(std::move(run));
      }
    return runs;
  }

  void report_main_runs(const std::vector<const FileLeak*>& files, const std::vector<Run>& runs,
                        FindingSink& out) const {
    for (const FileLeak* f : files)
      for (const auto& r : f->main_runs) {
        const Run* by = nullptr;
        for (const Run& run : runs) {
          if (by || !run.start->verdict.script) continue;
          bool in_service = !run.service || run.service->path == "." || f->path.rfind(run.service->path + "/", 0) == 0;
          auto paths = script_paths(run.start->verdict);
          if (in_service && std::any_of(paths.begin(), paths.end(), [&](const auto& p) { return path_names(f->path, p); }))
            by = &run;
        }
        if (!by) continue;
        const auto& v = by->start->verdict;
        std::string where = fmt::format(
            "turns debug mode on in production: `{}{}` ({}:{}, {}) runs this script, so the `__main__` guard does not "
            "keep it to development",
            v.module ? "python -m " : "python ", *v.script, by->path, by->start->span.begin.line, by->how);
        MessageArgs args = {{"what", fmt::format("`{}` in `{}(…)`", r.text, r.call)},
                            {"where", where},
                            {"why", kDebugWhy},
                            {"fix", debug_fix_}};
        out.report_at(f->path, r.span.begin, r.span.end, args, r.text);
      }
  }

  void report_debug_env(const std::vector<Run>& runs, FindingSink& out) const {
    std::set<std::pair<std::string, int>> seen;  // a setting shared by several runs, once
    for (const Run& run : runs) {
      if (run.start->verdict.dev_server != std::optional<std::string>("flask run")) continue;
      std::string variable;
      const Setting* s = debug_setting(run.env, &variable);
      if (!s || !seen.insert({s->text + run.path, s->span.begin.line}).second) continue;
      std::string where = fmt::format("turns debug mode on for `flask run`, the start command at {}:{} ({})",
                                      run.path, run.start->span.begin.line, run.how);
      MessageArgs args = {{"what", fmt::format("`{}={}`", variable, s->value)},
                          {"where", where},
                          {"why", kDebugWhy},
                          {"fix", debug_fix_}};
      out.report_at(s->path, s->span.begin, s->span.end, args, s->text);
    }
  }

  static constexpr const char* kDebugWhy =
      "an unhandled error then answers with its traceback (Flask's debugger even runs code for whoever reaches it)";

  std::unique_ptr<Check> patterns_;
  JsQueries js_;
  std::shared_ptr<LazyQuery> debug_keyword_, main_guard_;
  std::set<std::string> libraries_;
  std::string debug_fix_, generic_fix_;
};

}  // namespace

std::unique_ptr<engine::Check> make_api_error_leak() { return std::make_unique<ApiErrorLeak>(); }

}  // namespace svc::builtin
