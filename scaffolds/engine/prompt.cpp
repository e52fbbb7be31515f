#include "scaffolds/engine/prompt.h"

#include <fmt/format.h>

#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

std::string trimmed(const std::string& s) {
  std::size_t begin = s.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  std::size_t end = s.find_last_not_of(" \t\r");
  return s.substr(begin, end - begin + 1);
}

std::string question_for(const Variable& v) {
  std::string q = v.prompt;
  if (v.type == VariableType::choice) q += fmt::format(" ({})", join(v.choices, "/"));
  if (v.type == VariableType::boolean) q += " (yes/no)";
  if (v.default_value) q += fmt::format(" [{}]", *v.default_value);
  return q + ": ";
}

}  // namespace

std::optional<std::string> Prompter::read_line(const std::string& question) {
  out_ << question << std::flush;
  std::string line;
  if (!std::getline(in_, line)) {
    out_ << '\n';
    return std::nullopt;
  }
  return trimmed(line);
}

std::string Prompter::ask(const Variable& v) {
  if (!v.help.empty()) out_ << "  " << v.help << '\n';
  for (;;) {
    auto line = read_line(question_for(v));
    if (!line) throw ScaffoldError(fmt::format("no answer for {}: the input ended", v.name),
                                   "pass every answer as a flag, or with --answers FILE");
    if (line->empty() && v.default_value) return *v.default_value;
    CheckedValue checked = check_value(v, *line);
    if (checked.ok()) return checked.value;
    out_ << "  " << checked.error << '\n';
  }
}

std::string Prompter::choose(const std::string& question, const std::vector<std::string>& options,
                             const std::vector<std::string>& descriptions) {
  for (std::size_t i = 0; i < options.size(); ++i)
    out_ << fmt::format("  {}. {:<8} {}\n", i + 1, options[i], i < descriptions.size() ? descriptions[i] : "");
  for (;;) {
    auto line = read_line(fmt::format("{} ({}): ", question, join(options, "/")));
    if (!line) throw ScaffoldError("no answer for the template: the input ended", "pass --template NAME");
    for (std::size_t i = 0; i < options.size(); ++i)
      if (*line == options[i] || *line == std::to_string(i + 1)) return options[i];
    out_ << fmt::format("  '{}' is not one of: {}\n", *line, join(options));
  }
}

}  // namespace svc::scaffolds
