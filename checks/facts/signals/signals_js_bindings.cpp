// What a JavaScript/TypeScript file imports and binds, before the walk: the modules of
// its names (cors, next/server's after), the process spawners of child_process and
// execa, and whether it is React code.
#include "checks/facts/signals/signal_libraries.h"
#include "checks/facts/signals/signals_js.h"

namespace svc::engine {
namespace {

const std::set<std::string_view>& process_functions() {
  static const std::set<std::string_view> names = {"spawn", "spawnSync", "exec", "execSync",
                                                   "execFile", "execFileSync", "fork"};
  return names;
}

// `import type React from 'react'`: no runtime use of the module.
bool js_type_only_import(TSNode statement) {
  for (uint32_t i = 0, n = ts_node_child_count(statement); i < n; ++i) {
    TSNode child = ts_node_child(statement, i);
    if (!ts_node_is_named(child) && node_type(child) == "type") return true;
  }
  return false;
}

bool is_react_module(std::string_view specifier) {
  return specifier == "react" || specifier == "react-dom" || specifier == "swr" ||
         specifier.starts_with("@tanstack/react-") || specifier == "next/navigation";
}

}  // namespace

void JsSignals::collect_bindings() {
  for (TSNode statement : named_children(tree_.root())) {
    std::string_view type = node_type(statement);
    if (type == "import_statement") bind_import(statement);
    if (type == "lexical_declaration" || type == "variable_declaration")
      for (TSNode d : named_children(statement))
        if (node_type(d) == "variable_declarator") bind_require(d);
  }
}

void JsSignals::bind_import(TSNode statement) {
  TSNode source = field(statement, "source");
  TSNode require_clause{};
  for (TSNode c : named_children(statement))
    if (node_type(c) == "import_require_clause") require_clause = c;
  if (!ts_node_is_null(require_clause)) source = field(require_clause, "source");
  auto module = string_value(tree_, source);
  if (!module) return;
  if (is_react_module(*module) && !js_type_only_import(statement)) react_ = true;
  bool process = is_process_package(*module);
  auto bind = [&](const std::string& local, const std::string& imported) {
    imported_[local] = *module;
    imported_as_[local] = imported;
    if (!process) return;
    bool child_process = *module == "child_process" || *module == "node:child_process";
    if (child_process && (imported == "*" || imported == "default")) process_namespaces_.insert(local);
    else if (!child_process || process_functions().count(imported)) spawners_.insert(local);  // execa, cross-spawn
  };
  if (!ts_node_is_null(require_clause)) {  // `import cp = require('child_process')`
    for (TSNode c : named_children(require_clause))
      if (node_type(c) == "identifier") bind(text(c), "default");
    return;
  }
  for (TSNode clause : named_children(statement)) {
    if (node_type(clause) != "import_clause") continue;
    for (TSNode part : named_children(clause)) {
      std::string_view type = node_type(part);
      if (type == "identifier") bind(text(part), "default");
      if (type == "namespace_import")
        for (TSNode n : named_children(part))
          if (node_type(n) == "identifier") bind(text(n), "*");
      if (type != "named_imports") continue;
      for (TSNode spec : named_children(part)) {
        if (node_type(spec) != "import_specifier") continue;
        TSNode alias = field(spec, "alias");
        std::string name = text(field(spec, "name"));
        bind(ts_node_is_null(alias) ? name : text(alias), name);
      }
    }
  }
}

// `const cp = require('child_process')`, `const { spawn } = require('node:child_process')`.
void JsSignals::bind_require(TSNode declarator) {
  TSNode value = field(declarator, "value");
  if (ts_node_is_null(value) || node_type(value) != "call_expression" || tree_.text(field(value, "function")) != "require")
    return;
  std::string module = first_literal(value);
  if (module.empty()) return;
  bool process = is_process_package(module);
  bool child_process = module == "child_process" || module == "node:child_process";
  TSNode name = field(declarator, "name");
  if (node_type(name) == "identifier") {
    imported_[text(name)] = module;
    imported_as_[text(name)] = "default";
    if (process) (child_process ? process_namespaces_ : spawners_).insert(text(name));
    return;
  }
  if (node_type(name) != "object_pattern") return;
  for (TSNode p : named_children(name)) {
    std::string local, imported;
    if (node_type(p) == "shorthand_property_identifier_pattern") local = imported = text(p);
    if (node_type(p) == "pair_pattern") imported = text(field(p, "key")), local = text(field(p, "value"));
    if (local.empty()) continue;
    imported_[local] = module;
    imported_as_[local] = imported;
    if (process && (!child_process || process_functions().count(imported))) spawners_.insert(local);
  }
}

std::string JsSignals::module_of(const std::string& local) const {
  auto it = imported_.find(local);
  return it == imported_.end() ? std::string() : it->second;
}

std::string JsSignals::imported_name(const std::string& local) const {
  auto it = imported_as_.find(local);
  return it == imported_as_.end() ? std::string() : it->second;
}

}  // namespace svc::engine
