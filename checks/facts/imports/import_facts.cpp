// Import specifiers as written, for code coupling between a repository's top-level
// modules. One walk of the tree: JavaScript/TypeScript imports, re-exports, dynamic
// `import()` and `require()` with a literal; Python `import` and `from ... import`.
#include "checks/facts/imports/import_facts.h"

#include "checks/facts/imports/vendored_code.h"
#include "checks/syntax/code_syntax.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::engine {
namespace {

bool is_js(Language l) { return l == Language::typescript || l == Language::tsx || l == Language::javascript; }

// Whether an unnamed child token of `node` reads `word` (`import type`, `export type`).
bool has_token(TSNode node, std::string_view word, const SyntaxTree& tree) {
  for (uint32_t i = 0, n = ts_node_child_count(node); i < n; ++i) {
    TSNode child = ts_node_child(node, i);
    if (!ts_node_is_named(child) && tree.text(child) == word) return true;
  }
  return false;
}

// `import { type A, type B } from 'x'` / `export { type A } from 'x'`: every name a type.
bool all_specifiers_typed(TSNode list, std::string_view specifier_type, const SyntaxTree& tree) {
  int specifiers = 0;
  for (TSNode s : named_children(list)) {
    if (node_type(s) != specifier_type) continue;
    ++specifiers;
    if (!has_token(s, "type", tree) && !has_token(s, "typeof", tree)) return false;
  }
  return specifiers > 0;
}

bool js_import_type_only(TSNode statement, const SyntaxTree& tree) {
  if (has_token(statement, "type", tree) || has_token(statement, "typeof", tree)) return true;
  for (TSNode clause : named_children(statement)) {
    if (node_type(clause) != "import_clause") continue;
    // A default or namespace binding beside the braces is a value import.
    TSNode braces{};
    for (TSNode part : named_children(clause)) {
      if (node_type(part) != "named_imports") return false;
      braces = part;
    }
    return !ts_node_is_null(braces) && all_specifiers_typed(braces, "import_specifier", tree);
  }
  return false;
}

bool js_export_type_only(TSNode statement, const SyntaxTree& tree) {
  if (has_token(statement, "type", tree)) return true;
  for (TSNode clause : named_children(statement))
    if (node_type(clause) == "export_clause") return all_specifiers_typed(clause, "export_specifier", tree);
  return false;
}

class ImportWalker {
 public:
  ImportWalker(const SyntaxTree& tree, ImportFacts& out) : tree_(tree), out_(out) {}

  void run() {
    bool js = is_js(tree_.file().language());
    for_each_node(tree_.root(), [&](TSNode node) {
      if (js) on_js(node);
      else on_python(node);
    });
  }

 private:
  void add(std::string specifier, TSNode at, bool type_only = false) {
    if (specifier.empty()) return;
    out_.modules.push_back({std::move(specifier), static_cast<int>(tree_.start(at).line), type_only});
  }

  void add_literal(TSNode literal, TSNode at, bool type_only = false) {
    if (auto value = string_value(tree_, literal)) add(*value, at, type_only);
  }

  void on_js(TSNode node) {
    std::string_view type = node_type(node);
    if (type == "import_statement") {
      TSNode source = field(node, "source");
      if (ts_node_is_null(source))  // `import x = require('x')`
        for (TSNode c : named_children(node))
          if (node_type(c) == "import_require_clause") source = field(c, "source");
      add_literal(source, node, js_import_type_only(node, tree_));
    } else if (type == "export_statement") {
      TSNode source = field(node, "source");
      if (!ts_node_is_null(source)) add_literal(source, node, js_export_type_only(node, tree_));
    } else if (type == "call_expression") {
      TSNode fn = field(node, "function");
      std::string_view callee = node_type(fn) == "import" ? "import" : tree_.text(fn);
      if (callee != "import" && callee != "require") return;
      auto args = named_children(field(node, "arguments"));
      if (!args.empty()) add_literal(args.front(), node);
    }
  }

  void on_python(TSNode node) {
    std::string_view type = node_type(node);
    if (type == "import_statement") {
      for (TSNode name : named_children(node)) {  // `import a.b, c as d`
        if (node_type(name) == "aliased_import") name = field(name, "name");
        if (node_type(name) == "dotted_name") add(std::string(tree_.text(name)), node);
      }
    } else if (type == "import_from_statement") {
      TSNode module = field(node, "module_name");
      std::string from(tree_.text(module));
      if (node_type(module) != "relative_import" || from.find_first_not_of('.') != std::string::npos)
        return add(from, node);
      // `from . import models, views`: each name is a module of the package (or a name
      // in its __init__); ".models" points at the same folder either way.
      bool any = false;
      for (TSNode name : named_children(node)) {
        if (ts_node_eq(name, module)) continue;
        if (node_type(name) == "aliased_import") name = field(name, "name");
        if (node_type(name) != "dotted_name") continue;
        add(from + std::string(tree_.text(name)), node);
        any = true;
      }
      if (!any) add(from, node);  // `from . import *`
    }
  }

  const SyntaxTree& tree_;
  ImportFacts& out_;
};

}  // namespace

bool wants_import_facts(const SourceFile& file) {
  Language l = file.language();
  return (is_js(l) || l == Language::python) && !is_test_path(file.path()) && !is_vendored_code(file);
}

void extract_import_facts(const SyntaxTree& tree, ImportFacts& out) { ImportWalker(tree, out).run(); }

}  // namespace svc::engine
