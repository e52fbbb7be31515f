#pragma once
// What the JavaScript/TypeScript, Python and Go extractors share. The grammars name
// their nodes differently (call_expression/call, member_expression/attribute/selector_expression)
// but a call, a member chain and a function body mean the same to a route, so the
// walks over them live here once, parameterised by a RouteGrammar.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "checks/core/source_file.h"
#include "checks/syntax/name_ref.h"
#include "checks/syntax/query.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

struct RouteGrammar {
  std::string_view call;      // call_expression | call
  std::string_view member;    // member_expression | attribute
  std::string_view property;  // the member's name field: property | attribute
  std::string_view await;     // await_expression | await
  std::string_view list;      // array | list
  std::vector<std::string_view> functions;  // node types that open a function scope
  std::string_view object = "object";       // the member's object field: object | operand (Go)
  std::vector<std::string_view> strings = {"string", "template_string"};  // string literal node types
};

const RouteGrammar& js_route_grammar();
const RouteGrammar& python_route_grammar();
// Go has no await (its field is empty) and writes lists as composite literals.
const RouteGrammar& go_route_grammar();

SourceSpan span_of(const SyntaxTree& tree, TSNode node);

// Runs a query once over the file and sorts its matches by root capture: each pattern
// of an extractor's query names its root, so one walk of the tree serves every pattern.
using MatchBuckets = std::map<std::string_view, std::vector<QueryMatch>>;
MatchBuckets matches_by_root(const Query& query, const SyntaxTree& tree,
                             std::initializer_list<std::string_view> roots);

// `a.b.c` for an identifier or member chain, looking through calls on the way
// (`res.status(200).json` -> "res.status.json"); "" for anything else.
std::string member_path(const SyntaxTree& tree, TSNode node, const RouteGrammar& g);
// The same path split at its dots: {"res", "status", "json"}; empty for anything else.
std::vector<std::string> member_path_parts(const SyntaxTree& tree, TSNode node, const RouteGrammar& g);

// `x` or `x.y` as a reference; empty for anything else.
NameRef name_ref(const SyntaxTree& tree, TSNode node, const RouteGrammar& g);

// Calls, awaits and SQL text of a function body (nested callbacks included).
BodySummary summarize_body(const SyntaxTree& tree, TSNode body, const RouteGrammar& g);

// Summaries by body, so a function that is also a route handler is walked once.
class BodySummaries {
 public:
  BodySummaries(const SyntaxTree& tree, const RouteGrammar& g) : tree_(tree), g_(g) {}
  const BodySummary& of(TSNode body);

 private:
  const SyntaxTree& tree_;
  const RouteGrammar& g_;
  std::map<std::pair<uint32_t, uint32_t>, BodySummary> cache_;
};

// Whether a callee like `db.execute`, `prisma.$queryRaw`, `checkRedis` or `getHealth`
// reads as database or dependency work. Works on words, so `spool` never matches `pool`.
bool names_dependency(std::string_view path);

// The nearest function around `node`, or a null node.
TSNode enclosing_function(TSNode node, const RouteGrammar& g);

bool is_http_method(std::string_view name);  // get, post, ... all (lower case, as called)
std::string upper(std::string_view s);

// String constants of one file (`const HEALTH = '/health'`), by name.
using StringConstants = std::map<std::string, std::string, std::less<>>;

// The constant strings of a string literal, a constant, or a list of them (`['/a', '/b']`).
std::vector<std::string> literal_strings(const SyntaxTree& tree, TSNode node, const RouteGrammar& g,
                                         const StringConstants* constants = nullptr);

// A route path argument: constant strings as written; another expression (`config.healthPath`,
// an f-string) as "{expression}", marked dynamic, so its name can still tell a health route.
struct PathArgument {
  std::string path;
  bool dynamic = false;
};
std::vector<PathArgument> path_arguments(const SyntaxTree& tree, TSNode node, const RouteGrammar& g,
                                         const StringConstants& constants);

// Named children of a node, in order.
std::vector<TSNode> named_children(TSNode node);

// Every node below `root` (itself included) in document order, with a cursor: an
// iterative walk, so a deep tree cannot overflow the stack.
template <typename Visit>
void for_each_node(TSNode root, Visit&& visit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  for (bool more = true; more;) {
    visit(ts_tree_cursor_current_node(&cursor));
    if (ts_tree_cursor_goto_first_child(&cursor)) continue;
    while (!(more = ts_tree_cursor_goto_next_sibling(&cursor)) && ts_tree_cursor_goto_parent(&cursor)) {
    }
  }
  ts_tree_cursor_delete(&cursor);
}

// A Python call's argument: the positional one at `index` or the keyword `name` (the
// keyword wins); null when neither is there. `splat`, when given, is set when a
// `**options` argument may hold it. kKeywordOnly as `index` looks for the keyword alone.
constexpr std::size_t kKeywordOnly = static_cast<std::size_t>(-1);
TSNode python_argument(const SyntaxTree& tree, TSNode args, std::size_t index, std::string_view name,
                       bool* splat = nullptr);

// The name facts use for an unnamed expression (an inline sub-app or plugin):
// unique and stable within one file.
std::string anonymous_name(TSNode node);

}  // namespace svc::engine
