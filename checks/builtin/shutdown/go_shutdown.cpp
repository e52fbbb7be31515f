#include "checks/builtin/shutdown/go_shutdown.h"

#include <set>
#include <string_view>

#include <fmt/format.h>
#include <re2/re2.h>

#include "checks/syntax/query.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin {
namespace {

// Every method call: which ones matter depends on the method and the file's imports.
constexpr const char* kCalls = R"(
  (call_expression
    function: (selector_expression operand: (_) @obj field: (field_identifier) @m)
    arguments: (argument_list) @args) @match
)";

bool imports(const std::string& text, std::string_view path) {
  return text.find(fmt::format("\"{}", path)) != std::string::npos;
}

CodeSite site_of(const engine::SyntaxTree& tree, TSNode node) {
  return {{tree.start(node), tree.end(node)}, std::string(tree.text(node))};
}

struct Imports {
  bool http, grpc, gin, echo, fiber;
  explicit Imports(const std::string& text)
      : http(imports(text, "net/http\"")),
        grpc(imports(text, "google.golang.org/grpc")),
        gin(imports(text, "github.com/gin-gonic/gin")),
        echo(imports(text, "github.com/labstack/echo")),
        fiber(imports(text, "github.com/gofiber/fiber")) {}
};

// Whether `obj.m(args)` starts a server, judged by the frameworks the file imports.
bool starts_server(const Imports& in, std::string_view obj, std::string_view m, std::string_view args) {
  if (m == "ListenAndServe" || m == "ListenAndServeTLS") return true;  // http.… or an *http.Server
  if (m == "Serve") return in.http || in.grpc;                         // srv.Serve(lis), grpcServer.Serve(lis)
  if (m == "Run" || m == "RunTLS") return in.gin && obj != "cmd";  // r.Run(":8080") of a gin engine
  if (m == "Start" || m == "StartTLS") return in.echo && args.find('{') == std::string_view::npos;
  if (m == "Listen" || m == "ListenTLS") return in.fiber && args.find("\"tcp") == std::string_view::npos;
  return false;
}

// Libraries that listen for SIGTERM and stop what they run.
bool shutdown_library(const std::string& text) {
  if (imports(text, "github.com/oklog/run") && text.find("SignalHandler") != std::string::npos) return true;
  for (const char* lib : {"go.uber.org/fx", "github.com/go-kratos/kratos", "github.com/fvbock/endless",
                          "github.com/cloudflare/tableflip", "github.com/facebookgo/grace", "github.com/ory/graceful",
                          "github.com/TV4/graceful", "github.com/oklog/run/group"})
    if (imports(text, lib)) return true;
  return false;
}

}  // namespace

GoShutdownFacts go_shutdown_facts(const engine::SyntaxTree& tree) {
  static const engine::LazyQuery calls("shutdown-no-sigterm", kCalls);
  static const std::set<std::string_view> drains = {"Shutdown", "GracefulStop", "ShutdownWithContext",
                                                    "ShutdownWithTimeout"};
  static const RE2 sigterm(R"(\bSIGTERM\b)");
  // Shutdown of a tracer, meter or logger provider (OpenTelemetry's tp.Shutdown(ctx)) or
  // a feature-flag client drains no server.
  static const RE2 telemetry(R"((?i)^(tp|mp|lp|sdk)$|trac|meter|provider|otel|exporter|openfeature|logger|telemetry)");
  static const RE2 interrupt(R"(\bos\.Interrupt\b|\bSIGINT\b)");
  const std::string& text = tree.file().text();
  Imports in(text);
  GoShutdownFacts out;
  out.library = shutdown_library(text);
  calls.get(engine::Language::go).for_each(tree, [&](const engine::QueryMatch& m) {
    std::string_view obj = tree.text(m["obj"]), method = tree.text(m["m"]), args = tree.text(m["args"]);
    if (drains.count(method) && !RE2::PartialMatch(re2::StringPiece(obj.data(), obj.size()), telemetry)) out.drains = true;
    if (obj == "signal" && (method == "Notify" || method == "NotifyContext")) {
      re2::StringPiece a(args.data(), args.size());
      // `signal.Notify(ch, signals...)` with the list elsewhere in the file.
      bool term = RE2::PartialMatch(a, sigterm) || (!RE2::PartialMatch(a, interrupt) && RE2::PartialMatch(text, sigterm));
      if (term) out.sigterm = true;
      else if (RE2::PartialMatch(a, interrupt)) out.interrupt = true;
      return;
    }
    if (starts_server(in, obj, method, args)) out.starts.push_back(site_of(tree, m["match"]));
  });
  return out;
}

void merge(GoShutdownFacts& into, const GoShutdownFacts& file) {
  into.starts.insert(into.starts.end(), file.starts.begin(), file.starts.end());
  into.sigterm = into.sigterm || file.sigterm;
  into.interrupt = into.interrupt || file.interrupt;
  into.drains = into.drains || file.drains;
  into.library = into.library || file.library;
}

std::string go_shutdown_problem(const std::string& service, const GoShutdownFacts& s) {
  if (s.starts.empty() || s.library) return "";
  if (s.sigterm && s.drains) return "";
  if (s.sigterm)
    return fmt::format(
        "service `{}` starts its server here and listens for SIGTERM, but never drains it (no Shutdown(ctx) or "
        "GracefulStop() call), so in-flight requests are cut off when it exits",
        service);
  if (s.interrupt)
    return fmt::format(
        "service `{}` starts its server here but its signal.Notify listens for os.Interrupt (SIGINT) only, while "
        "deploys and scale-downs send SIGTERM, which kills it mid-request",
        service);
  return fmt::format(
      "service `{}` starts its server here but no code of it handles SIGTERM (signal.Notify / signal.NotifyContext), "
      "so every deploy or scale-down kills it mid-request",
      service);
}

std::string go_shutdown_fix(bool handles_sigterm) {
  std::string drain =
      "then call `srv.Shutdown(ctx)` with a timeout context (gRPC: `grpcServer.GracefulStop()`; echo: "
      "`e.Shutdown(ctx)`; fiber: `app.ShutdownWithContext(ctx)`) and close the database pool";
  if (handles_sigterm) return "after the signal arrives, " + drain;
  return "run the server in a goroutine, wait on `ctx, stop := signal.NotifyContext(ctx, os.Interrupt, "
         "syscall.SIGTERM)`, " + drain;
}

}  // namespace svc::builtin
