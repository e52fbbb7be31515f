#pragma once
// What a Go file says about how its service shuts down (shutdown-no-sigterm): the
// calls that start a server, signal.Notify/NotifyContext on SIGTERM, the calls that
// drain a server (Shutdown, GracefulStop), and libraries that do both. A Go program
// that gets SIGTERM with no handler for it dies at once: in-flight requests are cut.
#include <string>
#include <vector>

#include "checks/builtin/shutdown/shutdown_facts.h"  // CodeSite
#include "checks/syntax/syntax_tree.h"

namespace svc::builtin {

struct GoShutdownFacts {
  std::vector<CodeSite> starts;    // http.ListenAndServe(…), srv.Serve(lis), r.Run(), e.Start(…), app.Listen(…)
  bool sigterm = false;            // signal.Notify(…, syscall.SIGTERM), signal.NotifyContext(…)
  bool interrupt = false;          // signal.Notify(…, os.Interrupt) with no SIGTERM
  bool drains = false;             // srv.Shutdown(ctx), grpcServer.GracefulStop(), app.Shutdown()
  bool library = false;            // oklog/run's SignalHandler, fx, kratos, endless …: they do both
};

// One non-test Go file.
GoShutdownFacts go_shutdown_facts(const engine::SyntaxTree& tree);

// A service's Go evidence, merged over its files (see merge), and what is wrong with
// it: empty when it starts no server or shuts down gracefully; else the message's
// `what`, to be reported at the first start.
void merge(GoShutdownFacts& into, const GoShutdownFacts& file);
std::string go_shutdown_problem(const std::string& service, const GoShutdownFacts& merged);
std::string go_shutdown_fix(bool handles_sigterm);

}  // namespace svc::builtin
