#pragma once
#include <string>
#include <vector>

namespace svc::cli {

// Each subcommand parses its own arguments (everything after its name) and returns
// the process exit code. Errors are printed by the subcommand as `svc: error: ...`.
int run_audit_command(const std::vector<std::string>& args);
int run_rules_command(const std::vector<std::string>& args);
int run_explain_command(const std::vector<std::string>& args);
int run_graph_command(const std::vector<std::string>& args);
int run_new_command(const std::vector<std::string>& args);
int run_review_command(const std::vector<std::string>& args);
int run_upgrade_command(const std::vector<std::string>& args);
int run_add_command(const std::vector<std::string>& args);
int run_test_command(const std::vector<std::string>& args);

struct Subcommand {
  const char* name;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};
const std::vector<Subcommand>& subcommands();

}  // namespace svc::cli
