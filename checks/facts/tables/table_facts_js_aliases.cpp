// Classes that stand for a model in JavaScript/TypeScript: data-access repositories.
// A shared data-access package exports `SubscriberRepository`, not the Mongoose model;
// the services that import the repository use the model's collection.
#include "checks/facts/routes/route_facts_js.h"
#include "checks/facts/tables/table_facts_js.h"

namespace svc::engine {
namespace {

TSNode constructor_of(const SyntaxTree& tree, TSNode cls) {
  TSNode body = ts_node_child_by_field_name(cls, "body", 4);
  if (ts_node_is_null(body)) return {};
  for (uint32_t i = 0; i < ts_node_named_child_count(body); ++i) {
    TSNode m = ts_node_named_child(body, i);
    TSNode name = ts_node_child_by_field_name(m, "name", 4);
    if (std::string_view(ts_node_type(m)) == "method_definition" && !ts_node_is_null(name) &&
        tree.text(name) == "constructor")
      return m;
  }
  return {};
}

}  // namespace

// `constructor() { super(Subscriber, ...) }` or `constructor(@InjectModel(Order.name) m)`:
// the class aliases the model whose reference that call made (or makes here).
void JsTableExtractor::on_class(TSNode cls) {
  TSNode name = field(cls, "name");
  TSNode ctor = constructor_of(tree_, cls);
  if (ts_node_is_null(name) || ts_node_is_null(ctor)) return;
  std::string symbol = text(name);
  uint32_t begin = ts_node_start_byte(ctor), end = ts_node_end_byte(ctor);
  // An @InjectModel in the constructor's parameters already made its reference.
  for (auto it = injected_models_.lower_bound(begin); it != injected_models_.end() && it->first < end; ++it)
    return (void)out_.aliases.push_back({symbol, static_cast<std::uint32_t>(it->second)});
  bool found = false;
  for_each_named(field(ctor, "body"), [&](TSNode n) {
    if (found || node_type(n) != "call_expression" || node_type(field(n, "function")) != "super") return;
    auto args = call_arguments(field(n, "arguments"));
    if (args.empty() || node_type(args[0]) != "identifier") return;
    if (symbol_ref(args[0], TableAccess::model, -1, args[0])) {
      out_.aliases.push_back({symbol, static_cast<std::uint32_t>(out_.references.size() - 1)});
      found = true;
    }
  });
}

}  // namespace svc::engine
