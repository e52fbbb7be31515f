// Next.js in one file: the handlers a route file's location makes routes of, the
// basePath of next.config, and the "/api/..." paths the file requests itself.
#include <re2/re2.h>

#include "checks/facts/routes/route_facts_js.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

constexpr std::size_t kMaxCalledPaths = 64;  // per file: a few name the app's own API

// Any literal may be a request's URL: `fetch('/api/x')`, `useSWR(`/api/x/${id}`)`, and
// as often a variable, a ternary or an option (`baseApiPath: "/api/analytics"`) first.
constexpr char kCalls[] = R"q(
[(string) (template_string)] @url
)q";
// next.config: `basePath: '/docs'` wherever the config object is built.
constexpr char kBasePath[] = R"q(
(pair key: [(property_identifier) (string)] @key value: (string) @value)
)q";

bool is_next_method(std::string_view name) {
  return name == "GET" || name == "POST" || name == "PUT" || name == "PATCH" || name == "DELETE" || name == "HEAD" ||
         name == "OPTIONS";
}

bool is_script(std::string_view base) {
  for (std::string_view ext : {".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts"})
    if (base.size() > ext.size() && base.substr(base.size() - ext.size()) == ext) return !base.ends_with(".d.ts");
  return false;
}

}  // namespace

// Decided by the path alone; the service's routes check the folders again against the
// service's own root (next_routes.cpp), where `app/` must start.
FileRouter next_file_router(const std::string& path) {
  std::string base = base_name(path);
  if (!is_script(base) || is_test_path(path)) return FileRouter::none;
  std::string folder = "/" + folder_of(path) + "/";
  if (base.rfind("route.", 0) == 0 && folder.find("/app/") != std::string::npos) return FileRouter::app_route;
  if (folder.find("/pages/api/") != std::string::npos && base[0] != '_') return FileRouter::pages_api;
  return FileRouter::none;
}

namespace {

// `${id}` -> "*": the template's fixed parts are what a route path can match.
std::string literal_path(const SyntaxTree& tree, TSNode node) {
  std::string out;
  for (uint32_t i = 0, n = ts_node_child_count(node); i < n; ++i) {
    TSNode part = ts_node_child(node, i);
    std::string_view type = node_type(part);
    if (type == "string_fragment") out += tree.text(part);
    else if (type == "template_substitution") out += "*";
  }
  return out;
}

}  // namespace

bool is_next_config(const std::string& path) { return base_name(path).rfind("next.config.", 0) == 0; }

std::optional<SourceSpan> next_config_export(const SyntaxTree& tree) {
  for (TSNode node : named_children(tree.root())) {
    std::string_view type = node_type(node);
    bool exported = type == "export_statement" && !ts_node_is_null(field(node, "value"));
    if (type == "expression_statement") {
      TSNode e = ts_node_named_child(node, 0);
      exported = node_type(e) == "assignment_expression" && tree.text(field(e, "left")) == "module.exports";
    }
    if (exported) return span_of(tree, node);
  }
  return std::nullopt;
}

void JsRouteExtractor::collect_next() {
  const std::string& path = tree_.file().path();
  const std::string& source = tree_.file().text();
  Language lang = tree_.file().language();
  if (is_next_config(path)) {
    js_query<kBasePath>(lang).for_each(tree_, [&](const QueryMatch& m) {
      auto key = string_value(tree_, m["key"]);
      if (key.value_or(text(m["key"])) != "basePath") return;
      if (auto value = string_value(tree_, m["value"])) out_.next_base_path = *value;
    });
    out_.next_config = next_config_export(tree_);
  }
  if (source.find("/api/") != std::string::npos) {
    js_query<kCalls>(lang).for_each(tree_, [&](const QueryMatch& m) {
      std::string url = literal_path(tree_, m["url"]);
      if (url.rfind("/api/", 0) == 0 && out_.called_paths.size() < kMaxCalledPaths) out_.called_paths.push_back(url);
    });
  }
  out_.file_router = next_file_router(path);
  if (out_.file_router == FileRouter::none) return;
  for (TSNode node : named_children(tree_.root()))
    if (node_type(node) == "export_statement") add_next_export(node, out_.file_router);
}

// One export of a route file: `export async function GET`, `export const POST = wrap(...)`,
// `export { handler as GET }`, `export const { GET, POST } = handlers` (Auth.js), or a
// Pages API module's `export default function handler`.
void JsRouteExtractor::add_next_export(TSNode node, FileRouter router) {
  TSNode decl = field(node, "declaration"), value = field(node, "value");
  bool is_default = false;
  for (uint32_t i = 0, n = ts_node_child_count(node); i < n; ++i)
    is_default = is_default || node_type(ts_node_child(node, i)) == "default";
  auto add = [&](std::string method, Handler handler, TSNode at) {
    out_.routes.push_back({{}, std::move(method), "", false, {}, std::move(handler), span_of(tree_, at)});
  };
  if (router == FileRouter::pages_api) {
    if (!is_default) return;
    if (!ts_node_is_null(decl)) return add("ALL", {summaries_.of(field(decl, "body")), {}}, node);
    return add("ALL", handler_of(value), node);
  }
  if (!ts_node_is_null(decl)) {
    std::string_view type = node_type(decl);
    if (type == "function_declaration" || type == "generator_function_declaration") {
      std::string name = text(field(decl, "name"));
      if (is_next_method(name)) add(name, {summaries_.of(field(decl, "body")), {}}, decl);
      return;
    }
    for (TSNode d : named_children(decl)) {
      if (node_type(d) != "variable_declarator") continue;
      TSNode name = field(d, "name");
      if (node_type(name) == "identifier" && is_next_method(tree_.text(name))) {
        add(text(name), handler_of(field(d, "value")), d);
      } else if (node_type(name) == "object_pattern") {  // export const { GET, POST } = handlers
        for (TSNode p : named_children(name))
          if (node_type(p) == "shorthand_property_identifier_pattern" && is_next_method(tree_.text(p)))
            add(text(p), {}, p);
      }
    }
    return;
  }
  for (TSNode part : named_children(node)) {
    if (node_type(part) != "export_clause") continue;
    for (TSNode spec : named_children(part)) {
      TSNode name = field(spec, "name"), alias = field(spec, "alias");
      std::string exported = text(ts_node_is_null(alias) ? name : alias);
      if (is_next_method(exported)) add(exported, {std::nullopt, {text(name), "", ""}}, spec);
    }
  }
}

}  // namespace svc::engine
