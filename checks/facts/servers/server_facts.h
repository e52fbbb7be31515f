#pragma once
// HTTP servers that code starts without a framework: node:http / node:https
// `createServer(handler).listen(port)`, Bun `Bun.serve({...})`, Deno `Deno.serve(...)`,
// and an entry module's `export default { fetch, port }` that Bun serves itself. A
// service with one serves HTTP though its manifest names no framework. The paths its
// handlers compare the request's URL with (`req.url === '/health'`, `case '/health':`
// of `switch (url.pathname)`, Bun's `routes: { '/health': ... }`) are its routes.
#include <string>
#include <vector>

#include "checks/core/source_file.h"
#include "checks/facts/routes/route_facts.h"  // SourceSpan

namespace svc::engine {

class SyntaxTree;

struct RuntimeServer {
  std::string runtime;  // node:http | node:https | bun | deno
  SourceSpan span;
  std::string text;     // the call as written, the finding's fingerprint basis
  bool default_export = false;  // `export default { fetch, port }`: served only from the entry file
};

struct ServerFacts {
  std::vector<RuntimeServer> servers;
  std::vector<std::string> url_paths;  // "/health", as compared with the request URL
  bool empty() const { return servers.empty() && url_paths.empty(); }
};

bool wants_server_facts(const SourceFile& file);
void extract_server_facts(const SyntaxTree& tree, ServerFacts& out);

}  // namespace svc::engine
