// shutdown-no-sigterm: a service that cannot shut down gracefully (playbook,
// Deployment: on SIGTERM, finish in-flight requests and close the database pool).
// - Node: an HTTP service whose code starts a server and never handles SIGTERM, or
//   whose only SIGTERM handler just exits. Judged per service once every file is seen.
// - Python: a production start command (final Dockerfile stage, compose `command:`)
//   running a development server, directly (`flask run`, `uvicorn --reload`) or via a
//   script whose code calls `app.run()`; the latter needs the script's file, so waits.
#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <fmt/format.h>

#include "checks/builtin/shutdown/go_shutdown.h"
#include "checks/builtin/shutdown/shutdown_facts.h"
#include "checks/engine/check.h"
#include "checks/syntax/documents.h"
#include "checks/dockerfile/dockerfile.h"
#include "checks/facts/links/link_facts.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "checks/facts/servers/server_facts.h"
#include "checks/facts/routes/route_resolver.h"
#include "common/paths.h"

namespace svc::builtin {

// For the result cache.
SVC_JSON_FIELDS(CodeSite, span, text)
SVC_JSON_FIELDS(SignalHandler, span, text, closes)
SVC_JSON_FIELDS(DevRun, span, what)
SVC_JSON_FIELDS(GoShutdownFacts, starts, sigterm, interrupt, drains, library)

namespace {

using namespace engine;

std::string dev_server_fix(const Service* s) {
  std::string server = "gunicorn, uvicorn without --reload, or hypercorn";
  if (s && s->uses("flask")) server = "gunicorn (`gunicorn -b 0.0.0.0:8000 app:app`)";
  else if (s && s->uses("fastapi")) server = "uvicorn without --reload (`uvicorn app.main:app`), `fastapi run`, or hypercorn";
  else if (s && s->uses("django")) server = "gunicorn (`gunicorn project.wsgi`)";
  return "a development server does not drain on SIGTERM, so in-flight requests are cut off; run a production "
         "server, which passes SIGTERM to its workers and lets them finish their requests: " + server;
}

template <class T>
struct At {
  std::string path;
  T what;
};
template <class T>
void to_json(nlohmann::json& j, const At<T>& at) {
  j = nlohmann::json{{"path", at.path}, {"what", at.what}};
}
template <class T>
void from_json(const nlohmann::json& j, At<T>& at) {
  j.at("path").get_to(at.path);
  j.at("what").get_to(at.what);
}

// What a Node service's code says about starting a server and handling SIGTERM.
struct Node {
  std::vector<At<CodeSite>> starts;
  std::vector<At<SignalHandler>> handlers;
  bool library_call = false;
  // The first server started without a framework (node:http, bun, deno): it makes a
  // service whose manifest names no framework an HTTP service. "" when none.
  std::string runtime;
  // A Next.js app's next.config export, where a finding about Next's own server points.
  std::optional<At<CodeSite>> next_config;
};
SVC_JSON_FIELDS(Node, starts, handlers, library_call, runtime, next_config)

// A start command judged once every file is seen: a compose command (its service is
// found from `build`) or a `python app.py` whose script must be read first.
struct PendingCommand {
  const Service* service = nullptr;  // the Dockerfile's; compose: found from `build`
  std::string build;                 // compose build folder
  std::string path, text;
  StartCommandVerdict verdict;
  SourceSpan span;
};

// What one file says: a Node file's starts and handlers, a Python file's development
// server calls, or a Dockerfile's or compose file's start commands.
struct FileShutdown {
  const Service* service = nullptr;
  Node node;
  std::vector<At<DevRun>> dev_runs;
  std::vector<PendingCommand> commands;
  // A Go file's evidence; its starts are at `path`.
  std::string path;
  GoShutdownFacts go;
  bool empty() const {
    return node.starts.empty() && node.handlers.empty() && !node.library_call && !node.next_config &&
           dev_runs.empty() && commands.empty() && go.starts.empty() && !go.sigterm && !go.interrupt &&
           !go.drains && !go.library;
  }
};
SVC_JSON_FIELDS(PendingCommand, service, build, path, text, verdict, span)
SVC_JSON_FIELDS(FileShutdown, service, node, dev_runs, commands, path, go)

class ShutdownNoSigterm : public Check {
 public:
  void configure(const YAML::Node& options) override {
    for (const auto& d : options["shutdown_libraries"]) libraries_.insert(d.as<std::string>());
  }

  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    const std::string& path = ctx.file.path();
    FileShutdown found;
    found.service = ctx.service;
    if (ctx.dockerfile) {
      check_dockerfile(ctx, found);
    } else if (ctx.file.language() == Language::yaml) {
      check_compose(ctx, found);
    } else if (ctx.tree && ctx.service && !is_test_path(path)) {
      if (ctx.file.language() == Language::python) {
        for (auto& r : python_dev_runs(*ctx.tree)) found.dev_runs.push_back({path, std::move(r)});
      } else if (ctx.file.language() == Language::go) {
        found.path = path;
        found.go = go_shutdown_facts(*ctx.tree);
      } else {
        NodeShutdownFacts facts = node_shutdown_facts(*ctx.tree);
        for (auto& s : facts.starts) found.node.starts.push_back({path, std::move(s)});
        // A queue worker's entry runs as its own process: its handler does not drain the API.
        bool worker_process = facts.starts_worker && facts.starts.empty();
        if (!worker_process)
          for (auto& h : facts.handlers) found.node.handlers.push_back({path, std::move(h)});
        found.node.library_call = facts.library_call;
        add_runtime_servers(ctx, found.node);
        if (ctx.service->is_nextjs() && is_next_config(path) && folder_of(path) == ctx.service->path)
          if (auto at = next_config_export(*ctx.tree)) found.node.next_config = At<CodeSite>{path, {*at, "next.config"}};
      }
    }
    return found.empty() ? nullptr : notes_for(std::move(found));
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<FileShutdown>(saved);
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    auto files = notes_of<FileShutdown>(ctx);
    std::map<const Service*, Node> nodes;
    std::vector<const At<DevRun>*> dev_runs;
    std::map<const Service*, GoService> gos;
    for (const FileShutdown* f : files) {
      for (const auto& r : f->dev_runs) dev_runs.push_back(&r);
      if (f->service) {
        GoService& g = gos[f->service];
        for (const auto& s : f->go.starts) g.starts.push_back({f->path, s});
        merge(g.facts, f->go);
      }
      if (f->node.starts.empty() && f->node.handlers.empty() && !f->node.library_call && !f->node.next_config) continue;
      Node& node = nodes[f->service];
      if (f->node.next_config) node.next_config = f->node.next_config;
      node.starts.insert(node.starts.end(), f->node.starts.begin(), f->node.starts.end());
      node.handlers.insert(node.handlers.end(), f->node.handlers.begin(), f->node.handlers.end());
      node.library_call = node.library_call || f->node.library_call;
      if (node.runtime.empty()) node.runtime = f->node.runtime;
    }
    for (const auto& [service, node] : nodes) judge_node_service(*service, node, out);
    for (const auto& [service, go] : gos) judge_go_service(*service, go, out);
    for (const FileShutdown* f : files)
      for (const auto& cmd : f->commands) judge_pending(ctx, cmd, dev_runs, out);
  }

