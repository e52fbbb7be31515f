// Server Actions: every export of a file that opens with 'use server', and every
// function whose own body opens with it (inline actions in Server Components).
#include <set>

#include "checks/facts/next/body_touches.h"
#include "checks/facts/next/next_facts.h"
#include "checks/facts/routes/route_facts_js.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

constexpr char kFunctions[] = R"q(
[(function_declaration) (function_expression) (arrow_function) (method_definition)] @fn
)q";

// `'use server'` as the first statement of a program or block (comments skipped).
bool opens_with_use_server(const SyntaxTree& tree, TSNode block) {
  for (TSNode child : named_children(block)) {
    std::string_view type = node_type(child);
    if (type == "comment" || type == "hash_bang_line") continue;
    if (type != "expression_statement" || ts_node_named_child_count(child) == 0) return false;
    auto value = string_value(tree, ts_node_named_child(child, 0));
    return value && *value == "use server";
  }
  return false;
}

bool is_async(TSNode fn) {
  return ts_node_child_count(fn) > 0 && node_type(ts_node_child(fn, 0)) == "async";
}

// `client.inputSchema(s).action(async (...) => {...})` (next-safe-action and kin): the
// action's body is the last function handed to the chain.
TSNode wrapped_function(TSNode call) {
  for (TSNode node = call; !ts_node_is_null(node) && node_type(node) == "call_expression";) {
    auto args = named_children(field(node, "arguments"));
    for (auto it = args.rbegin(); it != args.rend(); ++it)
      if (is_function_node(*it)) return *it;
    TSNode callee = field(node, "function");
    node = node_type(callee) == "member_expression" ? field(callee, "object") : TSNode{};
  }
  return TSNode{};
}

class ActionExtractor {
 public:
  ActionExtractor(const SyntaxTree& tree, NextFacts& out) : tree_(tree), out_(out) {}

  void run() {
    if (tree_.file().text().find("use server") == std::string_view::npos) return;
    if (opens_with_use_server(tree_, tree_.root())) file_actions();
    js_query<kFunctions>(tree_.file().language()).for_each(tree_, [&](const QueryMatch& m) { inline_action(m["fn"]); });
  }

 private:
  // An exported value: a function (async, as Next requires) or a call that wraps one.
  void add_value(const std::string& name, TSNode value, TSNode at) {
    if (ts_node_is_null(value)) return;
    std::string_view type = node_type(value);
    if (type == "call_expression") {
      TSNode fn = wrapped_function(value);
      add(name, true, false, at, ts_node_is_null(fn) ? TSNode{} : field(fn, "body"));
    } else if (is_function_node(value) && is_async(value)) {
      add(name, true, false, at, field(value, "body"));
    }
  }

  void add(const std::string& name, bool exported, bool inline_directive, TSNode at, TSNode body) {
    if (!seen_.insert(ts_node_start_byte(at)).second) return;
    ServerAction a{name, exported, inline_directive, span_of(tree_, at), {}};
    if (!ts_node_is_null(body)) a.touches = summarize_touches(tree_, body);
    out_.actions.push_back(std::move(a));
  }

  void file_actions() {
    std::vector<std::pair<std::string, std::string>> listed;  // export { local as exported }
    for (TSNode statement : named_children(tree_.root())) {
      if (node_type(statement) == "lexical_declaration" || node_type(statement) == "variable_declaration") {
        for (TSNode d : named_children(statement))
          if (node_type(d) == "variable_declarator") locals_[std::string(tree_.text(field(d, "name")))] = d;
        continue;
      }
      if (node_type(statement) == "function_declaration") {
        locals_[std::string(tree_.text(field(statement, "name")))] = statement;
        continue;
      }
      if (node_type(statement) != "export_statement") continue;
      bool is_default = tree_.text(statement).starts_with("export default");
      TSNode decl = field(statement, "declaration");
      if (!ts_node_is_null(decl)) {
        std::string_view type = node_type(decl);
        if (type == "function_declaration" && is_async(decl))
          add(std::string(tree_.text(field(decl, "name"))), true, false, decl, field(decl, "body"));
        if (type == "lexical_declaration" || type == "variable_declaration")
          for (TSNode d : named_children(decl))
            if (node_type(d) == "variable_declarator")
              add_value(std::string(tree_.text(field(d, "name"))), field(d, "value"), d);
        continue;
      }
      TSNode value = field(statement, "value");
      if (is_default && !ts_node_is_null(value)) {
        TSNode name = field(value, "name");
        if (node_type(value) == "identifier") listed.emplace_back(tree_.text(value), "default");
        else add_value(ts_node_is_null(name) ? "default" : std::string(tree_.text(name)), value, value);
        continue;
      }
      if (!ts_node_is_null(field(statement, "source"))) continue;  // a re-export: the actions live elsewhere
      for (TSNode clause : named_children(statement)) {
        if (node_type(clause) != "export_clause") continue;
        for (TSNode spec : named_children(clause)) {
          if (node_type(spec) != "export_specifier") continue;
          TSNode alias = field(spec, "alias");
          std::string local(tree_.text(field(spec, "name")));
          listed.emplace_back(local, ts_node_is_null(alias) ? local : std::string(tree_.text(alias)));
        }
      }
    }
    for (const auto& [local, exported] : listed) {
      auto it = locals_.find(local);
      if (it == locals_.end()) continue;
      TSNode node = it->second;
      if (node_type(node) == "function_declaration") {
        if (is_async(node)) add(exported, true, false, node, field(node, "body"));
      } else {
        add_value(exported, field(node, "value"), node);
      }
    }
  }

  void inline_action(TSNode fn) {
    TSNode body = field(fn, "body");
    if (ts_node_is_null(body) || node_type(body) != "statement_block" || !opens_with_use_server(tree_, body)) return;
    TSNode at = fn;
    std::string name;
    if (TSNode n = field(fn, "name"); !ts_node_is_null(n)) name = tree_.text(n);
    TSNode parent = ts_node_parent(fn);
    if (name.empty() && node_type(parent) == "variable_declarator") {
      name = tree_.text(field(parent, "name"));
      at = parent;
    } else if (name.empty() && node_type(parent) == "pair") {
      name = tree_.text(field(parent, "key"));
    }
    // Exported itself (`export async function`, `export const x = async () => {}`), not
    // merely declared inside an exported component.
    TSNode holder = node_type(ts_node_parent(at)) == "lexical_declaration" ? ts_node_parent(at) : at;
    bool exported = node_type(ts_node_parent(holder)) == "export_statement";
    if (seen_.count(ts_node_start_byte(at)) || seen_.count(ts_node_start_byte(fn))) return;  // a file-level action
    add(name, exported, true, at, body);  // "" for `action={async () => { 'use server' ... }}`
  }

  const SyntaxTree& tree_;
  NextFacts& out_;
  std::map<std::string, TSNode> locals_;
  std::set<std::uint32_t> seen_;
};

}  // namespace

void extract_server_actions(const SyntaxTree& tree, NextFacts& out) { ActionExtractor(tree, out).run(); }

}  // namespace svc::engine
