#pragma once
// What the per-language syntax adapter (code_syntax.h) reads out of code for the facts
// that are resolved later, across files: names of things and summaries of bodies.
#include <string>
#include <vector>

namespace svc::engine {

// How code in one file names something another fact points at: `router`,
// `health.router` (a member of an imported module or object), or an inline
// `require('./health')` / `import('./health')`. Resolved later, across files.
struct NameRef {
  std::string name;    // a local identifier; "" for an inline require
  std::string member;  // set for `name.member`
  std::string module;  // set for an inline require/import: the specifier
  bool empty() const { return name.empty() && module.empty(); }
};

// A function body reduced to what the health checks ask of it.
struct BodySummary {
  bool touches_dependency = false;  // a call or SQL text that looks like database/dependency work
  bool opaque_calls = false;        // calls methods of injected objects (`this.service.x()`): unknowable
  std::vector<NameRef> calls;       // `checkDb()`, `probes.db()`: looked up one level deep later
};

}  // namespace svc::engine
