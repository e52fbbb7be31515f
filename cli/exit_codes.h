#pragma once

namespace svc::cli {

// The exit codes every subcommand uses (documented in `svc help`).
enum ExitCode : int {
  kSuccess = 0,      // nothing at or above --fail-on
  kFindings = 1,     // findings at or above --fail-on
  kError = 2,        // usage, configuration or I/O error; outranks findings
  kInterrupted = 130,
};

}  // namespace svc::cli
