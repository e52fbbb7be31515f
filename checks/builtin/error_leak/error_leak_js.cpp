#include "checks/builtin/error_leak/error_leak_js.h"

#include <algorithm>
#include <map>

#include <re2/re2.h>

#include "checks/syntax/query.h"

namespace svc::builtin::error_leak {
namespace {

using engine::Language;
using engine::QueryMatch;
using engine::SyntaxTree;

enum QueryId { kImports, kFunctions, kCalls, kCount };

constexpr const char* kQueries[] = {
    // kImports: ES imports and CommonJS requires, with the module they name.
    R"((import_statement (import_clause) @clause source: (string) @source)
       (variable_declarator name: (_) @clause
         value: (call_expression function: (identifier) @req arguments: (arguments . (string) @source))
         (#eq? @req "require")))",
    // kFunctions: functions with their parameter list, by name.
    R"((function_declaration name: (identifier) @name parameters: (formal_parameters) @params body: (_) @body)
       (variable_declarator name: (identifier) @name
         value: (arrow_function parameters: (formal_parameters) @params body: (_) @body))
       (variable_declarator name: (identifier) @name
         value: (function_expression parameters: (formal_parameters) @params body: (_) @body)))",
    // kCalls: calls of a plain name.
    R"((call_expression function: (identifier) @callee arguments: (arguments) @args))",
};

const engine::Query& query(Language lang, QueryId id) {
  static const auto all = [] {
    std::map<std::pair<Language, int>, std::unique_ptr<engine::Query>> m;
    for (Language l : {Language::typescript, Language::tsx, Language::javascript})
      for (int q = 0; q < kCount; ++q) m[{l, q}] = std::make_unique<engine::Query>(l, kQueries[q]);
    return m;
  }();
  return *all.at({lang, id});
}

struct Binding {
  std::string module, imported;  // imported: "default", "*" or the exported name
};

// Local name -> where it comes from, for the file's imports and requires.
std::map<std::string, Binding> imports_of(const SyntaxTree& tree) {
  std::map<std::string, Binding> out;
  query(tree.file().language(), kImports).for_each(tree, [&](const QueryMatch& m) {
    auto module = engine::string_value(tree, m["source"]);
    if (!module) return;
    TSNode clause = m["clause"];
    auto bind = [&](TSNode local, std::string imported) {
      if (!ts_node_is_null(local)) out[std::string(tree.text(local))] = {*module, std::move(imported)};
    };
    std::string_view type = engine::node_type(clause);
    if (type == "identifier") return bind(clause, "default");  // const x = require('…')
    for (uint32_t i = 0; i < ts_node_named_child_count(clause); ++i) {
      TSNode c = ts_node_named_child(clause, i);
      std::string_view t = engine::node_type(c);
      if (t == "identifier") bind(c, "default");
      else if (t == "namespace_import") bind(ts_node_named_child(c, 0), "*");
      else if (t == "shorthand_property_identifier_pattern") bind(c, std::string(tree.text(c)));
      else if (t == "pair_pattern") bind(engine::field(c, "value"), std::string(tree.text(engine::field(c, "key"))));
      else if (t == "named_imports")
        for (uint32_t j = 0; j < ts_node_named_child_count(c); ++j) {
          TSNode spec = ts_node_named_child(c, j);
          TSNode name = engine::field(spec, "name"), alias = engine::field(spec, "alias");
          if (!ts_node_is_null(name)) bind(ts_node_is_null(alias) ? name : alias, std::string(tree.text(name)));
        }
    }
  });
  return out;
}

// A module of the project rather than a package: './errors', '../lib/http', '@/errors', '~/errors', '#errors'.
bool project_module(const std::string& module) {
  return module.rfind(".", 0) == 0 || module.rfind("/", 0) == 0 || module.rfind("@/", 0) == 0 ||
         module.rfind("~/", 0) == 0 || module.rfind("#", 0) == 0;
}

// 'http-errors', '@hapi/boom', 'hono/http-exception' -> its package ("hono" for the last).
bool from_library(const std::string& module, const std::set<std::string>& libraries) {
  if (libraries.count(module)) return true;
  auto slash = module.find('/', module[0] == '@' ? module.find('/') + 1 : 0);
  return slash != std::string::npos && libraries.count(module.substr(0, slash));
}

// The parameter names of a formal_parameters list, "" where one is destructured.
std::vector<std::string> parameter_names(const SyntaxTree& tree, TSNode params) {
  std::vector<std::string> out;
  for (uint32_t i = 0; i < ts_node_named_child_count(params); ++i) {
    TSNode p = ts_node_named_child(params, i);
    std::string_view type = engine::node_type(p);
    if (type == "comment") continue;
    if (type == "required_parameter" || type == "optional_parameter") p = engine::field(p, "pattern");
    else if (type == "assignment_pattern") p = engine::field(p, "left");
    out.push_back(!ts_node_is_null(p) && engine::node_type(p) == "identifier" ? std::string(tree.text(p)) : "");
  }
  return out;
}

// Whether an identifier named `name` occurs below `node` (bounded walk).
bool mentions(const SyntaxTree& tree, TSNode node, const std::string& name, int depth = 0) {
  std::string_view type = engine::node_type(node);
  if ((type == "identifier" || type == "shorthand_property_identifier") && tree.text(node) == name) return true;
  if (depth > 40) return false;
  for (uint32_t i = 0; i < ts_node_named_child_count(node); ++i)
    if (mentions(tree, ts_node_named_child(node, i), name, depth + 1)) return true;
  return false;
}

// What a response node sends: a call's arguments, an assignment's value.
TSNode sent_part(TSNode response) {
  std::string_view type = engine::node_type(response);
  if (type == "assignment_expression") return engine::field(response, "right");
  return engine::field(response, "arguments");
}

}  // namespace

bool within(const Spans& spans, std::size_t begin, std::size_t end) {
  return std::any_of(spans.begin(), spans.end(), [&](const auto& s) { return s.first <= begin && end <= s.second; });
}

Spans typed_guard_spans(const SyntaxTree& tree, const JsQueries& q, const std::set<std::string>& libraries) {
  Spans out;
  const std::string& text = tree.file().text();
  if (text.find("instanceof") == std::string::npos) return out;
  std::set<std::string> declared;  // classes of this file
  static const RE2 class_decl(R"(\bclass\s+([A-Za-z_$][\w$]*))");
  re2::StringPiece in(text);
  for (std::string name; RE2::FindAndConsume(&in, class_decl, &name);) declared.insert(name);
  auto imports = imports_of(tree);
  auto owned = [&](const std::string& name) {
    if (declared.count(name)) return true;
    auto it = imports.find(name);
    return it != imports.end() && (project_module(it->second.module) || from_library(it->second.module, libraries));
  };
  static const RE2 instanceof(R"(\binstanceof\s+([A-Za-z_$][\w$]*))");  // `errors.NotFound`: its root
  q.typed_guard->get(tree.file().language()).for_each(tree, [&](const QueryMatch& m) {
    std::string guard(tree.text(m["guard"]));
    re2::StringPiece g(guard);
    bool typed = false;
    for (std::string name; RE2::FindAndConsume(&g, instanceof, &name);) typed = typed || owned(name);
    if (typed) out.emplace_back(ts_node_start_byte(m["inside"]), ts_node_end_byte(m["inside"]));
  });
  return out;
}

JsFile read_js(const SyntaxTree& tree, const JsQueries& q, const Spans& guarded) {
  JsFile out;
  Language lang = tree.file().language();
  std::set<std::string> functions;
  query(lang, kFunctions).for_each(tree, [&](const QueryMatch& m) {
    std::string name(tree.text(m["name"]));
    functions.insert(name);
    auto params = parameter_names(tree, m["params"]);
    q.response->get(lang).for_each(tree, m["body"], [&](const QueryMatch& r) {
      TSNode sent = sent_part(r["inside"]);
      if (ts_node_is_null(sent)) return;
      for (std::size_t i = 0; i < params.size(); ++i)
        if (!params[i].empty() && mentions(tree, sent, params[i]) &&
            std::none_of(out.helpers.begin(), out.helpers.end(),
                         [&](const Helper& h) { return h.name == name && h.param == static_cast<int>(i); }))
          out.helpers.push_back({name, static_cast<int>(i), {tree.start(r["inside"]), tree.end(r["inside"])}});
    });
  });
  Spans responses;  // text already inside a response is the patterns' concern
  q.response->get(lang).for_each(tree, [&](const QueryMatch& r) {
    responses.emplace_back(ts_node_start_byte(r["inside"]), ts_node_end_byte(r["inside"]));
  });
  auto imports = imports_of(tree);
  query(lang, kCalls).for_each(tree, [&](const QueryMatch& m) {
    std::string callee(tree.text(m["callee"]));
    HelperCall call{callee, "", "", 0, {}, ""};
    if (auto it = imports.find(callee); it != imports.end() && it->second.module.rfind(".", 0) == 0) {
      call.module = it->second.module;
      call.imported = it->second.imported;
    } else if (!functions.count(callee)) {
      return;
    }
    TSNode args = m["args"];
    int index = -1;
    for (uint32_t i = 0; i < ts_node_named_child_count(args); ++i) {
      TSNode arg = ts_node_named_child(args, i);
      if (engine::node_type(arg) == "comment") continue;
      ++index;
      q.error_text->get(lang).for_each(tree, arg, [&](const QueryMatch& e) {
        TSNode at = e["match"];
        std::size_t b = ts_node_start_byte(at), end = ts_node_end_byte(at);
        if (within(guarded, b, end) || within(responses, b, end)) return;
        call.arg = index;
        call.span = {tree.start(at), tree.end(at)};
        call.text = std::string(tree.text(at));
        out.calls.push_back(call);
      });
    }
  });
  return out;
}

}  // namespace svc::builtin::error_leak
