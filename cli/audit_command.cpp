#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <sstream>

#include <fmt/format.h>

#include "checks/engine/workspace.h"
#include "checks/report/reporter.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "cli/output_file.h"
#include "cli/terminal.h"

namespace svc::cli {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) { g_interrupted = true; }

std::vector<std::string> split_ids(const std::vector<std::string>& values) {
  std::vector<std::string> ids;
  for (const auto& v : values) {
    std::stringstream ss(v);
    for (std::string id; std::getline(ss, id, ',');)
      if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

// "\rsvc: auditing 120/4000 files" on stderr, only for runs slower than half a second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::milliseconds(500)) return;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock || now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    shown_ = true;
    std::cerr << fmt::format("\rsvc: auditing {}/{} files", done, total) << std::flush;
  }
  void clear() {
    if (shown_) std::cerr << "\r\x1b[K" << std::flush;
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_, last_{};
  std::mutex mutex_;
  bool shown_ = false;
};

bool fails(const engine::AuditResult& result, engine::Severity threshold) {
  for (const auto& f : result.findings)
    if (!f.suppressed && f.severity >= threshold) return true;
  return false;
}

}  // namespace

int run_audit_command(const std::vector<std::string>& args) {
  CLI::App app{"Lint a repository or monorepo for service playbook violations.", "svc audit"};
  std::string path = ".", format = "text", output, fail_on = "error", config, color = "auto";
  std::vector<std::string> only, disable;
  unsigned jobs = 0;
  bool no_progress = false, quiet = false;
  app.add_option("path", path, "Folder to audit (a git work tree or a plain folder)")->capture_default_str();
  app.add_option("--format", format, "Report format")
      ->check(CLI::IsMember(report::report_formats()))->capture_default_str();
  app.add_option("--output", output, "Write the report to FILE (atomically) instead of stdout");
  app.add_option("--fail-on", fail_on, "Lowest severity that makes the exit code 1")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))->capture_default_str();
  app.add_option("--config", config, "Configuration file (default: PATH/.svc.yaml when present)");
  app.add_option("--only", only, "Run only these rules (comma-separated ids)")->delimiter(',');
  app.add_option("--disable", disable, "Do not run these rules (comma-separated ids)")->delimiter(',');
  app.add_option("--jobs,-j", jobs, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
  app.add_option("--color", color, "Colour in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_flag("--no-progress", no_progress, "Never show the progress line");
  app.add_flag("--quiet,-q", quiet, "Only findings and errors: no summary, progress or notes");
  app.footer(
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,\n"
      "configuration or I/O error, 130 interrupted.\n\n"
      "Examples:\n"
      "  svc audit                          audit the current folder\n"
      "  svc audit services --format sarif --output svc.sarif\n"
      "  svc audit --only docker-root-user,health-endpoint-missing --fail-on warning\n\n"
      "Suppress a finding with a comment on its line or the line above:\n"
      "  # svc-ignore docker-root-user: the entrypoint drops privileges\n"
      "See `svc rules` for the catalog and `svc explain ID` for one rule.");
  if (int code = parse_arguments(app, "audit", args); code >= 0) return code;

  engine::AuditOptions options;
  options.root = path;
  options.config_path = config;
  options.only = split_ids(only);
  options.disable = split_ids(disable);
  options.jobs = jobs;
  options.cancel = &g_interrupted;
  Progress progress(!quiet && !no_progress && stderr_is_tty());
  options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  std::signal(SIGINT, on_sigint);

  engine::AuditResult result;
  try {
    result = engine::run_audit(options);
  } catch (const engine::Interrupted&) {
    progress.clear();
    std::cerr << "svc: interrupted\n";
    return kInterrupted;
  } catch (const engine::ConfigError& e) {
    progress.clear();
    return report_error(e.what(), "fix the configuration; `svc rules` lists the rule ids");
  } catch (const engine::WorkspaceError& e) {
    progress.clear();
    return report_error(e.what(), "pass the folder to audit, e.g. `svc audit services/orders`");
  } catch (const engine::UsageError& e) {
    progress.clear();
    return report_error(e.what(), "run 'svc audit --help' for usage");
  }
  progress.clear();
  if (!quiet) {
    for (const auto& p : result.problems) std::cerr << "svc: warning: " << p << '\n';
    if (format != "text" && result.skipped.total())
      std::cerr << fmt::format("svc: note: skipped {} files ({} binary, {} over 2 MiB, {} not UTF-8, {} unreadable)\n",
                               result.skipped.total(), result.skipped.binary, result.skipped.too_large,
                               result.skipped.not_utf8, result.skipped.unreadable);
  }

  report::ReportOptions ropts;
  ropts.color = output.empty() && want_color(color, stdout_is_tty());
  std::ostringstream buffer;
  report::reporter_for(format)(result, ropts, buffer);
  std::string text = buffer.str();
  if (quiet && format == "text") {
    // Drop the trailing summary paragraph; keep the findings.
    auto cut = text.rfind("\n\n");
    text = cut == std::string::npos ? (result.findings.empty() ? "" : text) : text.substr(0, cut + 1);
    if (report::count_findings(result).total() == 0) text.clear();
  }
  if (output.empty()) {
    std::cout << text << std::flush;
  } else if (std::string err; !write_file_atomically(output, text, err)) {
    return report_error(fmt::format("cannot write {}: {}", output, err));
  }

  if (fail_on == "never") return kSuccess;
  auto threshold = *engine::parse_severity(fail_on);
  return fails(result, threshold) ? kFindings : kSuccess;
}

}  // namespace svc::cli
