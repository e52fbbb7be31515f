#include "checks/builtin/jwt/go_lifetimes.h"

#include <cstdlib>
#include <string>
#include <string_view>

namespace svc::builtin {
namespace {

using engine::field;
using engine::node_type;

constexpr double kDay = 86400;

// A constant: a number (kind scalar) or a duration in seconds.
struct Value {
  double v;
  bool duration;
};

std::optional<double> unit_of(std::string_view selector) {
  if (selector == "time.Nanosecond") return 1e-9;
  if (selector == "time.Microsecond") return 1e-6;
  if (selector == "time.Millisecond") return 1e-3;
  if (selector == "time.Second") return 1;
  if (selector == "time.Minute") return 60;
  if (selector == "time.Hour") return 3600;
  return std::nullopt;
}

std::optional<Value> eval(const engine::SyntaxTree& tree, TSNode n, int depth = 0) {
  if (ts_node_is_null(n) || depth > 32) return std::nullopt;
  std::string_view type = node_type(n);
  if (type == "int_literal" || type == "float_literal") {
    std::string digits;
    for (char c : tree.text(n))
      if (c != '_') digits += c;
    char* end = nullptr;
    double v = std::strtod(digits.c_str(), &end);
    if (end != digits.c_str() + digits.size()) return std::nullopt;
    return Value{v, false};
  }
  if (type == "selector_expression") {
    if (auto u = unit_of(tree.text(n))) return Value{*u, true};
    return std::nullopt;
  }
  if (type == "parenthesized_expression" && ts_node_named_child_count(n) == 1)
    return eval(tree, ts_node_named_child(n, 0), depth + 1);
  // time.Duration(7): the conversion keeps the number; a unit must multiply it.
  if (type == "call_expression" || type == "type_conversion_expression") {
    std::string_view fn = tree.text(field(n, type == "call_expression" ? "function" : "type"));
    TSNode args = type == "call_expression" ? field(n, "arguments") : TSNode{};
    TSNode arg = !ts_node_is_null(args) && ts_node_named_child_count(args) == 1 ? ts_node_named_child(args, 0)
                                                                                : field(n, "operand");
    if (fn == "time.Duration") return eval(tree, arg, depth + 1);
    return std::nullopt;
  }
  if (type != "binary_expression") return std::nullopt;
  auto l = eval(tree, field(n, "left"), depth + 1), r = eval(tree, field(n, "right"), depth + 1);
  if (!l || !r) return std::nullopt;
  std::string_view op = tree.text(field(n, "operator"));
  if (op == "*" && !(l->duration && r->duration)) return Value{l->v * r->v, l->duration || r->duration};
  if (op == "/" && r->v != 0 && !r->duration) return Value{l->v / r->v, l->duration};
  if ((op == "+" || op == "-") && l->duration == r->duration) return Value{op == "+" ? l->v + r->v : l->v - r->v, l->duration};
  return std::nullopt;
}

bool from_now(const engine::SyntaxTree& tree, TSNode operand) {
  return tree.text(operand).find("Now()") != std::string_view::npos;
}

}  // namespace

std::optional<GoSpan> go_duration(const engine::SyntaxTree& tree, TSNode expr) {
  auto v = eval(tree, expr);
  if (!v || !v->duration) return std::nullopt;
  return GoSpan{v->v, expr};
}

std::optional<GoSpan> go_expiry_offset(const engine::SyntaxTree& tree, TSNode value) {
  if (ts_node_is_null(value)) return std::nullopt;
  std::string_view type = node_type(value);
  if (type == "call_expression") {
    TSNode fn = field(value, "function"), args = field(value, "arguments");
    if (node_type(fn) == "selector_expression" && from_now(tree, field(fn, "operand"))) {
      std::string_view method = tree.text(field(fn, "field"));
      uint32_t n = ts_node_named_child_count(args);
      if (method == "Add" && n == 1) {
        if (auto d = go_duration(tree, ts_node_named_child(args, 0))) return d;
      } else if (method == "AddDate" && n == 3) {
        auto y = eval(tree, ts_node_named_child(args, 0)), m = eval(tree, ts_node_named_child(args, 1)),
             d = eval(tree, ts_node_named_child(args, 2));
        if (y && m && d && !y->duration && !m->duration && !d->duration)
          return GoSpan{(y->v * 365 + m->v * 30 + d->v) * kDay, args};
      }
    }
  }
  // time.Now().Unix() + 3600: seconds.
  if (type == "binary_expression" && tree.text(field(value, "operator")) == "+") {
    TSNode l = field(value, "left"), r = field(value, "right");
    if (from_now(tree, l))
      if (auto v = eval(tree, r); v && !v->duration) return GoSpan{v->v, r};
  }
  for (uint32_t i = 0; i < ts_node_named_child_count(value); ++i)
    if (auto s = go_expiry_offset(tree, ts_node_named_child(value, i))) return s;
  return std::nullopt;
}

}  // namespace svc::builtin
