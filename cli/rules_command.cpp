#include <iostream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/core/rule_catalog.h"
#include "cli/command_run.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"

namespace svc::cli {

int run_rules_command(const std::vector<std::string>& args) {
  CLI::App app{"List the rule catalog: id, default severity and what each rule flags.", "svc rules"};
  std::string format = "text", dir = ".";
  app.add_option("dir", dir, "The repository whose own rules (.svc/rules) to list too")->capture_default_str();
  app.add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  app.footer("Rule ids are stable: use them in --only, --disable, .svc.yaml and svc-ignore comments.\n"
             "A repository's own rules (.svc/rules/*.yaml) are listed after the built-in ones, as local/<id>.\n"
             "`svc explain ID` prints a rule's full page.");
  if (int code = parse_arguments(app, "rules", args); code >= 0) return code;

  engine::RuleCatalog catalog;
  if (int code = run_reporting_errors("rules", "list, e.g. `svc rules services/orders`", [&] { catalog = load_catalog(dir); });
      code >= 0)
    return code;
  const auto& rules = catalog.rules();
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rules) {
      nlohmann::json entry = {{"id", r.id}, {"name", r.name}, {"severity", engine::to_string(r.severity)},
                              {"summary", r.summary}, {"description", r.description}, {"help_uri", r.help_uri}};
      if (r.local()) entry["source"] = r.source;
      out.push_back(std::move(entry));
    }
    std::cout << out.dump(2) << '\n';
    return kSuccess;
  }
  std::size_t width = 0;
  for (const auto& r : rules) width = std::max(width, r.id.size());
  for (const auto& r : rules)
    std::cout << fmt::format("{:<{}}  {:<7}  {}\n", r.id, width, engine::to_string(r.severity), r.summary);
  return kSuccess;
}

}  // namespace svc::cli
