#include "cli/command_run.h"

#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "checks/core/errors.h"
#include "checks/local_rules/repository_rules.h"
#include "checks/workspace/config.h"
#include "checks/workspace/workspace.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "common/output_file.h"

namespace svc::cli {

int run_reporting_errors(const std::string& command, const std::string& folder_hint, const std::function<void()>& work) {
  try {
    work();
  } catch (const engine::Interrupted&) {
    std::cerr << "svc: interrupted\n";
    return kInterrupted;
  } catch (const engine::RuleFileError& e) {
    return report_error(e.what(), kRuleFileHint);
  } catch (const engine::ConfigError& e) {
    return report_error(e.what(), "fix the configuration; `svc audit` reports the same error");
  } catch (const engine::WorkspaceError& e) {
    return report_error(e.what(), "pass the folder to " + folder_hint);
  } catch (const engine::UsageError& e) {
    return report_error(e.what(), fmt::format("run 'svc {} --help' for usage", command));
  }
  return -1;
}

int write_result(const std::string& output, const std::string& text) {
  if (output.empty()) {
    std::cout << text << std::flush;
  } else if (std::string err; !write_output_file(output, text, err)) {
    return report_error(fmt::format("cannot write {}: {}", output, err));
  }
  return kSuccess;
}

engine::RuleCatalog load_catalog(const std::string& dir) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) throw engine::WorkspaceError("no such directory: " + dir);
  return engine::load_repository_setup(dir, "").catalog;
}

}  // namespace svc::cli
