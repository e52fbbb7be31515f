#include "common/yaml_guard.h"
#include "scaffolds/engine/manifest.h"

#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/yaml_reader.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

class ManifestReader : public engine::YamlReader {
 public:
  explicit ManifestReader(std::string path)
      : YamlReader([path](int line, int column, const std::string& message) {
          throw ScaffoldError(fmt::format("{}:{}:{}: {}", path, line, column, message),
                              "see docs/guide/templates.md for the template format");
        }) {}

  Variable variable(const YAML::Node& n, std::set<std::string>& seen) const {
    keys(n, {"name", "type", "choices", "default", "prompt", "help"}, "a variable");
    Variable v;
    if (!n["name"]) fail(n, "a variable needs a name");
    v.name = scalar(n["name"], "name");
    if (!is_identifier(v.name)) fail(n["name"], fmt::format("variable name '{}' must be lowercase letters, digits and _", v.name));
    if (!seen.insert(v.name).second) fail(n["name"], fmt::format("variable '{}' is declared twice", v.name));
    std::string type = n["type"] ? scalar(n["type"], "type") : "string";
    auto parsed = parse_variable_type(type);
    if (!parsed) fail(n["type"], fmt::format("unknown type '{}' (expected slug, string, int, port, choice or bool)", type));
    v.type = *parsed;
    if (v.type == VariableType::choice) {
      if (!n["choices"]) fail(n, fmt::format("choice variable '{}' needs choices", v.name));
      v.choices = scalars(n["choices"], "choices");
      if (v.choices.empty()) fail(n["choices"], "choices must not be empty");
    } else if (n["choices"]) {
      fail(n["choices"], "only a choice variable has choices");
    }
    if (auto d = n["default"]) {
      CheckedValue checked = check_value(v, scalar(d, "default"));
      if (!checked.ok()) fail(d, "bad default: " + checked.error);
      v.default_value = checked.value;
    }
    v.prompt = n["prompt"] ? scalar(n["prompt"], "prompt") : v.name;
    if (n["help"]) v.help = scalar(n["help"], "help");
    return v;
  }

  static bool is_identifier(const std::string& s) {
    if (s.empty() || !(s[0] >= 'a' && s[0] <= 'z')) return false;
    for (char c : s)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
  }

  // Conditions test choice and bool variables against values they can take.
  Condition condition(const YAML::Node& n, const Manifest& m) const {
    if (!n.IsMap()) fail(n, "a condition must be a mapping like {db: postgres}");
    Condition out;
    for (const auto& kv : n) {
      std::string name = kv.first.Scalar();
      const Variable* v = m.find(name);
      if (!v) fail(kv.first, fmt::format("condition on unknown variable '{}' (variables: {})", name, join(m.variable_names())));
      if (v->type != VariableType::choice && v->type != VariableType::boolean)
        fail(kv.first, fmt::format("conditions test choice or bool variables; '{}' is {}", name, variable_type_name(v->type)));
      CheckedValue checked = check_value(*v, scalar(kv.second, "a condition value"));
      if (!checked.ok()) fail(kv.second, checked.error);
      out[name] = checked.value;
    }
    return out;
  }

  void conditional(const YAML::Node& n, const Manifest& m, Conditional& c) const {
    if (n["when"]) c.when = condition(n["when"], m);
    if (n["unless"]) c.unless = condition(n["unless"], m);
  }

  Manifest read(const YAML::Node& root, const std::string& folder) const {
    if (!root.IsMap()) fail(root, "template.yaml must be a mapping");
    keys(root, {"name", "version", "summary", "language", "variables", "files", "verbatim", "executable", "owns", "next_steps",
                "monorepo", "resource"},
         "template.yaml");
    Manifest m;
    for (const char* required : {"name", "version", "summary", "language", "variables"})
      if (!root[required]) fail(root, fmt::format("template.yaml needs '{}'", required));
    m.name = scalar(root["name"], "name");
    if (m.name != folder) fail(root["name"], fmt::format("name '{}' must equal the template's folder name '{}'", m.name, folder));
    try {
      m.version = root["version"].as<int>();
    } catch (const YAML::Exception&) {
      fail(root["version"], "version must be a whole number");
    }
    if (m.version < 1) fail(root["version"], "version must be 1 or more");
    m.summary = scalar(root["summary"], "summary");
    m.language = scalar(root["language"], "language");
    if (m.language != "typescript" && m.language != "python")
      fail(root["language"], "language must be typescript or python");
    read_variables(root["variables"], m);
    if (auto files = root["files"]) read_files(files, m);
    if (auto v = root["verbatim"]) m.verbatim = scalars(v, "verbatim");
    if (auto e = root["executable"]) m.executable = scalars(e, "executable");
    if (auto o = root["owns"]) read_owns(o, m);
    if (auto n = root["next_steps"]) m.next_steps = scalar(n, "next_steps");
    if (auto mono = root["monorepo"]) {
      keys(mono, {"ci_workflow", "compose"}, "monorepo");
      if (auto c = mono["ci_workflow"]) m.ci_workflow = scalar(c, "ci_workflow");
      if (auto c = mono["compose"]) m.compose = scalar(c, "compose");
    }
    if (auto r = root["resource"]) read_resource(r, m);
    return m;
  }

