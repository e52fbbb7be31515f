// NestJS controllers: `@Controller('health')` classes whose methods carry `@Get()` & co.
#include <algorithm>

#include "checks/facts/routes/route_facts_js.h"

namespace svc::engine {
namespace {

constexpr std::string_view kNestMethods[] = {"Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "All"};

// `Get`, `Get('x')` -> "Get"; the decorator's arguments, if any, into `args`.
std::string_view decorator_name(const SyntaxTree& tree, TSNode decorator, TSNode& args) {
  TSNode expr = ts_node_named_child_count(decorator) ? ts_node_named_child(decorator, 0) : TSNode{};
  if (ts_node_is_null(expr)) return {};
  if (node_type(expr) == "call_expression") {
    args = field(expr, "arguments");
    expr = field(expr, "function");
  }
  return node_type(expr) == "identifier" ? tree.text(expr) : std::string_view();
}

}  // namespace

void JsRouteExtractor::collect_controllers(const std::vector<QueryMatch>& matches) {
  for (const QueryMatch& m : matches) {
    std::vector<TSNode> decorators;
    for (TSNode n : named_children(m["class"]))
      if (node_type(n) == "decorator") decorators.push_back(n);
    TSNode parent = ts_node_parent(m["class"]);
    if (!ts_node_is_null(parent) && node_type(parent) == "export_statement")
      for (TSNode n : named_children(parent))
        if (node_type(n) == "decorator") decorators.push_back(n);
    for (TSNode d : decorators) {
      TSNode args{};
      if (decorator_name(tree_, d, args) != "Controller") continue;
      auto argv = ts_node_is_null(args) ? std::vector<TSNode>{} : call_arguments(args);
      std::string prefix;
      if (!argv.empty()) {
        TSNode p = node_type(argv[0]) == "object" ? object_value(tree_, argv[0], "path") : argv[0];
        auto paths = literal_strings(tree_, p, g_, &constants_);
        if (!paths.empty()) prefix = paths[0];
      }
      std::string name = text(m["name"]);
      containers_.insert(name);
      out_.containers.push_back({name, "nestjs", ContainerKind::controller, prefix, false, span_of(tree_, d)});
      add_controller_routes(name, m["body"]);
      break;  // one @Controller per class
    }
  }
}

// Methods decorated @Get(), @Post('x') ...; TypeScript puts a method's decorators before it
// in the class body, JavaScript inside the method.
void JsRouteExtractor::add_controller_routes(const std::string& controller, TSNode body) {
  std::vector<TSNode> pending;
  for (TSNode n : named_children(body)) {
    if (node_type(n) == "decorator") {
      pending.push_back(n);
      continue;
    }
    if (node_type(n) == "method_definition") {
      for (TSNode d : named_children(n))
        if (node_type(d) == "decorator") pending.push_back(d);
      for (TSNode d : pending) {
        TSNode args{};
        std::string_view name = decorator_name(tree_, d, args);
        if (std::find(std::begin(kNestMethods), std::end(kNestMethods), name) == std::end(kNestMethods)) continue;
        auto argv = ts_node_is_null(args) ? std::vector<TSNode>{} : call_arguments(args);
        auto paths = argv.empty() ? std::vector<PathArgument>{{""}} : path_arguments(tree_, argv[0], g_, constants_);
        for (const auto& path : paths)
          out_.routes.push_back({{controller, "", ""}, upper(name), path.path, path.dynamic, {},
                                 {summaries_.of(field(n, "body")), {}}, span_of(tree_, d)});
      }
    }
    pending.clear();
  }
}

}  // namespace svc::engine
