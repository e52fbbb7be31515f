#include "checks/facts/fact_kinds.h"

#include "checks/facts/imports/import_facts.h"
#include "checks/facts/links/link_facts.h"
#include "checks/facts/routes/route_facts.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/facts/signals/signal_facts.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/facts/tables/table_facts.h"

namespace svc::engine {
namespace {

// Routes matter only where requests are served; tests define throwaway apps.
bool wants_routes(const SourceFile& file, const Service* service) {
  return is_code(file.language()) && service && service->is_http() && !is_test_path(file.path());
}

void extract_routes(const SourceFile&, const SyntaxTree* tree, const docker::Dockerfile*, const Documents&,
                    FileFacts& out) {
  if (tree) extract_route_facts(*tree, out.routes);
}

bool wants_tables(const SourceFile& file, const Service*) { return wants_table_facts(file); }
void extract_tables(const SourceFile& file, const SyntaxTree* tree, const docker::Dockerfile*, const Documents&,
                    FileFacts& out) {
  extract_table_facts(file, tree, out.tables);
}

// Links are read everywhere: compose files and manifests often sit outside any service.
bool wants_links(const SourceFile& file, const Service*) { return wants_link_facts(file); }
void extract_links(const SourceFile& file, const SyntaxTree* tree, const docker::Dockerfile* dockerfile,
                   const Documents& documents, FileFacts& out) {
  extract_link_facts(file, tree, dockerfile, documents, out.links);
}

// Servers started without a framework (node:http, Bun, Deno): what makes such a service HTTP.
bool wants_servers(const SourceFile& file, const Service* service) { return service && wants_server_facts(file); }
void extract_servers(const SourceFile&, const SyntaxTree* tree, const docker::Dockerfile*, const Documents&,
                     FileFacts& out) {
  if (tree) extract_server_facts(*tree, out.servers);
}

// Next.js Server Actions, segment config and tRPC: only files that mention them are parsed
// for it, in services and in the workspace packages they import (create-t3's
// `packages/api` holds the app's tRPC routers and belongs to no service).
bool wants_next(const SourceFile& file, const Service*) { return wants_next_facts(file); }
void extract_next(const SourceFile&, const SyntaxTree* tree, const docker::Dockerfile*, const Documents&,
                  FileFacts& out) {
  if (tree) extract_next_facts(*tree, out.next);
}

// Split signals (`svc review`): code, notebooks, Go, vercel.json and OpenAPI documents,
// wherever they sit; a literal scan keeps other files from being parsed for them.
bool wants_signals(const SourceFile& file, const Service*) { return wants_signal_facts(file); }
void extract_signals(const SourceFile& file, const SyntaxTree* tree, const docker::Dockerfile*, const Documents&,
                     FileFacts& out) {
  extract_signal_facts(file, tree, out.signals);
}
// Files whose language svc does not classify, read only for signals.
bool signals_read_unclassified(std::string_view path) { return is_signal_file_by_name(path); }

// Imports between modules (`svc review`'s code coupling): all code outside tests.
bool wants_imports(const SourceFile& file, const Service*) { return wants_import_facts(file); }
void extract_imports(const SourceFile&, const SyntaxTree* tree, const docker::Dockerfile*, const Documents&,
                     FileFacts& out) {
  if (tree) extract_import_facts(*tree, out.imports);
}

}  // namespace

const std::vector<FactKind>& fact_kinds() {
  static const std::vector<FactKind> kinds = {
      {"routes", &wants_routes, &extract_routes},
      {"tables", &wants_tables, &extract_tables},
      {"links", &wants_links, &extract_links},
      {"servers", &wants_servers, &extract_servers},
      {"next", &wants_next, &extract_next},
      {"signals", &wants_signals, &extract_signals, &signals_read_unclassified},
      {"imports", &wants_imports, &extract_imports},
  };
  return kinds;
}

const FactKind* find_fact_kind(std::string_view name) {
  for (const auto& k : fact_kinds())
    if (k.name == name) return &k;
  return nullptr;
}

}  // namespace svc::engine