 private:
  struct GoService {
    std::vector<At<CodeSite>> starts;
    GoShutdownFacts facts;  // merged over the files (its starts without their paths)
  };

  // A Go HTTP or gRPC service: it shuts down gracefully when some file of it listens for
  // SIGTERM and some file drains the server (the two are often apart: main.go waits
  // for the signal, a server package holds Shutdown).
  static void judge_go_service(const Service& s, const GoService& go, FindingSink& out) {
    if (go.starts.empty() || !s.is_http()) return;
    std::string what = go_shutdown_problem(s.name, go.facts);
    if (what.empty()) return;
    const auto& start = *std::min_element(go.starts.begin(), go.starts.end(), earlier<CodeSite>);
    out.report_at(start.path, start.what.span.begin, start.what.span.end,
                  {{"what", what}, {"fix", go_shutdown_fix(go.facts.sigterm)}}, start.what.text);
  }

  // Servers started without a framework, from the `servers` fact extractor: starts too.
  // Bun serves `export default { fetch, port }` only from the module it runs.
  static void add_runtime_servers(const FileContext& ctx, Node& node) {
    ServerFacts facts;
    extract_server_facts(*ctx.tree, facts);
    const auto& entries = ctx.service->entry_files;
    for (auto& s : facts.servers) {
      if (s.default_export && std::find(entries.begin(), entries.end(), ctx.file.path()) == entries.end()) continue;
      if (node.runtime.empty()) node.runtime = s.runtime;
      node.starts.push_back({ctx.file.path(), {s.span, std::move(s.text)}});
    }
  }

  void check_dockerfile(const FileContext& ctx, FileShutdown& found) const {
    const auto& df = *ctx.dockerfile;
    const auto* stage = df.final_stage();
    if (!stage || is_dev_name(base_name(ctx.file.path())) || is_dev_name(stage->name)) return;
    StageStart start = stage_start(df, *stage);
    const docker::Instruction* at = start.at;
    if (!at) return;
    SourceSpan span{ctx.file.position_of(at->begin), ctx.file.position_of(at->end)};
    record_command(ctx, start.words, span, ctx.service, "", found);
  }

