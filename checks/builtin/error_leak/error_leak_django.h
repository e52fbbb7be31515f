#pragma once
// What api-error-leak reads from a Django settings module: a `DEBUG` that is on in
// production, written as `DEBUG = True` or read from the environment with a default
// that turns it on (`env.bool("DJANGO_DEBUG", default=True)`,
// `os.environ.get("DEBUG", "True")`, `os.getenv("DEBUG", "1") == "1"`). Django's debug
// page answers every unhandled error with its traceback, settings and local variables.
#include <string>
#include <vector>

#include "checks/syntax/syntax_tree.h"

namespace svc::builtin::error_leak {

// A settings module by its path or content, and not one named for local runs or
// tests (settings/local.py, settings/test.py, dev_settings.py, settings_ci.py ...).
bool is_deployed_django_settings(const std::string& path, std::string_view text);

// A module-level `DEBUG = …` that is on unless the environment says otherwise.
struct DjangoDebug {
  engine::SourceSpan span;
  std::string text;  // the assignment
  bool from_environment = false;  // on by the default of an environment read
};
std::vector<DjangoDebug> django_debug_settings(const engine::SyntaxTree& tree);

}  // namespace svc::builtin::error_leak
