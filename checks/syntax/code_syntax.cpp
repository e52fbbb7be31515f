#include "checks/syntax/code_syntax.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <re2/re2.h>

namespace svc::engine {

const RouteGrammar& js_route_grammar() {
  static const RouteGrammar g{"call_expression", "member_expression", "property", "await_expression", "array",
                              {"function_declaration", "function_expression", "arrow_function", "method_definition",
                               "generator_function_declaration", "generator_function"}};
  return g;
}

const RouteGrammar& python_route_grammar() {
  static const RouteGrammar g{"call", "attribute", "attribute", "await", "list", {"function_definition", "lambda"}};
  return g;
}

const RouteGrammar& go_route_grammar() {
  static const RouteGrammar g{"call_expression", "selector_expression", "field", "", "literal_value",
                              {"function_declaration", "method_declaration", "func_literal"}, "operand",
                              {"interpreted_string_literal", "raw_string_literal"}};
  return g;
}

SourceSpan span_of(const SyntaxTree& tree, TSNode node) { return {tree.start(node), tree.end(node)}; }

MatchBuckets matches_by_root(const Query& query, const SyntaxTree& tree,
                             std::initializer_list<std::string_view> roots) {
  MatchBuckets out;
  for (auto root : roots) out[root];  // every bucket exists, empty or not
  query.for_each(tree, [&](const QueryMatch& m) {
    for (auto root : roots)
      if (!ts_node_is_null(m[root])) return out[root].push_back(m);
  });
  return out;
}

// With a cursor: ts_node_named_child(i) walks the siblings before i on every call.
std::vector<TSNode> named_children(TSNode node) {
  std::vector<TSNode> out;
  if (ts_node_is_null(node)) return out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  for (bool more = ts_tree_cursor_goto_first_child(&cursor); more; more = ts_tree_cursor_goto_next_sibling(&cursor)) {
    TSNode child = ts_tree_cursor_current_node(&cursor);
    if (ts_node_is_named(child)) out.push_back(child);
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

TSNode python_argument(const SyntaxTree& tree, TSNode args, std::size_t index, std::string_view name, bool* splat) {
  std::size_t positional = 0;
  TSNode found{};
  for (TSNode a : named_children(args)) {
    std::string_view type = node_type(a);
    if (type == "dictionary_splat" && splat) *splat = true;
    if (type == "keyword_argument") {
      if (tree.text(field(a, "name")) == name) found = field(a, "value");
    } else if (type != "comment" && type != "list_splat" && type != "dictionary_splat" && positional++ == index &&
               ts_node_is_null(found)) {
      found = a;
    }
  }
  return found;
}

std::string anonymous_name(TSNode node) { return "<anonymous@" + std::to_string(ts_node_start_byte(node)) + ">"; }

std::string member_path(const SyntaxTree& tree, TSNode node, const RouteGrammar& g) {
  if (ts_node_is_null(node)) return {};
  std::string_view type = node_type(node);
  if (type == "identifier" || type == "this" || type == "property_identifier" || type == "super" ||
      type == "field_identifier" || type == "package_identifier")
    return std::string(tree.text(node));
  if (type == g.member) {
    std::string object = member_path(tree, field(node, std::string(g.object).c_str()), g);
    TSNode prop = field(node, std::string(g.property).c_str());
    if (object.empty() || ts_node_is_null(prop)) return {};
    return object + "." + std::string(tree.text(prop));
  }
  if (type == g.call) return member_path(tree, field(node, "function"), g);
  if (type == "non_null_expression" || type == "parenthesized_expression" || (!g.await.empty() && type == g.await))
    return ts_node_named_child_count(node) ? member_path(tree, ts_node_named_child(node, 0), g) : std::string();
  return {};
}

std::vector<std::string> member_path_parts(const SyntaxTree& tree, TSNode node, const RouteGrammar& g) {
  std::string path = member_path(tree, node, g);
  std::vector<std::string> out;
  for (std::size_t start = 0; !path.empty() && start <= path.size();) {
    auto dot = path.find('.', start);
    if (dot == std::string::npos) dot = path.size();
    out.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  return out;
}

NameRef name_ref(const SyntaxTree& tree, TSNode node, const RouteGrammar& g) {
  if (ts_node_is_null(node)) return {};
  std::string_view type = node_type(node);
  if (type == "identifier") return {std::string(tree.text(node)), "", ""};
  if (type == g.member) {
    TSNode object = field(node, std::string(g.object).c_str());
    TSNode prop = field(node, std::string(g.property).c_str());
    if (!ts_node_is_null(object) && node_type(object) == "identifier" && !ts_node_is_null(prop))
      return {std::string(tree.text(object)), std::string(tree.text(prop)), ""};
  }
  return {};
}

namespace {

// Calls `pred` with each lower-case word of `prisma.$queryRaw`, `check_db`, `getDBPool`
// until it returns true.
template <class Pred>
bool any_word(std::string_view path, Pred pred) {
  std::string cur;
  auto at = [&](std::size_t i) { return static_cast<unsigned char>(path[i]); };
  for (std::size_t i = 0; i <= path.size(); ++i) {
    bool boundary = i == path.size() || !std::isalnum(at(i));
    if (!boundary && std::isupper(at(i)) && i > 0) {
      bool prev_lower = std::islower(at(i - 1)) || std::isdigit(at(i - 1));
      bool acronym_end = std::isupper(at(i - 1)) && i + 1 < path.size() && std::islower(at(i + 1));
      boundary = prev_lower || acronym_end;
    }
    if (boundary && !cur.empty()) {
      if (pred(std::string_view(cur))) return true;
      cur.clear();
    }
    if (i < path.size() && std::isalnum(at(i))) cur.push_back(static_cast<char>(std::tolower(at(i))));
  }
  return false;
}

bool is_this(std::string_view word) { return word == "this" || word == "self"; }

}  // namespace

bool names_dependency(std::string_view path) {
  static const std::set<std::string, std::less<>> words = {
      "db", "database", "databases", "datasource", "pool", "prisma", "sql", "sqlalchemy", "knex", "sequelize",
      "typeorm", "drizzle", "kysely", "mongoose", "mongo", "mongodb", "redis", "ioredis", "pg", "postgres",
      "postgresql", "mysql", "sqlite", "query", "queries", "execute", "ping", "session", "engine", "connection",
      "connect", "conn", "cursor", "transaction", "fetchval", "fetchrow", "fetchone", "scalar", "select",
      "repository", "repo", "cache", "queue", "broker", "kafka", "amqp", "rabbitmq", "elasticsearch", "s3",
      "storage", "check", "checks", "checker", "probe", "probes", "ready", "readiness", "dependency",
      "dependencies", "upstream", "fetch", "axios", "httpx", "requests", "supabase", "firestore", "dynamodb",
      "authenticate"};
  // A call into health logic (`getHealth()`, `healthcheck()`, `checkHealth()`) plausibly checks;
  // a class of that name (`HealthResponse(...)`) only builds the answer.
  auto last = path.substr(path.rfind('.') == std::string_view::npos ? 0 : path.rfind('.') + 1);
  bool constructor = !last.empty() && std::isupper(static_cast<unsigned char>(last.front()));
  return any_word(path, [&](std::string_view w) {
    bool checks = w.size() > 5 && (w.substr(w.size() - 5) == "check" || w.substr(w.size() - 6) == "checks");
    bool health = w == "health" || w == "healthy";
    return words.count(w) > 0 || checks || (health && !constructor);
  });
}

namespace {

void summarize_node(const SyntaxTree& tree, TSNode node, const RouteGrammar& g, BodySummary& out) {
  static const RE2 select_one(R"((?i)\bselect\s+1\b)");
  std::string_view type = node_type(node);
  if (std::find(g.strings.begin(), g.strings.end(), type) != g.strings.end()) {
    std::string_view text = tree.text(node);
    if (!out.touches_dependency && RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), select_one))
      out.touches_dependency = true;
    return;
  }
  if (type != g.call && (g.await.empty() || type != g.await)) return;
  TSNode target = type == g.call ? field(node, "function")
                                 : (ts_node_named_child_count(node) ? ts_node_named_child(node, 0) : TSNode{});
  std::string path = member_path(tree, target, g);
  if (path.empty()) return;
  if (!out.touches_dependency && names_dependency(path)) out.touches_dependency = true;
  if (type != g.call || out.calls.size() >= 32) return;
  auto dot = path.find('.');
  if (dot == std::string::npos) {
    out.calls.push_back({path, "", ""});
  } else if (is_this(path.substr(0, dot))) {
    // `this.service.check()`: a method of an injected object, which facts cannot follow.
    out.opaque_calls = out.opaque_calls || path.find('.', dot + 1) != std::string::npos;
  } else if (path.find('.', dot + 1) == std::string::npos) {
    out.calls.push_back({path.substr(0, dot), path.substr(dot + 1), ""});
  }
}

}  // namespace

const BodySummary& BodySummaries::of(TSNode body) {
  auto key = std::make_pair(ts_node_start_byte(body), ts_node_end_byte(body));
  auto it = cache_.find(key);
  if (it == cache_.end()) it = cache_.emplace(key, summarize_body(tree_, body, g_)).first;
  return it->second;
}

BodySummary summarize_body(const SyntaxTree& tree, TSNode body, const RouteGrammar& g) {
  BodySummary out;
  if (ts_node_is_null(body)) return out;
  for_each_node(body, [&](TSNode node) {
    if (ts_node_is_named(node)) summarize_node(tree, node, g, out);
  });
  return out;
}

TSNode enclosing_function(TSNode node, const RouteGrammar& g) {
  for (TSNode p = ts_node_parent(node); !ts_node_is_null(p); p = ts_node_parent(p))
    if (std::find(g.functions.begin(), g.functions.end(), node_type(p)) != g.functions.end()) return p;
  return TSNode{};
}

bool is_http_method(std::string_view name) {
  static const std::set<std::string_view> methods = {"get", "post", "put", "patch", "delete", "del",
                                                     "head", "options", "all"};
  return methods.count(name) > 0;
}

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  return out == "DEL" ? "DELETE" : out;
}

std::vector<std::string> literal_strings(const SyntaxTree& tree, TSNode node, const RouteGrammar& g,
                                         const StringConstants* constants) {
  std::vector<std::string> out;
  if (ts_node_is_null(node)) return out;
  if (node_type(node) == g.list) {
    for (TSNode item : named_children(node)) {
      auto more = literal_strings(tree, item, g, constants);
      out.insert(out.end(), more.begin(), more.end());
    }
  } else if (auto s = string_value(tree, node)) {
    out.push_back(*s);
  } else if (constants && node_type(node) == "identifier") {
    if (auto it = constants->find(tree.text(node)); it != constants->end()) out.push_back(it->second);
  }
  return out;
}

std::vector<PathArgument> path_arguments(const SyntaxTree& tree, TSNode node, const RouteGrammar& g,
                                         const StringConstants& constants) {
  std::vector<PathArgument> out;
  if (ts_node_is_null(node)) return out;
  std::string_view type = node_type(node);
  if (type == g.list) {
    for (TSNode item : named_children(node)) {
      auto more = path_arguments(tree, item, g, constants);
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }
  for (auto& s : literal_strings(tree, node, g, &constants)) out.push_back({std::move(s), false});
  bool expression = type == "identifier" || type == g.member ||
                    std::find(g.strings.begin(), g.strings.end(), type) != g.strings.end() ||
                    type == "binary_expression" || type == "binary_operator" || type == "subscript_expression" ||
                    type == "subscript";
  if (out.empty() && expression) out.push_back({"{" + std::string(tree.text(node)) + "}", true});
  return out;
}

}  // namespace svc::engine
