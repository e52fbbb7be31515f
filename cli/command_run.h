#pragma once
// What the commands that read a tree (`svc graph`, `svc review`) do the same way: turn the
// engine's errors into messages and exit codes, and write their result.
#include <functional>
#include <string>

#include "checks/core/rule_catalog.h"

namespace svc::cli {

// Runs `work`, mapping what it throws (interrupted, configuration, workspace and usage
// errors) to svc's messages and exit codes. Returns -1 when `work` returned normally.
// `folder_hint` completes "pass the folder to ...", e.g. "draw, e.g. `svc graph services`".
int run_reporting_errors(const std::string& command, const std::string& folder_hint, const std::function<void()>& work);

// The built-in rules and those of the repository at `dir` (its .svc.yaml's rules_dir, or
// .svc/rules); throws what the engine throws for a broken configuration or rule file.
engine::RuleCatalog load_catalog(const std::string& dir);

// Writes `text` to stdout, or atomically to `output` when set; returns the exit code.
int write_result(const std::string& output, const std::string& text);

}  // namespace svc::cli