  // Compose services built from this repository; a service that bind-mounts its code
  // or uses `develop:` (watch) is a development setup, where a reloader belongs.
  void check_compose(const FileContext& ctx, FileShutdown& found) const {
    const std::string& path = ctx.file.path();
    if (!is_compose_file(path) || is_dev_name(base_name(path))) return;
    const auto& docs = ctx.documents.yaml();
    if (docs.empty() || !docs.front().IsMap()) return;
    const YAML::Node services = docs.front()["services"];
    if (!services || !services.IsMap()) return;  // a missing key: anything but `!` on it throws
    try {
      for (const auto& kv : services) {
        const YAML::Node& body = kv.second;
        if (!body.IsMap() || !body["build"] || !body["command"] || body["develop"] || mounts_code(body)) continue;
        YAML::Node build = body["build"];
        std::string context = build.IsScalar() ? build.Scalar() : yaml_string(build["context"]);
        std::string folder = join_relative(folder_of(path), context.empty() ? "." : context);
        std::vector<std::string> words = command_words(yaml_list(body["command"]));
        SourceSpan span = command_span(ctx.file, body);
        record_command(ctx, words, span, nullptr, folder, found);
      }
    } catch (const YAML::Exception&) {
      // An entry of an unexpected shape: the rest of the file was judged.
    }
  }

  static bool mounts_code(const YAML::Node& body) {
    for (const auto& v : yaml_list(body["volumes"])) {
      std::string source = v.IsMap() ? yaml_string(v["source"]) : yaml_string(v);
      if (source.rfind("./", 0) == 0 || source.rfind("../", 0) == 0 || source.rfind(".:", 0) == 0) return true;
    }
    return false;
  }

  static SourceSpan command_span(const SourceFile& file, const YAML::Node& body) {
    SourceSpan span;
    for_each_pair(body, [&](const YAML::Node& k, const YAML::Node&) {
      if (k.Scalar() == "command") span = yaml_span(file, k);
    });
    return span;
  }

  // A start command that runs a development server, directly or through a script
  // whose code is judged once every file is seen.
  static void record_command(const FileContext& ctx, const std::vector<std::string>& words, SourceSpan span,
                             const Service* service, const std::string& build, FileShutdown& found) {
    StartCommandVerdict v = judge_start_command(words);
    if (!v.dev_server && !v.script) return;
    found.commands.push_back({service, build, ctx.file.path(), std::string(ctx.file.line(span.begin.line)), v, span});
  }

  void judge_pending(const WorkspaceContext& ctx, const PendingCommand& cmd,
                     const std::vector<const At<DevRun>*>& dev_runs, FindingSink& out) const {
    const Service* service = cmd.service;
    if (!service && !cmd.build.empty()) {
      int i = ctx.services.service_of(cmd.build + "/Dockerfile");
      if (i >= 0) service = &ctx.services.services()[i];
    }
    if (!service) return;  // an image built elsewhere
    std::string what;
    const auto& v = cmd.verdict;
    if (v.dev_server) {
      what = fmt::format("the production start command of service `{}` runs `{}`", service->name, *v.dev_server);
    } else {
      const At<DevRun>* run = find_script(*service, cmd, dev_runs);
      if (!run) return;
      what = fmt::format("the production start command of service `{}` runs `{}{}`, which starts {} at {}:{}",
                         service->name, v.module ? "python -m " : "python ", *v.script, run->what.what, run->path,
                         run->what.span.begin.line);
    }
    out.report_at(cmd.path, cmd.span.begin, cmd.span.end, {{"what", what}, {"fix", dev_server_fix(service)}}, cmd.text);
  }

  // The service's file a script names (see script_paths).
  static const At<DevRun>* find_script(const Service& service, const PendingCommand& cmd,
                      const std::vector<const At<DevRun>*>& dev_runs) {
    for (const std::string& file : script_paths(cmd.verdict))
      for (const At<DevRun>* r : dev_runs) {
        bool in_service = service.path == "." || r->path.rfind(service.path + "/", 0) == 0;
        if (in_service && path_names(r->path, file)) return r;
      }
    return nullptr;
  }

