#pragma once
// NestJS path settings the mount graph cannot see: Nest controllers are never mounted by
// code, and the app-wide prefix and URI version come from calls in main.ts.
#include <optional>
#include <string>
#include <vector>

#include "checks/core/source_file.h"

namespace svc::engine {

class SyntaxTree;

// Versions given by `@Version(...)`, `@Controller({ version })` or `defaultVersion`, as
// written: "" stands for VERSION_NEUTRAL, "{expr}" for a version held in an expression.
using NestVersions = std::vector<std::string>;

// A method carrying `@Version(...)`: the range covers its decorators and body, so a
// route decorator (`@Get()`) that starts inside it takes these versions.
struct NestVersionedMethod {
  Position begin, end;
  NestVersions versions;
};

struct NestControllerVersion {
  std::string controller;
  NestVersions versions;
};

// `app.setGlobalPrefix(...)` and `app.enableVersioning(...)`.
struct NestAppPaths {
  bool known = true;                 // false when the prefix or versioning type is an expression
  std::string global_prefix;         // "" when never set
  std::vector<std::string> exclude;  // routes served without the global prefix
  bool versioning = false;           // enableVersioning() was called, of any type
  bool uri_versioning = false;       // enableVersioning() with type URI, Nest's default
  NestVersions default_versions;
  std::string version_prefix = "v";  // `prefix:` of the versioning options ("" for false)
};

struct NestVersioning {
  std::optional<NestAppPaths> app;  // set in the file that configures the app
  std::vector<NestControllerVersion> controllers;
  std::vector<NestVersionedMethod> methods;
  bool router_module = false;  // RouterModule paths: not read, so Nest paths stay unknown

  bool empty() const { return !app && controllers.empty() && methods.empty() && !router_module; }
};

// Reads a JavaScript/TypeScript file; leaves `out` empty for files without Nest settings.
void extract_nest_versioning(const SyntaxTree& tree, NestVersioning& out);

}  // namespace svc::engine
