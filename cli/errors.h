#pragma once
#include <string>

#include <CLI/CLI.hpp>

namespace svc::cli {

// Prints `svc: error: <what>` and, when given, a `hint:` line; returns exit code 2.
int report_error(const std::string& what, const std::string& hint = "");

// The hint under an error in one of the repository's own rule files.
inline constexpr const char* kRuleFileHint =
    "fix the rule file (its fields: docs/guide/custom-rules.md); `svc test` runs its fixtures";

// Parses a subcommand's arguments with CLI11. Returns -1 when parsing succeeded and
// the command should run, otherwise the exit code (0 after --help, 2 on a mistake,
// with "did you mean" for a mistyped option).
int parse_arguments(CLI::App& app, const std::string& command, std::vector<std::string> args);

}  // namespace svc::cli