  void read_variables(const YAML::Node& n, Manifest& m) const {
    if (!n.IsSequence() || n.size() == 0) fail(n, "variables must be a non-empty list");
    std::set<std::string> seen;
    for (const auto& item : n) m.variables.push_back(variable(item, seen));
    const Variable& first = m.variables.front();
    if (first.name != "name" || first.type != VariableType::slug)
      fail(n[0], "the first variable must be `name` of type slug (the NAME argument of `svc new`)");
  }

  void read_files(const YAML::Node& n, Manifest& m) const {
    if (!n.IsSequence()) fail(n, "files must be a list");
    for (const auto& item : n) {
      keys(item, {"path", "when", "unless"}, "a files entry");
      if (!item["path"]) fail(item, "a files entry needs a path (a glob under files/)");
      FileRule rule;
      rule.glob = scalar(item["path"], "path");
      conditional(item, m, rule);
      m.files.push_back(std::move(rule));
    }
  }

  void read_resource(const YAML::Node& n, Manifest& m) const {
    if (!n.IsMap()) fail(n, "resource must be a mapping");
    keys(n, {"files", "migrations", "inserts", "json_append", "owns", "next_steps", "reserved", "reserved_fields",
             "max_name_length"},
         "resource");
    ResourceSpec& r = m.resource;
    r.present = true;
    if (auto f = n["files"]) {
      Manifest files_only = m;
      files_only.files.clear();
      read_files(f, files_only);
      r.files = files_only.files;
    }
    if (auto g = n["migrations"]) r.migrations = scalar(g, "migrations");
    if (auto list = n["inserts"]) {
      if (!list.IsSequence()) fail(list, "resource.inserts must be a list");
      for (const auto& item : list) {
        keys(item, {"path", "marker", "text", "when", "unless"}, "an insert");
        for (const char* k : {"path", "marker", "text"})
          if (!item[k]) fail(item, fmt::format("an insert needs {}", k));
        ResourceInsert i;
        i.path = scalar(item["path"], "path");
        i.marker = scalar(item["marker"], "marker");
        i.text = scalar(item["text"], "text");
        conditional(item, m, i);
        r.inserts.push_back(std::move(i));
      }
    }
    if (auto list = n["json_append"]) {
      if (!list.IsSequence()) fail(list, "resource.json_append must be a list");
      for (const auto& item : list) {
        keys(item, {"path", "array", "value", "when", "unless"}, "a json_append entry");
        for (const char* k : {"path", "array", "value"})
          if (!item[k]) fail(item, fmt::format("a json_append entry needs {}", k));
        ResourceJsonAppend a;
        a.path = scalar(item["path"], "path");
        a.array = scalar(item["array"], "array");
        a.value = scalar(item["value"], "value");
        conditional(item, m, a);
        r.json_appends.push_back(std::move(a));
      }
    }
    if (auto o = n["owns"]) {
      Manifest owns_only = m;
      owns_only.owns.clear();
      read_owns(o, owns_only);
      r.owns = owns_only.owns;
    }
    if (auto s = n["next_steps"]) r.next_steps = scalar(s, "next_steps");
    if (auto v = n["reserved"]) r.reserved = scalars(v, "reserved");
    if (auto v = n["reserved_fields"]) r.reserved_fields = scalars(v, "reserved_fields");
    if (auto v = n["max_name_length"]) {
      try {
        r.max_name_length = v.as<int>();
      } catch (const YAML::Exception&) {
        fail(v, "max_name_length must be a whole number");
      }
    }
  }

  void read_owns(const YAML::Node& n, Manifest& m) const {
    if (!n.IsSequence()) fail(n, "owns must be a list");
    for (const auto& item : n) {
      keys(item, {"table", "when", "unless"}, "an owns entry");
      if (!item["table"]) fail(item, "an owns entry needs a table");
      OwnedTable t;
      t.table = scalar(item["table"], "table");
      conditional(item, m, t);
      m.owns.push_back(std::move(t));
    }
  }

};

bool all_match(const Condition& c, const Answers& answers) {
  for (const auto& [name, value] : c) {
    auto it = answers.find(name);
    if (it == answers.end() || it->second != value) return false;
  }
  return true;
}

}  // namespace

const Variable* Manifest::find(const std::string& variable) const {
  for (const auto& v : variables)
    if (v.name == variable) return &v;
  return nullptr;
}

std::vector<std::string> Manifest::variable_names() const {
  std::vector<std::string> out;
  for (const auto& v : variables) out.push_back(v.name);
  return out;
}

Manifest parse_manifest(const std::string& text, const std::string& display_path, const std::string& folder_name) {
  if (engine::yaml_expands_beyond(text))
    throw ScaffoldError(
        fmt::format("{}:1:1: YAML aliases here expand to more than {} nodes", display_path, engine::kMaxYamlNodes));
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ScaffoldError(fmt::format("{}:{}:{}: {}", display_path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  return ManifestReader(display_path).read(root, folder_name);
}

bool condition_holds(const Conditional& c, const Answers& answers) {
  if (!all_match(c.when, answers)) return false;
  return c.unless.empty() || !all_match(c.unless, answers);
}

}  // namespace svc::scaffolds
