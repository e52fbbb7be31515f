// `svc review`: the architecture review before a split, from one facts-only audit run
// and the repository's history.
#include <atomic>
#include <csignal>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "checks/engine/runner.h"
#include "checks/history/history.h"
#include "checks/review/review.h"
#include "checks/workspace/workspace.h"
#include "cli/command_run.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"

namespace svc::cli {
namespace {

std::atomic<std::size_t> g_interrupted{0};
extern "C" void on_review_sigint(int) { g_interrupted = 1; }

const char* const kReviewFooter =
    "Exit codes: 0 the review was written, 2 usage, configuration or I/O error,\n"
    "130 interrupted. Findings of `svc audit` never change the exit code here.\n\n"
    "What it reports (docs/guide/review.md explains each part and threshold):\n"
    "  the system       services, Next.js apps with their route handlers, Server Actions\n"
    "                   and tRPC procedures, databases, tables, queues, calls\n"
    "  split criteria   public-api, long-running-work, background-jobs, language-needs,\n"
    "                   complex-architecture, team: each split, stay or unclear, with evidence\n"
    "  coupling         data (shared tables and databases), code (imports, cycles),\n"
    "                   change (modules changed by the same commits), team (authors, CODEOWNERS)\n"
    "  candidates       the --candidate folders, else domains svc proposes: tables that would\n"
    "                   move, blockers with path:line, framework, steps, the `svc new` command\n\n"
    "Formats:\n"
    "  text      a one-screen summary (the default)\n"
    "  markdown  the review document, with a Mermaid diagram GitHub draws\n"
    "  json      version 1, stable for other tools\n\n"
    "History is read with libgit2 from HEAD. A shallow clone has too little of it: the\n"
    "review says so and leaves out change and team coupling (`git fetch --unshallow`).\n\n"
    "Examples:\n"
    "  svc review                                    summary of the current repository\n"
    "  svc review --format markdown --output docs/adr/0007-billing-review.md\n"
    "  svc review --candidate apps/web/lib/billing   weigh one folder\n"
    "  svc review --candidate 'apps/web/**/billing/**' --history-days 180";

engine::AuditOptions review_audit(const std::string& path, const std::string& config) {
  engine::AuditOptions options;
  options.root = path;
  options.config_path = config;
  options.collect_facts = {"routes", "tables", "links", "next", "signals", "imports"};
  options.local_rules = false;  // nor the repository's own rules
  options.disable = engine::RuleCatalog::builtin().ids();  // facts only: the review judges for itself
  options.cancel = &g_interrupted;
  return options;
}

}  // namespace

int run_review_command(const std::vector<std::string>& args) {
  CLI::App app{"Review a repository before splitting a service out: criteria, coupling and candidates.",
               "svc review"};
  std::string path = ".", format = "text", output, config;
  review::ReviewOptions options;
  app.add_option("path", path, "Folder to review (a git work tree, or a folder inside one)")->capture_default_str();
  app.add_option("--candidate", options.candidates,
                 "A folder or glob to weigh as a new service (repeatable); relative to PATH");
  app.add_option("--history-days", options.history_days, "Read this many days of history before HEAD; 0 for all")
      ->check(CLI::NonNegativeNumber)->capture_default_str();
  app.add_option("--max-commit-files", options.max_commit_files,
                 "Leave out commits changing more files than this (renames, formatting, bumps)")
      ->check(CLI::PositiveNumber)->capture_default_str();
  app.add_option("--min-coupling", options.thresholds.min_degree,
                 "Report change coupling from this degree (shared commits / mean revisions), 0..1")
      ->check(CLI::Range(0.0, 1.0))->capture_default_str();
  app.add_option("--format", format, "Output format")->check(CLI::IsMember(review::review_formats()))
      ->capture_default_str();
  app.add_option("--output", output, "Write the review to FILE (atomically) instead of stdout");
  app.add_option("--config", config, "Configuration file (default: PATH/.svc.yaml when present)");
  app.footer(kReviewFooter);
  if (int code = parse_arguments(app, "review", args); code >= 0) return code;
  for (const auto& c : options.candidates)
    if (c.empty() || c[0] == '/' || c.find("..") != std::string::npos)
      return report_error(fmt::format("--candidate '{}' must be a folder or glob inside {}", c, path),
                          "give it relative to the reviewed folder, e.g. --candidate apps/web/lib/billing");

  std::signal(SIGINT, on_review_sigint);
  engine::AuditResult result;
  history::History history;
  int code = run_reporting_errors("review", "review, e.g. `svc review .`", [&] {
    result = engine::run_audit(review_audit(path, config));
    history::HistoryOptions h;
    h.root = path;
    h.days = options.history_days;
    h.max_files_per_commit = options.max_commit_files;
    h.cancel = &g_interrupted;
    // libgit2 shares one pack and its locks between handles: a second thread only waits
    // (docs/performance.md).
    h.jobs = 1;
    history = history::read_history(h);
  });
  if (code >= 0) return code;
  for (const auto& p : result.problems) std::cerr << "svc: warning: " << p << '\n';

  std::ostringstream buffer;
  review::review_writer_for(format)(review::build_review(result, history, options), buffer);
  return write_result(output, buffer.str());
}

}  // namespace svc::cli
