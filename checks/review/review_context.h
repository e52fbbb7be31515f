#pragma once
// What every part of a review reads: the audit's facts, the services, the derived facts
// (routes, links, table ownership), the modules and the history. Internal to checks/review.
#include <string>

#include "checks/engine/runner.h"
#include "checks/facts/derived_facts.h"
#include "checks/history/history.h"
#include "checks/review/modules.h"
#include "checks/review/review.h"

namespace svc::review {

// An import resolved to the file or folder it leads to inside the reviewed tree.
struct ResolvedImport {
  std::string from;  // the importing file
  int line = 0;
  std::string specifier;
  std::string to;    // a path without extension ("apps/web/lib/billing/stripe") or a package folder
  // A file inside the target, for lookups that treat a folder as not inside itself.
  std::string inside() const { return to + "/index"; }
};

// A table named in code: read, written, or defined (a model, a migration).
struct TableUse {
  std::string table;  // as its owner names it
  std::string path;
  int line = 0;
  bool write = false;
  bool definition = false;
};

struct ReviewContext {
  const engine::AuditResult& audit;
  const engine::ServiceMap& services;
  const engine::DerivedFacts& derived;
  const ModuleMap& modules;
  const history::History& history;
  const ReviewOptions& options;
  std::vector<ResolvedImport> imports;  // resolve_imports(), once
  std::vector<TableUse> table_uses;     // collect_table_uses(), once

  const engine::Service& service(int index) const { return services.services()[static_cast<std::size_t>(index)]; }
  // The Next.js app or service that `path` belongs to, for notes: "apps/web".
  std::string service_path(const std::string& path) const;
  // Whether the file at `path` belongs to a Next.js app, or to a package a Next.js app uses.
  bool in_next_app(const std::string& path) const;
};

// imports.cpp / table_uses.cpp: filled into the context before anything else runs.
std::vector<ResolvedImport> resolve_imports(const ReviewContext& context);
std::vector<TableUse> collect_table_uses(const ReviewContext& context);
// system.cpp
System summarize_system(const ReviewContext& context, const graph::Graph& graph);
// data_coupling.cpp / code_coupling.cpp
std::vector<DataCoupling> data_coupling(const ReviewContext& context, const System& system);
std::vector<CodeCoupling> code_coupling(const ReviewContext& context);

}  // namespace svc::review
