#include "scaffolds/engine/template_list.h"

#include <fmt/format.h>

#include "scaffolds/engine/answers.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/template_source.h"

namespace svc::scaffolds {
namespace {

std::string values_of(const Variable& v) {
  std::string values = v.type == VariableType::choice ? join(v.choices, "|") : variable_type_name(v.type);
  if (v.default_value) values += fmt::format(" (default {})", *v.default_value);
  return values;
}

}  // namespace

std::string describe_template(const Manifest& m) {
  std::string out = fmt::format("{}  {} [{}, version {}]\n", m.name, m.summary, m.language, m.version);
  for (const auto& v : m.variables) {
    std::string flag = v.name == "name" ? "NAME" : flag_for(v.name);
    if (flag.rfind("--set ", 0) == 0) flag = fmt::format("--set {}=", v.name);
    out += fmt::format("  {:<18} {:<34} {}\n", flag, values_of(v), v.prompt);
  }
  return out;
}

std::string describe_embedded_templates() {
  std::string out;
  for (const auto& name : embedded_template_names()) {
    auto source = embedded_template(name);
    if (!out.empty()) out += '\n';
    try {
      out += describe_template(parse_manifest(source->manifest_text, source->manifest_path, name));
    } catch (const ScaffoldError& e) {
      out += fmt::format("{}  (broken template: {})\n", name, e.what());
    }
  }
  return out;
}

}  // namespace svc::scaffolds
