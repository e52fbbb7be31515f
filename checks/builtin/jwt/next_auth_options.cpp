#include "checks/builtin/jwt/next_auth_options.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

namespace svc::builtin {
namespace {

using namespace engine;

// Options objects handed to NextAuth where it is called, and objects declared at the
// top of the file that a top-level statement passes to it by name:
// `export const authOptions = {…}; export default NextAuth(authOptions)`.
constexpr const char* kCalls = R"q(
  (call_expression function: (identifier) @fn arguments: (arguments (object) @options)
    (#eq? @fn "NextAuth"))
  (call_expression function: (identifier) @fn
    arguments: (arguments (arrow_function body: (parenthesized_expression (object) @options)))
    (#eq? @fn "NextAuth"))
  (program
    [(lexical_declaration (variable_declarator name: (identifier) @name value: (object) @options))
     (variable_declaration (variable_declarator name: (identifier) @name value: (object) @options))
     (export_statement declaration: (lexical_declaration
       (variable_declarator name: (identifier) @name value: (object) @options)))]
    [(export_statement value: (call_expression function: (identifier) @fn arguments: (arguments (identifier) @passed)))
     (lexical_declaration (variable_declarator
       value: (call_expression function: (identifier) @fn arguments: (arguments (identifier) @passed))))
     (export_statement declaration: (lexical_declaration (variable_declarator
       value: (call_expression function: (identifier) @fn arguments: (arguments (identifier) @passed)))))
     (expression_statement (assignment_expression
       right: (call_expression function: (identifier) @fn arguments: (arguments (identifier) @passed))))]
    (#eq? @fn "NextAuth") (#eq? @name @passed))
)q";
// TypeScript: objects typed or checked as NextAuth's options, wherever they go.
constexpr const char* kTyped = R"q(
  (variable_declarator type: (type_annotation (type_identifier) @type) value: (object) @typed
    (#match? @type "^(Next)?Auth(Options|Config)$"))
  (satisfies_expression (object) @typed (type_identifier) @type (#match? @type "^(Next)?Auth(Options|Config)$"))
  (as_expression (object) @typed (type_identifier) @type (#match? @type "^(Next)?Auth(Options|Config)$"))
  (import_statement source: (string) @import (#match? @import "^.(next-auth|@auth/)"))
)q";

// NextAuth's own names for its options, and the generic ones it also exports.
bool nextauth_type(std::string_view t) { return t == "NextAuthOptions" || t == "NextAuthConfig"; }
bool generic_type(std::string_view t) { return t == "AuthOptions" || t == "AuthConfig"; }

// A key of an object literal: `maxAge`, `"maxAge"`, or a shorthand `adapter`.
std::string key_of(const SyntaxTree& tree, TSNode member) {
  std::string_view type = node_type(member);
  if (type == "shorthand_property_identifier") return std::string(tree.text(member));
  const char* f = type == "pair" ? "key" : type == "method_definition" ? "name" : nullptr;
  TSNode key = f ? field(member, f) : TSNode{};
  if (ts_node_is_null(key)) return "";
  if (auto s = string_value(tree, key)) return *s;
  return std::string(tree.text(key));
}

// The members of an object literal by key, with the value (null for shorthands and methods).
std::map<std::string, TSNode> members(const SyntaxTree& tree, TSNode object, bool* spread = nullptr) {
  std::map<std::string, TSNode> out;
  for (uint32_t i = 0; i < ts_node_named_child_count(object); ++i) {
    TSNode m = ts_node_named_child(object, i);
    if (node_type(m) == "spread_element") {
      if (spread) *spread = true;
      continue;
    }
    std::string key = key_of(tree, m);
    if (!key.empty()) out[key] = node_type(m) == "pair" ? field(m, "value") : TSNode{};
  }
  return out;
}

TSNode object_value(const std::map<std::string, TSNode>& m, const std::string& key) {
  auto it = m.find(key);
  return it != m.end() && !ts_node_is_null(it->second) && node_type(it->second) == "object" ? it->second : TSNode{};
}

NextAuthOptions describe(const SyntaxTree& tree, TSNode object) {
  NextAuthOptions o;
  o.object = object;
  auto top = members(tree, object, &o.spread);
  o.adapter = top.count("adapter") > 0 || top.count("database") > 0;
  if (TSNode session = object_value(top, "session"); !ts_node_is_null(session)) {
    auto s = members(tree, session);
    using Strategy = NextAuthOptions::Strategy;
    if (auto it = s.find("strategy"); it != s.end()) {
      auto v = ts_node_is_null(it->second) ? std::nullopt : string_value(tree, it->second);
      o.strategy = v == "jwt" ? Strategy::jwt : v == "database" ? Strategy::database : Strategy::unknown;
    } else if (auto it = s.find("jwt"); it != s.end()) {
      // NextAuth v3: `session: { jwt: true }`.
      std::string_view v = ts_node_is_null(it->second) ? "" : tree.text(it->second);
      o.strategy = v == "true" ? Strategy::jwt : v == "false" ? Strategy::database : Strategy::unknown;
    }
    if (auto it = s.find("maxAge"); it != s.end() && !ts_node_is_null(it->second)) {
      o.max_age = it->second, o.max_age_key = "session.maxAge";
      o.max_age_values.push_back(it->second);
    }
  }
  // The token's own lifetime; NextAuth takes `session.maxAge` when it is not set.
  if (TSNode jwt = object_value(top, "jwt"); !ts_node_is_null(jwt)) {
    auto j = members(tree, jwt);
    if (auto it = j.find("maxAge"); it != j.end() && !ts_node_is_null(it->second)) {
      o.max_age = it->second, o.max_age_key = "jwt.maxAge";
      o.max_age_values.push_back(it->second);
    }
  }
  return o;
}

}  // namespace

NextAuthOptionsReader::NextAuthOptionsReader(std::string rule) : batch_(std::move(rule)) {
  batch_.add({Language::typescript, Language::tsx, Language::javascript}, kCalls);
  batch_.add({Language::typescript, Language::tsx}, kTyped);
}

std::vector<NextAuthOptions> NextAuthOptionsReader::read(const SyntaxTree& tree) const {
  std::vector<TSNode> found, generic;
  bool imports_auth = false;
  batch_.for_each(tree, [&](std::size_t, const QueryMatch& m) {
    if (TSNode n = m["options"]; !ts_node_is_null(n)) found.push_back(n);
    if (TSNode n = m["typed"]; !ts_node_is_null(n)) {
      std::string_view type = tree.text(m["type"]);
      if (nextauth_type(type)) found.push_back(n);
      else if (generic_type(type)) generic.push_back(n);
    }
    if (TSNode n = m["import"]; !ts_node_is_null(n)) {
      auto src = string_value(tree, n).value_or("");
      imports_auth = imports_auth || src.rfind("next-auth", 0) == 0 || src.rfind("@auth/", 0) == 0;
    }
  });
  if (imports_auth) found.insert(found.end(), generic.begin(), generic.end());

  // One object may be found twice (typed and passed by name): once each.
  std::set<uint32_t> seen;
  std::vector<NextAuthOptions> out;
  for (TSNode n : found)
    if (seen.insert(ts_node_start_byte(n)).second) out.push_back(describe(tree, n));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return ts_node_start_byte(a.object) < ts_node_start_byte(b.object);
  });
  return out;
}

}  // namespace svc::builtin
