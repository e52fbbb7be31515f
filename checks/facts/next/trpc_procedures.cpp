// tRPC routers and procedures of one file. Routers are read where they are bound at the
// top level; entries that name something else (`user: userRouter`) are mounts, composed
// across files by trpc_resolver.cpp.
#include <set>

#include "checks/facts/next/body_touches.h"
#include "checks/facts/next/next_facts.h"
#include "checks/facts/routes/route_facts_js.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {
namespace {

constexpr char kPatterns[] = R"q(
(import_statement source: (string) @source) @import
(call_expression function: (_) @fn arguments: (arguments (object) @options)) @handler
)q";

constexpr int kMaxNesting = 8;

// `x satisfies T`, `x as T`, `(x)`: the expression itself.
TSNode unwrap(TSNode node) {
  while (!ts_node_is_null(node)) {
    std::string_view t = node_type(node);
    if (t != "satisfies_expression" && t != "as_expression" && t != "parenthesized_expression") return node;
    node = ts_node_named_child(node, 0);
  }
  return node;
}

std::optional<ProcedureType> procedure_type(std::string_view method) {
  if (method == "query") return ProcedureType::query;
  if (method == "mutation") return ProcedureType::mutation;
  if (method == "subscription") return ProcedureType::subscription;
  return std::nullopt;
}

bool names_procedure(std::string_view part) { return part.ends_with("Procedure") || part.ends_with("procedure"); }

// Servers and adapters that take the app's router: the root of its procedure paths.
bool is_handler(std::string_view callee) {
  auto last = callee.substr(callee.rfind('.') == std::string_view::npos ? 0 : callee.rfind('.') + 1);
  static const std::set<std::string_view> handlers = {
      "fetchRequestHandler", "createNextApiHandler", "createHTTPServer", "createHTTPHandler",
      "createExpressMiddleware", "trpcServer", "createOpenApiFetchHandler", "createOpenApiNextHandler"};
  return handlers.count(last) > 0;
}

class TrpcExtractor {
 public:
  TrpcExtractor(const SyntaxTree& tree, NextFacts& out) : tree_(tree), out_(out), g_(js_route_grammar()) {}

  void run() {
    auto buckets = matches_by_root(js_query<kPatterns>(tree_.file().language()), tree_, {"import", "handler"});
    std::vector<Import> imports;
    for (const QueryMatch& m : buckets["import"]) add_imports(m["import"], m["source"], imports);
    for (TSNode statement : named_children(tree_.root())) on_statement(statement);
    for (const QueryMatch& m : buckets["handler"]) on_handler(m["fn"], m["options"]);
    std::set<std::string> used;
    for (const auto& mount : out_.mounts) used.insert(mount.target.substr(0, mount.target.find('.')));
    for (const auto& root : out_.roots) used.insert(root.target.substr(0, root.target.find('.')));
    for (auto& i : imports)
      if (used.count(i.local)) out_.imports.push_back(std::move(i));
    for (auto& r : out_.routers) r.exported = r.exported || exported_.count(r.name) > 0;
  }

 private:
  std::string text(TSNode node) const { return std::string(tree_.text(node)); }

  void add_imports(TSNode import, TSNode source, std::vector<Import>& out) {
    auto module = string_value(tree_, source);
    if (!module) return;
    for (TSNode clause : named_children(import)) {
      if (node_type(clause) != "import_clause") continue;
      for (TSNode part : named_children(clause)) {
        std::string_view type = node_type(part);
        if (type == "identifier") out.push_back({text(part), *module, "default", ImportKind::default_export});
        if (type == "namespace_import" && ts_node_named_child_count(part))
          out.push_back({text(ts_node_named_child(part, 0)), *module, "", ImportKind::namespace_object});
        if (type != "named_imports") continue;
        for (TSNode spec : named_children(part)) {
          TSNode name = field(spec, "name"), alias = field(spec, "alias");
          if (!ts_node_is_null(name))
            out.push_back({text(ts_node_is_null(alias) ? name : alias), *module, text(name), ImportKind::named});
        }
      }
    }
  }

  void on_statement(TSNode statement) {
    std::string_view type = node_type(statement);
    bool exported = type == "export_statement";
    if (exported) {
      TSNode value = field(statement, "value");
      if (!ts_node_is_null(value) && tree_.text(statement).starts_with("export default")) {
        if (node_type(value) == "identifier") exported_.insert(text(value));
        else on_binding("default", TSNode{}, unwrap(value), statement, true);
      }
      for (TSNode clause : named_children(statement))
        if (node_type(clause) == "export_clause" && ts_node_is_null(field(statement, "source")))
          for (TSNode spec : named_children(clause))
            if (node_type(spec) == "export_specifier") exported_.insert(text(field(spec, "name")));
      statement = field(statement, "declaration");
      if (ts_node_is_null(statement)) return;
      type = node_type(statement);
    }
    if (type != "lexical_declaration" && type != "variable_declaration") return;
    for (TSNode d : named_children(statement))
      if (node_type(d) == "variable_declarator")
        on_binding(text(field(d, "name")), field(d, "type"), unwrap(field(d, "value")), d, exported);
  }

