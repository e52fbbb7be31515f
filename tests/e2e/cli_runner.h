// Runs the built `svc` (or any program) as a child process, the way a user or CI
// would, and captures what it prints.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svc::e2e {

struct RunOptions {
  std::filesystem::path cwd;  // empty: the test's own working directory
  // Changes to the inherited environment; nullopt removes the variable.
  std::map<std::string, std::optional<std::string>> env;
  bool stdout_tty = false;  // connect stdout to a pseudo-terminal instead of a pipe
  // Programs put before the svc binary, e.g. {"setpriv", "--reuid=65534", ...}.
  std::vector<std::string> wrapper;
};

struct RunResult {
  int exit_code = -1;  // 128 + signal when the child was killed
  std::string out, err;
};

// argv[0] is looked up in PATH when it has no slash. No shell is involved.
RunResult run_program(const std::vector<std::string>& argv, const RunOptions& options = {});
// Runs SVC_BINARY with `args` (after options.wrapper, if any).
RunResult run_svc(const std::vector<std::string>& args, const RunOptions& options = {});

bool has_ansi_escape(const std::string& text);

// What a run printed, a line each (without the newlines).
std::vector<std::string> lines_of(const std::string& text);

// Keeps the user's global git configuration (a global excludes file, say) out of a
// run in `dir`, so only the repository's own settings count.
RunOptions hermetic(const std::filesystem::path& dir);

}  // namespace svc::e2e
