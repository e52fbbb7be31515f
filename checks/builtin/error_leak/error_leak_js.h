#pragma once
// What api-error-leak reads from a JavaScript/TypeScript file beyond its patterns:
// which `instanceof` guards name the project's own error classes, the helpers that
// send one of their parameters as a response (`sendJson(res, status, body)`), and the
// calls that hand such a function an error's text.
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checks/core/source_file.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/syntax/yaml_queries.h"

namespace svc::builtin::error_leak {

using Spans = std::vector<std::pair<std::size_t, std::size_t>>;

// Queries of the rule's YAML, kept under these keys (anchors its patterns use too).
struct JsQueries {
  std::shared_ptr<engine::LazyQuery> response;     // js_response: @inside is a response
  std::shared_ptr<engine::LazyQuery> guard;        // js_guard: @inside runs in development or for 4xx only
  std::shared_ptr<engine::LazyQuery> typed_guard;  // js_typed_guard: @guard tests instanceof, @inside runs then
  std::shared_ptr<engine::LazyQuery> error_text;   // js_error_text: @match is an error's text
};

// The branches that run only for one of the project's own error classes: `C` in
// `err instanceof C` is declared in the file, imported from a module of the project
// (a relative or aliased path) or from one of `libraries` (http-errors, @hapi/boom ...).
// Built-in classes (Error, TypeError ...) and other globals guard nothing: every error is one.
Spans typed_guard_spans(const engine::SyntaxTree& tree, const JsQueries& q, const std::set<std::string>& libraries);

// A function of the file that sends its parameter `param` (0-based) in a response.
struct Helper {
  std::string name;
  int param = 0;
  engine::SourceSpan response;  // where it sends it
};

// A call of a function declared in the file or imported from a relative module
// (`callee`, imported as `imported` from `module`, "" when local), whose argument `arg`
// holds an error's text outside any guard.
struct HelperCall {
  std::string callee, module, imported;
  int arg = 0;
  engine::SourceSpan span;  // of the error's text
  std::string text;
};

struct JsFile {
  std::vector<Helper> helpers;
  std::vector<HelperCall> calls;
  bool empty() const { return helpers.empty() && calls.empty(); }
};

// `guarded`: spans where an error's text is no leak (guards, typed guards).
JsFile read_js(const engine::SyntaxTree& tree, const JsQueries& q, const Spans& guarded);

bool within(const Spans& spans, std::size_t begin, std::size_t end);

}  // namespace svc::builtin::error_leak
