// gorm models and the calls that use them. A struct is a model when it embeds
// gorm.Model or tags a field `gorm:"..."`; its table is gorm's default name (snake_case,
// plural: OrderItem -> order_items) unless `func (OrderItem) TableName() string`
// returns another. Calls name models by value (`db.Model(&User{})`, `db.Find(&users)`
// with `var users []User`): symbol references, resolved to the model in the service.
#include <algorithm>

#include "checks/facts/tables/table_facts_go.h"

namespace svc::engine {
namespace {

bool is_predeclared(std::string_view name) {
  static const std::set<std::string_view> names = {
      "bool", "string", "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64",
      "uintptr", "float32", "float64", "complex64", "complex128", "byte", "rune", "error", "any"};
  return names.count(name) > 0;
}

// The named type under pointers, slices and arrays: `*[]models.User` -> "User";
// "" for Go's own types (`var count int64` is no model).
std::string type_name(const SyntaxTree& tree, TSNode type) {
  while (!ts_node_is_null(type)) {
    std::string_view t = node_type(type);
    if (t == "type_identifier") return is_predeclared(tree.text(type)) ? "" : std::string(tree.text(type));
    if (t == "qualified_type") return std::string(tree.text(field(type, "name")));
    if (t == "pointer_type" || t == "parenthesized_type") type = ts_node_named_child(type, 0);
    else if (t == "slice_type" || t == "array_type" || t == "implicit_length_array_type") type = field(type, "element");
    else return "";
  }
  return "";
}

// gorm calls that take a model value, and what they do with its table.
bool gorm_access(std::string_view name, TableAccess& access) {
  static const std::set<std::string_view> writes = {"Create", "CreateInBatches", "Save", "Delete", "Updates",
                                                    "FirstOrCreate", "AutoMigrate"};
  static const std::set<std::string_view> reads = {"Model", "Find", "First", "Last", "Take", "Where", "Scan",
                                                   "FirstOrInit", "FindInBatches", "Count"};
  if (writes.count(name)) return access = TableAccess::write, true;
  if (reads.count(name)) return access = TableAccess::read, true;
  return false;
}

}  // namespace

void GoTableExtractor::on_type_spec(TSNode spec) {
  TSNode name = field(spec, "name"), type = field(spec, "type");
  if (ts_node_is_null(name) || ts_node_is_null(type) || node_type(type) != "struct_type") return;
  bool model = false;
  for_each_named(type, [&](TSNode n) {
    if (node_type(n) != "field_declaration") return;
    TSNode tag = field(n, "tag");
    if (!ts_node_is_null(tag) && tree_.text(tag).find("gorm:\"") != std::string_view::npos) model = true;
    if (ts_node_is_null(field(n, "name"))) {  // an embedded type
      std::string_view embedded = tree_.text(field(n, "type"));
      if (embedded == "gorm.Model") model = true;
      embedded_.insert(type_name(tree_, field(n, "type")));
    }
  });
  if (model) models_[text(name)] = name;
}

// `func (u *User) TableName() string { return "app_users" }`.
void GoTableExtractor::on_method(TSNode method) {
  if (tree_.text(field(method, "name")) != "TableName") return;
  TSNode receiver = field(method, "receiver"), body = field(method, "body");
  if (ts_node_is_null(receiver) || ts_node_is_null(body)) return;
  std::string type;
  for (TSNode p : named_children(receiver))
    if (node_type(p) == "parameter_declaration") type = type_name(tree_, field(p, "type"));
  if (type.empty()) return;
  std::optional<std::string> table;
  for_each_named(body, [&](TSNode n) {
    if (table || node_type(n) != "return_statement" || !ts_node_named_child_count(n)) return;
    TSNode value = ts_node_named_child(n, 0);
    if (node_type(value) == "expression_list" && ts_node_named_child_count(value)) value = ts_node_named_child(value, 0);
    table = string_value(tree_, value);
  });
  if (!table || table->empty()) return;
  table_names_[type] = *table;
  table_name_at_[type] = field(method, "name");
}

// Structs embedded in others are columns, not tables; a TableName() whose struct
// lives in another file still names the table of that type.
void GoTableExtractor::define_models() {
  auto define = [&](const std::string& symbol, TSNode at) {
    auto named = table_names_.find(symbol);
    std::string table = named != table_names_.end() ? named->second : pluralize(snake_case(symbol));
    out_.definitions.push_back({table, symbol, TableOrigin::gorm, TableChange::create, span(at), "", false});
  };
  for (const auto& [symbol, at] : models_)
    if (!embedded_.count(symbol) || table_names_.count(symbol)) define(symbol, at);
  for (const auto& [symbol, at] : table_name_at_)
    if (!models_.count(symbol)) define(symbol, at);
}

// The model type an argument stands for: `&User{}`, `[]User{}`, `&users` for a
// variable of a known type, `new(User)`. "" when it is not known.
std::string GoTableExtractor::model_type(TSNode arg) const {
  while (!ts_node_is_null(arg) && (node_type(arg) == "unary_expression" || node_type(arg) == "parenthesized_expression"))
    arg = node_type(arg) == "unary_expression" ? field(arg, "operand") : ts_node_named_child(arg, 0);
  if (ts_node_is_null(arg)) return "";
  std::string_view type = node_type(arg);
  if (type == "composite_literal") return type_name(tree_, field(arg, "type"));
  if (type == "identifier") {
    auto it = variables_.find(text(arg));
    return it == variables_.end() ? "" : it->second;
  }
  if (type == "call_expression" && tree_.text(field(arg, "function")) == "new") {
    TSNode args = field(arg, "arguments");
    return ts_node_named_child_count(args) ? type_name(tree_, ts_node_named_child(args, 0)) : "";
  }
  return "";
}

// `var users []User`, `u := &User{}`, `func f(u *User)`: the types of the function's variables.
void GoTableExtractor::note_variables(TSNode node) {
  std::string_view type = node_type(node);
  if (type == "short_var_declaration") {
    std::vector<TSNode> left = named_children(field(node, "left")), right = named_children(field(node, "right"));
    for (std::size_t i = 0; i < left.size() && i < right.size(); ++i) {
      std::string t = model_type(right[i]);
      if (!t.empty() && node_type(left[i]) == "identifier") variables_[text(left[i])] = t;
    }
    return;
  }
  TSNode declared = field(node, "type");
  std::string t = type_name(tree_, declared);
  if (t.empty() && type == "var_spec") {
    TSNode values = field(node, "value");
    if (!ts_node_is_null(values) && ts_node_named_child_count(values)) t = model_type(ts_node_named_child(values, 0));
  }
  if (t.empty()) return;
  for (TSNode n : named_children(node))
    if (node_type(n) == "identifier") variables_[text(n)] = t;
}

// db.Model(&User{}), db.Find(&users), db.Create(&order), db.Table("orders").
void GoTableExtractor::on_gorm_call(const Call& c) {
  if (c.name == "Table") {
    TSNode first = ts_node_named_child(c.args, 0);
    auto value = ts_node_is_null(first) ? std::nullopt : string_value(tree_, first);
    if (!value) return;
    std::string table = value->substr(0, value->find(' '));
    if (!table.empty())
      out_.add_reference(table, RefTarget::table, TableAccess::read, "", ModuleKind::none, chain_statement(c.call),
                         span(first));
    return;
  }
  TableAccess access;
  if (!gorm_access(c.name, access)) return;
  for (TSNode arg : named_children(c.args)) {
    std::string model = model_type(arg);
    if (model.empty()) continue;
    out_.add_reference(model, RefTarget::symbol, access, "", ModuleKind::none, chain_statement(c.call), span(arg));
  }
}

}  // namespace svc::engine