  // A Next.js app on Next's own server (`next start`, standalone server.js): since
  // Next.js 14.1 that server stops accepting and lets in-flight requests finish on
  // SIGTERM, but it knows nothing of the app's database pool. Judged when self-hosted
  // (on Vercel and the like the platform runs it) and the app holds a database.
  void judge_next_app(const Service& s, const Node& node, FindingSink& out) const {
    if (!s.self_hosted || !s.has_database() || !node.next_config || node.library_call) return;
    for (const auto& h : node.handlers)
      if (h.what.closes.value_or(true)) return;
    std::string fix = "in instrumentation.ts, let `register()` (when `process.env.NEXT_RUNTIME === 'nodejs'`) add "
                      "`process.once('SIGTERM', …)` that closes the pool (`await pool.end()`, `await prisma.$disconnect()`)";
    if (!node.handlers.empty()) {
      const auto& h = *std::min_element(node.handlers.begin(), node.handlers.end(), earlier<SignalHandler>);
      std::string what = fmt::format("this SIGTERM handler of Next.js app `{}` never closes its database pool", s.name);
      out.report_at(h.path, h.what.span.begin, h.what.span.end, {{"what", what}, {"fix", fix}}, h.what.text);
      return;
    }
    const auto& at = *node.next_config;
    std::string what = fmt::format(
        "Next.js app `{}` runs self-hosted on Next's own server, which drains requests on SIGTERM (Next.js 14.1 and "
        "later) but never closes the app's database pool",
        s.name);
    out.report_at(at.path, at.what.span.begin, at.what.span.begin, {{"what", what}, {"fix", fix}}, "next " + s.path);
  }

  void judge_node_service(const Service& s, const Node& node, FindingSink& out) const {
    if (s.is_nextjs() && node.starts.empty()) return judge_next_app(s, node, out);
    const std::string& runtime = node.runtime;
    if ((!s.is_http() && runtime.empty()) || node.starts.empty() || node.library_call) return;
    for (const auto& lib : libraries_)
      if (s.dependencies.count(lib)) return;
    std::string fix = node_fix(s, !node.handlers.empty(), runtime);
    if (node.handlers.empty()) {
      const auto& start = *std::min_element(node.starts.begin(), node.starts.end(), earlier<CodeSite>);
      std::string what = fmt::format(
          "service `{}` starts its HTTP server here but no code of it handles SIGTERM, so every deploy or "
          "scale-down kills it mid-request",
          s.name);
      out.report_at(start.path, start.what.span.begin, start.what.span.end, {{"what", what}, {"fix", fix}},
                    start.what.text);
      return;
    }
    // Any handler that closes something, or whose calls cannot be seen, is enough.
    for (const auto& h : node.handlers)
      if (h.what.closes.value_or(true)) return;
    const auto& h = *std::min_element(node.handlers.begin(), node.handlers.end(), earlier<SignalHandler>);
    std::string what = fmt::format(
        "this SIGTERM handler of service `{}` never closes the server or a pool (no .close(), .end(), "
        ".destroy(), disconnect() or quit() in it), so in-flight requests are cut off when it exits",
        s.name);
    out.report_at(h.path, h.what.span.begin, h.what.span.end, {{"what", what}, {"fix", fix}}, h.what.text);
  }

  template <class T>
  static bool earlier(const At<T>& a, const At<T>& b) {
    return std::tie(a.path, a.what.span.begin.line) < std::tie(b.path, b.what.span.begin.line);
  }

  static std::string node_fix(const Service& s, bool has_handler, const std::string& runtime) {
    std::string pools = s.has_database() ? " and close the database pool (`pool.end()`, `prisma.$disconnect()`)" : "";
    if (s.uses("nestjs"))
      return fmt::format("call `app.enableShutdownHooks()` before `app.listen()`{}",
                         s.has_database() ? " and close pools in `onApplicationShutdown()`" : "");
    std::string stop = s.uses("fastify") ? "`await app.close()` (stops accepting, waits for in-flight requests, runs onClose hooks)"
                       : s.uses("hono") && runtime.empty() ? "`server.close()` on the server `serve()` returns (stops accepting, waits for in-flight requests)"
                       : runtime == "bun" ? "`await server.stop()` on the server `Bun.serve()` returns (stops accepting, waits for in-flight requests)"
                       : runtime == "deno" ? "`await server.shutdown()` on the server `Deno.serve()` returns (or abort the signal it was given)"
                        : "`server.close()` on the server `listen()` returns (stops accepting, waits for in-flight requests)";
    std::string how = has_handler ? "make it call"
                   : runtime == "deno" ? "register `Deno.addSignalListener('SIGTERM', shutdown)` where shutdown calls"
                   : "register `process.once('SIGTERM', shutdown)` (or use close-with-grace) where shutdown calls";
    return fmt::format("{} {}{}, then exit", how, stop, pools);
  }

  std::set<std::string> libraries_;
};

}  // namespace

std::unique_ptr<engine::Check> make_shutdown_no_sigterm() { return std::make_unique<ShutdownNoSigterm>(); }

}  // namespace svc::builtin
