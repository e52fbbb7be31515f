#pragma once
// What code and start commands say about how a service shuts down (shutdown-no-sigterm):
// Node server starts and SIGTERM handlers, Python development servers. A dev server
// stops dead on SIGTERM: in-flight requests are cut and pools never closed.
#include <optional>
#include <string>
#include <vector>

#include "checks/builtin/shared/start_commands.h"
#include "checks/facts/routes/route_facts.h"  // SourceSpan
#include "checks/syntax/syntax_tree.h"

namespace svc::builtin {

struct CodeSite {
  engine::SourceSpan span;
  std::string text;  // the matched code, the finding's fingerprint basis
};

// `process.on('SIGTERM', handler)`, `Deno.addSignalListener('SIGTERM', handler)`.
struct SignalHandler {
  engine::SourceSpan span;
  std::string text;
  // Whether the handler closes something (a server, pool, client); nullopt when it
  // calls code that cannot be seen from here, which gets the benefit of the doubt.
  std::optional<bool> closes;
};

struct NodeShutdownFacts {
  std::vector<CodeSite> starts;          // app.listen(...), serve(...) of @hono/node-server
  std::vector<SignalHandler> handlers;   // SIGTERM handlers
  bool library_call = false;             // enableShutdownHooks(), createTerminus(), closeWithGrace() ...
  bool starts_worker = false;            // `new Worker(...)` of BullMQ: a queue worker's entry
};

// One JavaScript/TypeScript file.
NodeShutdownFacts node_shutdown_facts(const engine::SyntaxTree& tree);

// A Python file's call that starts a development server when it runs as a script:
// `app.run()` / `create_app().run()` of Flask (in a file that never names flask, only
// with Flask's host/port/debug keywords), `uvicorn.run(..., reload=True)`.
struct DevRun {
  engine::SourceSpan span;
  std::string what;  // "Flask's development server (`app.run()`)"
};
std::vector<DevRun> python_dev_runs(const engine::SyntaxTree& tree);

}  // namespace svc::builtin
