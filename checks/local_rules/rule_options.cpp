#include "checks/local_rules/rule_options.h"

#include <cctype>

#include <fmt/format.h>

namespace svc::engine {
namespace {

// The value as the inside of a tree-sitter query string: `\` and `"` escaped.
std::string quoted_body(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string rendered(const YAML::Node& value) {
  if (value.IsSequence()) {
    std::string out;
    for (const auto& item : value)
      out += fmt::format("{}\"{}\"", out.empty() ? "" : " ", quoted_body(item.IsScalar() ? item.Scalar() : ""));
    return out;
  }
  return value.IsScalar() ? quoted_body(value.Scalar()) : "";
}

void substitute_queries(YAML::Node node, const YAML::Node& options) {
  if (!node) return;
  if (node.IsScalar()) {
    node = substitute_options(node.Scalar(), options);
    return;
  }
  if (node.IsSequence())
    for (std::size_t i = 0; i < node.size(); ++i) {
      YAML::Node item = node[i];
      substitute_queries(item, options);
    }
}

void substitute_patterns(YAML::Node patterns, const YAML::Node& options) {
  if (!patterns || !patterns.IsSequence()) return;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    YAML::Node p = patterns[i];
    if (!p.IsMap()) continue;
    for (const char* key : {"query", "inside", "not_inside"})
      if (p[key]) substitute_queries(p[key], options);
  }
}

bool is_option_name(const std::string& name) {
  if (name.empty() || !(std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) return false;
  return true;
}

}  // namespace

std::string substitute_options(const std::string& text, const YAML::Node& options, std::string* unknown) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    std::size_t open = text.find("${", i);
    std::size_t close = open == std::string::npos ? open : text.find('}', open);
    if (close == std::string::npos) {
      out += text.substr(i);
      break;
    }
    std::string name = text.substr(open + 2, close - open - 2);
    out += text.substr(i, open - i);
    if (!is_option_name(name)) {  // `${` of a template literal, say: text, not an option
      out += "${";
      i = open + 2;
      continue;
    }
    YAML::Node value = options.IsMap() ? options[name] : YAML::Node();
    if (value.IsDefined() && !value.IsNull()) {
      out += rendered(value);
    } else {
      if (unknown && unknown->empty()) *unknown = name;
      out += text.substr(open, close - open + 1);
    }
    i = close + 1;
  }
  return out;
}

RuleInfo with_options(const RuleInfo& rule, const YAML::Node& options) {
  RuleInfo r = rule;
  // reset(), not `=`: assigning to a yaml-cpp node writes through to the node it shares
  // with `rule`, and the catalog's copy must keep its `${name}`s for the next run.
  r.spec.reset(YAML::Clone(rule.spec));
  substitute_patterns(r.spec["patterns"], options);
  if (r.spec["unless_service"]) substitute_patterns(r.spec["unless_service"]["patterns"], options);
  std::vector<std::string> prefilter;
  for (const auto& literal : rule.prefilter) {
    bool whole = literal.size() > 3 && literal.rfind("${", 0) == 0 && literal.back() == '}' &&
                 literal.find('}') == literal.size() - 1;
    YAML::Node value = whole && options.IsMap() ? options[literal.substr(2, literal.size() - 3)] : YAML::Node();
    if (value && value.IsSequence()) {
      for (const auto& item : value) prefilter.push_back(item.Scalar());
    } else if (value && value.IsScalar()) {
      prefilter.push_back(value.Scalar());
    } else {
      prefilter.push_back(literal);
    }
  }
  r.prefilter = std::move(prefilter);
  return r;
}

}  // namespace svc::engine
