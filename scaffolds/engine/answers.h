#pragma once
// Resolving every variable of a template: flags, then an answers file, then a prompt
// (only on a terminal), then the default. Each answer is checked where it is given.
#include <map>
#include <string>
#include <vector>

#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/prompt.h"

namespace svc::scaffolds {

struct AnswerInputs {
  std::map<std::string, std::string> flags;  // variable -> raw text (NAME, --db ..., --set VAR=VALUE)
  std::string answers_file;                  // "" when none
  Prompter* prompter = nullptr;              // null without a terminal, or with --yes
};

// The variables `svc new` has a flag of the same name for (`--db` sets `db`).
const std::vector<std::string>& fixed_flag_variables();
// How a user sets `variable` on the command line: "NAME", "--port", "--set VAR=VALUE".
std::string flag_for(const std::string& variable);

// Throws ScaffoldError naming the flag for an unknown variable or a bad value.
Answers check_flags(const Manifest& manifest, const std::map<std::string, std::string>& flags);
// YAML map of variable -> value; throws ScaffoldError "file:line:column: reason".
Answers load_answers_file(const Manifest& manifest, const std::string& path);
// Every variable answered, in precedence order; throws ScaffoldError for one that has
// no answer and no default when nobody can be asked, naming the flag that supplies it.
Answers resolve_answers(const Manifest& manifest, const AnswerInputs& inputs);

}  // namespace svc::scaffolds
