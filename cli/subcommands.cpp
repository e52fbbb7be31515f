#include "cli/commands.h"

namespace svc::cli {

const std::vector<Subcommand>& subcommands() {
  static const std::vector<Subcommand> table = {
      {"audit", "lint a repository for service playbook violations", &run_audit_command},
      {"rules", "list the rule catalog", &run_rules_command},
      {"explain", "print one rule's documentation", &run_explain_command},
      {"test", "run the fixtures of a repository's own rules (or the built-in ones)", &run_test_command},
      {"new", "scaffold a service from a built-in template", &run_new_command},
      {"add", "add a resource (routes, table, migration, tests) to a generated service", &run_add_command},
      {"upgrade", "bring a generated service to a newer template version, keeping edits", &run_upgrade_command},
      {"graph", "draw services, databases, tables, queues and calls", &run_graph_command},
      {"review", "weigh splitting a service out: criteria, coupling, candidates", &run_review_command},
  };
  return table;
}

}  // namespace svc::cli
