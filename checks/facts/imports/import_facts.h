#pragma once
// The modules a file imports, as written: what `svc review` turns into code coupling
// between the top-level modules of a repository (services, packages, folders).
#include <string>
#include <vector>

#include "checks/core/source_file.h"

namespace svc::engine {

class SyntaxTree;

struct ImportedModule {
  // As written: "./billing/stripe", "@acme/db/schema", "@/lib/auth", "app.billing.models",
  // ".models" (Python relative: leading dots kept). Dynamic `import('x')` and `require('x')`
  // with a literal argument count; `export ... from 'x'` too.
  std::string specifier;
  int line = 0;  // 1-based
  bool type_only = false;  // `import type` / `export type ... from`: no runtime edge
};

struct ImportFacts {
  std::vector<ImportedModule> modules;  // in file order, one per module a statement names (`import a, b`: two)
  bool empty() const { return modules.empty(); }
};

// JavaScript, TypeScript and Python code outside tests and vendored bundles.
bool wants_import_facts(const SourceFile& file);
void extract_import_facts(const SyntaxTree& tree, ImportFacts& out);

}  // namespace svc::engine