  // `const x = router({...})`, `const x = {...} satisfies TRPCRouterRecord`, `const x = p.query(...)`.
  void on_binding(const std::string& name, TSNode type, TSNode value, TSNode at, bool exported) {
    if (ts_node_is_null(value)) return;
    if (node_type(value) == "call_expression") {
      if (TSNode object = router_object(value); !ts_node_is_null(object)) {
        out_.routers.push_back({name, exported, span_of(tree_, at)});
        walk_object(name, "", object, 0);
      } else {
        add_procedure("", name, value);
      }
      return;
    }
    if (node_type(value) != "object") return;
    // A router record: typed as one, or holding procedures.
    std::string annotation = ts_node_is_null(type) ? "" : text(type);
    TSNode parent = ts_node_parent(value);
    if (node_type(parent) == "satisfies_expression" || node_type(parent) == "as_expression") annotation += text(parent);
    std::size_t before = out_.procedures.size(), mounts = out_.mounts.size();
    walk_object(name, "", value, 0);
    if (annotation.find("Router") != std::string::npos || out_.procedures.size() > before) {
      out_.routers.push_back({name, exported, span_of(tree_, at)});
    } else {
      out_.mounts.resize(mounts);  // an ordinary object
    }
  }

  // The object handed to `createTRPCRouter`, `router`, `t.router`: null for other calls.
  TSNode router_object(TSNode call) const {
    std::string callee = member_path(tree_, field(call, "function"), g_);
    bool router = callee == "router" || callee.ends_with(".router") || callee.ends_with("TRPCRouter");
    if (!router) return TSNode{};
    auto args = call_arguments(field(call, "arguments"));
    return !args.empty() && node_type(args[0]) == "object" ? args[0] : TSNode{};
  }

  void walk_object(const std::string& router, const std::string& prefix, TSNode object, int depth) {
    if (depth > kMaxNesting) return;
    for (TSNode entry : named_children(object)) {
      std::string_view type = node_type(entry);
      if (type == "shorthand_property_identifier") {
        out_.mounts.push_back({router, prefix + text(entry), text(entry), span_of(tree_, entry)});
      } else if (type == "spread_element" && ts_node_named_child_count(entry)) {
        std::string key = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
        out_.mounts.push_back({router, key, text(ts_node_named_child(entry, 0)), span_of(tree_, entry)});
      } else if (type == "pair") {
        TSNode key_node = field(entry, "key");
        auto quoted = string_value(tree_, key_node);
        std::string key = prefix + (quoted ? *quoted : text(key_node));
        TSNode value = unwrap(field(entry, "value"));
        std::string_view vt = node_type(value);
        if (vt == "object") {
          walk_object(router, key + ".", value, depth + 1);
        } else if (vt == "identifier" || vt == "member_expression") {
          out_.mounts.push_back({router, key, text(value), span_of(tree_, entry)});
        } else if (vt == "call_expression") {
          if (TSNode inner = router_object(value); !ts_node_is_null(inner)) walk_object(router, key + ".", inner, depth + 1);
          else add_procedure(router, key, value);
        }
      }
    }
  }

  // `publicProcedure.input(s).query(fn)`, `t.procedure.mutation(fn)`; anything else is ignored.
  void add_procedure(const std::string& router, const std::string& key, TSNode call) {
    TSNode callee = field(call, "function");
    if (node_type(callee) != "member_expression") return;
    auto type = procedure_type(tree_.text(field(callee, "property")));
    if (!type) return;
    auto parts = member_path_parts(tree_, callee, g_);
    std::string base;
    if (parts.size() > 1 && names_procedure(parts[0])) base = parts[0];
    else if (parts.size() > 2 && parts[1] == "procedure") base = parts[0] + "." + parts[1];
    else return;
    TrpcProcedure p{router, key, *type, base, span_of(tree_, call), {}};
    auto args = call_arguments(field(call, "arguments"));
    if (!args.empty() && is_function_node(args.back())) p.touches = summarize_touches(tree_, field(args.back(), "body"));
    out_.procedures.push_back(std::move(p));
  }

  void on_handler(TSNode fn, TSNode options) {
    if (!is_handler(member_path(tree_, fn, g_))) return;
    for (TSNode entry : named_children(options)) {
      if (node_type(entry) == "shorthand_property_identifier" && tree_.text(entry) == "router")
        out_.roots.push_back({"router", span_of(tree_, entry)});
      if (node_type(entry) != "pair" || tree_.text(field(entry, "key")) != "router") continue;
      TSNode value = unwrap(field(entry, "value"));
      if (node_type(value) == "identifier" || node_type(value) == "member_expression")
        out_.roots.push_back({text(value), span_of(tree_, entry)});
    }
  }

  const SyntaxTree& tree_;
  NextFacts& out_;
  const RouteGrammar& g_;
  std::set<std::string> exported_;
};

}  // namespace

void extract_trpc(const SyntaxTree& tree, NextFacts& out) { TrpcExtractor(tree, out).run(); }

}  // namespace svc::engine
