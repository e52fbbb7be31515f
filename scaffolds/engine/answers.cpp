#include "common/input_file.h"
#include "common/yaml_guard.h"
#include "scaffolds/engine/answers.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

std::string variables_hint(const Manifest& m) {
  return fmt::format("template {} has the variables: {} (see `svc new --list`)", m.name, join(m.variable_names()));
}

[[noreturn]] void fail_at(const std::string& path, const YAML::Mark& mark, const std::string& message,
                          const std::string& hint = "") {
  throw ScaffoldError(fmt::format("{}:{}:{}: {}", path, mark.line + 1, mark.column + 1, message), hint);
}

YAML::Node read_yaml(const std::string& path) {
  engine::InputFile in = engine::read_input_file(path);
  if (!in.ok())
    throw ScaffoldError(fmt::format("cannot read the answers file {}: {}", path, in.error),
                        "check the path given to --answers");
  std::stringstream buffer;
  buffer << in.text;
  if (engine::yaml_expands_beyond(buffer.str()))
    throw ScaffoldError(fmt::format("{}:1:1: YAML aliases here expand to more than {} nodes", path, engine::kMaxYamlNodes));
  try {
    return YAML::Load(buffer.str());
  } catch (const YAML::Exception& e) {
    fail_at(path, e.mark, e.msg);
  }
}

}  // namespace

const std::vector<std::string>& fixed_flag_variables() {
  static const std::vector<std::string> names = {"port", "db", "queue", "auth"};
  return names;
}

std::string flag_for(const std::string& variable) {
  if (variable == "name") return "NAME";
  const auto& fixed = fixed_flag_variables();
  if (std::find(fixed.begin(), fixed.end(), variable) != fixed.end()) return "--" + variable;
  return fmt::format("--set {}=VALUE", variable);
}

Answers check_flags(const Manifest& m, const std::map<std::string, std::string>& flags) {
  Answers out;
  for (const auto& [name, raw] : flags) {
    std::string flag = flag_for(name);
    if (flag.rfind("--set ", 0) == 0) flag = "--set " + name;
    const Variable* v = m.find(name);
    if (!v) throw ScaffoldError(fmt::format("{}: template {} has no variable '{}'", flag, m.name, name), variables_hint(m));
    CheckedValue checked = check_value(*v, raw);
    if (!checked.ok()) throw ScaffoldError(fmt::format("{}: {}", flag, checked.error), "fix the value and run again");
    out[name] = checked.value;
  }
  return out;
}

Answers load_answers_file(const Manifest& m, const std::string& path) {
  YAML::Node root = read_yaml(path);
  Answers out;
  if (root.IsNull()) return out;
  if (!root.IsMap()) fail_at(path, root.Mark(), "the answers file must be a mapping of variable: value");
  for (const auto& kv : root) {
    std::string name = kv.first.Scalar();
    const Variable* v = m.find(name);
    if (!v) fail_at(path, kv.first.Mark(), fmt::format("unknown variable '{}'", name), variables_hint(m));
    if (!kv.second.IsScalar()) fail_at(path, kv.second.Mark(), fmt::format("{} must be a single value", name));
    CheckedValue checked = check_value(*v, kv.second.Scalar());
    if (!checked.ok()) fail_at(path, kv.second.Mark(), fmt::format("bad value for {}: {}", name, checked.error));
    out[name] = checked.value;
  }
  return out;
}

Answers resolve_answers(const Manifest& m, const AnswerInputs& inputs) {
  Answers from_flags = check_flags(m, inputs.flags);
  Answers from_file = inputs.answers_file.empty() ? Answers{} : load_answers_file(m, inputs.answers_file);
  Answers out;
  for (const auto& v : m.variables) {
    if (auto it = from_flags.find(v.name); it != from_flags.end()) {
      out[v.name] = it->second;
    } else if (auto f = from_file.find(v.name); f != from_file.end()) {
      out[v.name] = f->second;
    } else if (inputs.prompter) {
      out[v.name] = inputs.prompter->ask(v);
    } else if (v.default_value) {
      out[v.name] = *v.default_value;
    } else if (v.name == "name") {
      throw ScaffoldError("missing the service name",
                          fmt::format("pass it as NAME: svc new NAME --template {}", m.name));
    } else {
      throw ScaffoldError(fmt::format("no value for {} and no terminal to ask", v.name),
                          fmt::format("pass {} or put {} in --answers FILE", flag_for(v.name), v.name));
    }
  }
  return out;
}

}  // namespace svc::scaffolds
