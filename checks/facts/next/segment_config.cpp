// Route segment config: top-level exports Next.js reads from App Router routes, pages and
// layouts (`export const maxDuration = 300`), and the `config` object of a Pages Router
// file or middleware (`export const config = { runtime: 'edge', maxDuration: 60 }`, and
// middleware's `matcher`).
#include <set>

#include "checks/facts/next/next_facts.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

const std::set<std::string_view>& segment_names() {
  static const std::set<std::string_view> names = {"maxDuration", "runtime",   "dynamic",      "revalidate",
                                                   "preferredRegion", "fetchCache", "dynamicParams"};
  return names;
}

struct FileRole {
  bool segment = false;  // an App Router segment file, or a Pages Router page
  bool config = false;   // `export const config` is Next's: a page, an API route or middleware
};

FileRole role_of(std::string_view path) {
  auto slash = path.rfind('/');
  std::string_view name = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
  std::string_view stem = name.substr(0, name.find('.'));
  bool pages = path.starts_with("pages/") || path.find("/pages/") != std::string_view::npos;
  static const std::set<std::string_view> segment_files = {"route", "page", "layout", "template", "default"};
  return {pages || segment_files.count(stem) > 0, pages || stem == "middleware" || stem == "proxy"};
}

}  // namespace

void extract_segment_config(const SyntaxTree& tree, NextFacts& out) {
  FileRole role = role_of(tree.file().path());
  if (!role.segment && !role.config) return;
  for (TSNode statement : named_children(tree.root())) {
    if (node_type(statement) != "export_statement") continue;
    TSNode decl = field(statement, "declaration");
    if (ts_node_is_null(decl) || node_type(decl) != "lexical_declaration") continue;
    for (TSNode d : named_children(decl)) {
      if (node_type(d) != "variable_declarator") continue;
      std::string name(tree.text(field(d, "name")));
      TSNode value = field(d, "value");
      if (ts_node_is_null(value)) continue;
      if (role.segment && segment_names().count(name)) {
        out.segment_config.push_back({name, std::string(tree.text(value)), span_of(tree, d)});
      } else if (role.config && name == "config" && node_type(value) == "object") {
        for (TSNode pair : named_children(value)) {
          if (node_type(pair) != "pair") continue;
          std::string key(tree.text(field(pair, "key")));
          // `matcher`: the paths middleware (Next 16: proxy) runs on, auth checks among them.
          if (key == "maxDuration" || key == "runtime" || key == "regions" || key == "preferredRegion" ||
              key == "matcher")
            out.segment_config.push_back({"config." + key, std::string(tree.text(field(pair, "value"))),
                                          span_of(tree, pair)});
        }
      }
    }
  }
}

}  // namespace svc::engine
