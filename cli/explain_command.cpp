#include <iostream>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "cli/command_run.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "cli/suggest.h"

namespace svc::cli {

int run_explain_command(const std::vector<std::string>& args) {
  CLI::App app{"Print a rule's documentation: what it flags, why, bad and good examples, how to\n"
               "fix and how to suppress.", "svc explain"};
  std::string id, dir = ".";
  app.add_option("rule", id, "Rule id, as listed by `svc rules` (local/<id> for the repository's own)")->required();
  app.add_option("dir", dir, "The repository whose own rules (.svc/rules) to look in")->capture_default_str();
  if (int code = parse_arguments(app, "explain", args); code >= 0) return code;

  // A built-in rule's page does not depend on the repository (nor on its rule files' health).
  engine::RuleCatalog catalog = engine::RuleCatalog::builtin();
  if (id.rfind("local/", 0) == 0) {
    int code = run_reporting_errors("explain", "look in, e.g. `svc explain local/no-axios services`",
                                    [&] { catalog = load_catalog(dir); });
    if (code >= 0) return code;
  }
  const engine::RuleInfo* rule = catalog.find(id);
  if (!rule) {
    auto guess = closest_match(id, catalog.ids());
    return report_error(fmt::format("unknown rule '{}'", id),
                        guess ? fmt::format("did you mean '{}'?", *guess) : "run 'svc rules' for the catalog");
  }
  std::cout << rule->doc;
  if (!rule->doc.empty() && rule->doc.back() != '\n') std::cout << '\n';
  if (rule->local())
    std::cout << fmt::format("\nDefault severity: {}. Defined in {}{}\n", engine::to_string(rule->severity),
                             rule->source, rule->help_uri.empty() ? "" : ". More: " + rule->help_uri);
  else
    std::cout << fmt::format("\nDefault severity: {}. Online: {}\n", engine::to_string(rule->severity), rule->help_uri);
  return kSuccess;
}

}  // namespace svc::cli
