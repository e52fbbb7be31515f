#include <iostream>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "cli/suggest.h"

namespace svc::cli {

int run_explain_command(const std::vector<std::string>& args) {
  CLI::App app{"Print a rule's documentation: what it flags, why, bad and good examples, how to\n"
               "fix and how to suppress.", "svc explain"};
  std::string id;
  app.add_option("rule", id, "Rule id, as listed by `svc rules`")->required();
  if (int code = parse_arguments(app, "explain", args); code >= 0) return code;

  const auto& catalog = engine::RuleCatalog::builtin();
  const engine::RuleInfo* rule = catalog.find(id);
  if (!rule) {
    auto guess = closest_match(id, catalog.ids());
    return report_error(fmt::format("unknown rule '{}'", id),
                        guess ? fmt::format("did you mean '{}'?", *guess) : "run 'svc rules' for the catalog");
  }
  std::cout << rule->doc;
  if (!rule->doc.empty() && rule->doc.back() != '\n') std::cout << '\n';
  std::cout << fmt::format("\nDefault severity: {}. Online: {}\n", engine::to_string(rule->severity), rule->help_uri);
  return kSuccess;
}

}  // namespace svc::cli
