// Django's DEBUG in settings modules (error_leak_django.h).
#include "checks/builtin/error_leak/error_leak_django.h"

#include <optional>
#include <set>

#include "checks/syntax/code_syntax.h"
#include "common/paths.h"
#include "common/ascii.h"

namespace svc::builtin::error_leak {
namespace {

using namespace engine;

// Words of a file or folder name that say it is for local runs or tests.
bool names_development(std::string_view name) {
  static const std::set<std::string, std::less<>> words = {
      "local", "dev", "develop", "devel", "development", "test", "tests", "testing", "ci", "e2e", "example", "sample"};
  std::size_t start = 0;
  for (std::size_t i = 0; i <= name.size(); ++i) {
    if (i < name.size() && name[i] != '_' && name[i] != '-' && name[i] != '.') continue;
    if (words.count(name.substr(start, i - start))) return true;
    start = i + 1;
  }
  return false;
}

// `NAME` assigned at the start of a line: the module sets it (not `settings.NAME`).
bool sets(std::string_view text, std::string_view name) {
  for (std::size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    if (at > 0 && text[at - 1] != '\n') continue;
    std::size_t next = text.find_first_not_of(' ', at + name.size());
    if (next != std::string_view::npos && text[next] == '=') return true;
  }
  return false;
}

class DebugReader {
 public:
  explicit DebugReader(const SyntaxTree& tree) : tree_(tree), g_(python_route_grammar()) {}

  // Whether `DEBUG = <node>` is on when the environment does not say otherwise;
  // `environment` is set when that is an environment read's default.
  bool on(TSNode n, bool& environment) const {
    std::string_view type = node_type(n);
    if (type == "true") return true;
    if (type == "parenthesized_expression" && ts_node_named_child_count(n)) return on(ts_node_named_child(n, 0), environment);
    if (type == "call") {
      std::string fn = member_path(tree_, field(n, "function"), g_);
      std::string base = fn.substr(fn.rfind('.') + 1);
      TSNode args = field(n, "arguments");
      bool wrapper = fn == "bool" || fn == "int" || base == "strtobool";  // not env.bool(...)
      if (wrapper && ts_node_named_child_count(args))
        return on(ts_node_named_child(args, 0), environment);
      auto d = environment_default(n);
      if (!d) return false;
      environment = true;
      // A raw read (`os.environ.get("DEBUG", "False")`) gives a string: any non-empty one is true.
      return raw_read(n) && d->string ? !d->value.empty() : truthy(d->value);
    }
    if (type == "comparison_operator" && ts_node_named_child_count(n) == 2) {
      TSNode left = ts_node_named_child(n, 0), right = ts_node_named_child(n, 1);
      auto d = environment_default(left);
      if (!d) return false;
      std::string op = std::string(tree_.text(ts_node_child(n, 1)));
      std::set<std::string> values;
      if (auto s = string_value(tree_, right)) values.insert(ascii_lower(*s));
      for (TSNode item : named_children(right))
        if (auto s = string_value(tree_, item)) values.insert(ascii_lower(*s));
      if (values.empty()) return false;
      bool equal = values.count(ascii_lower(d->value)) > 0;
      environment = true;
      return op == "!=" || op == "not in" || op == "not" ? !equal : equal;
    }
    return false;
  }

 private:
  static bool truthy(const std::string& d) {
    static const std::set<std::string> yes = {"true", "1", "yes", "on", "t", "y"};
    return yes.count(ascii_lower(d)) > 0;
  }
  struct Default {
    std::string value;
    bool string = false;  // written as a string literal
  };

  bool raw_read(TSNode call) const {
    std::string fn = member_path(tree_, field(call, "function"), g_);
    return fn.find("environ") != std::string::npos || fn.ends_with("getenv");
  }

  // The default of an environment read of a DEBUG variable (`env.bool("DEBUG", True)`,
  // `config("DEBUG", default="1")`, `os.getenv("DEBUG", "1").lower()`), as written.
  std::optional<Default> environment_default(TSNode n) const {
    if (node_type(n) != "call") return std::nullopt;
    TSNode fn = field(n, "function"), args = field(n, "arguments");
    if (node_type(fn) == "attribute" && node_type(field(fn, "object")) == "call") {  // .lower() / .strip()
      std::string method(tree_.text(field(fn, "attribute")));
      if (method == "lower" || method == "strip" || method == "upper" || method == "casefold")
        return environment_default(field(fn, "object"));
    }
    auto key = string_value(tree_, python_argument(tree_, args, 0, "var"));
    if (!key || ascii_upper(*key).find("DEBUG") == std::string::npos) return std::nullopt;
    TSNode d = python_argument(tree_, args, 1, "default");
    if (ts_node_is_null(d)) return std::nullopt;
    std::string_view type = node_type(d);
    if (type == "true") return Default{"true", false};
    if (type == "false" || type == "none") return Default{"", false};
    if (type == "integer") return Default{std::string(tree_.text(d)), false};
    if (auto s = string_value(tree_, d)) return Default{*s, true};
    return std::nullopt;
  }

  const SyntaxTree& tree_;
  const RouteGrammar& g_;
};

}  // namespace

bool is_deployed_django_settings(const std::string& path, std::string_view text) {
  std::string file = path.substr(path.rfind('/') + 1);
  std::string stem = file.substr(0, file.rfind('.'));
  std::string folder = folder_of(path);
  std::string parent = folder.substr(folder.rfind('/') + 1);
  bool settings = stem.find("settings") != std::string::npos || parent.find("settings") != std::string::npos ||
                  sets(text, "INSTALLED_APPS") || sets(text, "ROOT_URLCONF");
  if (!settings || names_development(stem)) return false;
  return parent.find("settings") == std::string::npos || !names_development(parent);
}

std::vector<DjangoDebug> django_debug_settings(const SyntaxTree& tree) {
  std::vector<DjangoDebug> out;
  DebugReader reader(tree);
  for (TSNode statement : named_children(tree.root())) {  // module level only: a branch decides for itself
    if (node_type(statement) != "expression_statement" || !ts_node_named_child_count(statement)) continue;
    TSNode a = ts_node_named_child(statement, 0);
    if (node_type(a) != "assignment" || tree.text(field(a, "left")) != "DEBUG") continue;
    TSNode right = field(a, "right");
    bool environment = false;
    if (ts_node_is_null(right) || !reader.on(right, environment)) continue;
    out.push_back({{tree.start(a), tree.end(a)}, std::string(tree.text(a)), environment});
  }
  return out;
}

}  // namespace svc::builtin::error_leak
