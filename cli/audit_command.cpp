#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "checks/filters/baseline.h"
#include "checks/workspace/workspace.h"
#include "checks/report/reporter.h"
#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "common/output_file.h"
#include "cli/terminal.h"

namespace svc::cli {
namespace {

std::atomic<std::size_t> g_interrupted{0};
extern "C" void on_sigint(int) { g_interrupted = 1; }

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

struct AuditArgs {
  std::string path = ".", format = "text", output, fail_on = "error", config, color = "auto";
  std::vector<std::string> only, disable;
  unsigned jobs = 0;
  bool no_progress = false, quiet = false;
  std::string since, baseline, write_baseline;
  bool update_baseline = false;
  std::string cache_dir;
  bool no_cache = false;
};

// $XDG_CACHE_HOME/svc, else ~/.cache/svc; "" when neither is set (no cache).
std::string default_cache_dir() {
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/')
    return (std::filesystem::path(xdg) / "svc").string();
  if (const char* home = std::getenv("HOME"); home && *home)
    return (std::filesystem::path(home) / ".cache" / "svc").string();
  return "";
}

void add_options(CLI::App& app, AuditArgs& a) {
  app.add_option("path", a.path, "Folder to audit (a git work tree or a plain folder)")->capture_default_str();
  app.add_option("--format", a.format, "Report format")
      ->check(CLI::IsMember(report::report_formats()))->capture_default_str();
  app.add_option("--output", a.output, "Write the report to FILE (atomically) instead of stdout");
  app.add_option("--fail-on", a.fail_on, "Lowest severity that makes the exit code 1 (a rule's `fail:` in "
                 ".svc.yaml overrides it)")
      ->check(CLI::IsMember({"error", "warning", "info", "never"}))->capture_default_str();
  app.add_option("--config", a.config, "Configuration file (default: PATH/.svc.yaml when present)");
  app.add_option("--only", a.only, "Run only these rules (comma-separated ids)")->delimiter(',');
  app.add_option("--disable", a.disable, "Do not run these rules (comma-separated ids)")->delimiter(',');
  app.add_option("--since", a.since, "Only report findings on lines changed since the merge-base of REF and "
                 "HEAD (e.g. origin/main)")->type_name("REF");
  app.add_option("--baseline", a.baseline, "Hide the findings recorded in FILE; report and fail on new ones only")
      ->type_name("FILE");
  app.add_option("--write-baseline", a.write_baseline, "Record the current (unsuppressed) findings in FILE and exit 0 "
                 "(no report)")->type_name("FILE");
  app.add_flag("--update-baseline", a.update_baseline, "With --baseline: drop its fixed entries from the file "
               "(never adds new ones)");
  app.add_option("--cache-dir", a.cache_dir, "Keep per-file results here between runs (default: "
                 "$XDG_CACHE_HOME/svc, else ~/.cache/svc)")->type_name("DIR");
  app.add_flag("--no-cache", a.no_cache, "Neither read nor write the result cache: every file is read and parsed");
  app.add_option("--jobs,-j", a.jobs, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
  app.add_option("--color", a.color, "Colour in the text report")
      ->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_flag("--no-progress", a.no_progress, "Never show the progress line");
  app.add_flag("--quiet,-q", a.quiet, "Only findings and errors: no summary, progress or notes");
  app.footer(
      "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,\n"
      "configuration or I/O error, 130 interrupted. Findings hidden by --baseline never count.\n\n"
      "Examples:\n"
      "  svc audit                          audit the current folder\n"
      "  svc audit services --format sarif --output svc.sarif\n"
      "  svc audit --only docker-root-user,health-endpoint-missing --fail-on warning\n"
      "  svc audit --since origin/main      only what this branch changed\n\n"
      "Unchanged files are not parsed again: their results are kept in the cache folder, keyed\n"
      "by content, svc build, configuration and rules. In CI, keep that folder between jobs\n"
      "(docs/guide/ci.md); --no-cache runs everything from scratch.\n\n"
      "Adopt svc on an existing repository with a baseline:\n"
      "  svc audit --write-baseline svc-baseline.json     record today's findings, commit the file\n"
      "  svc audit --baseline svc-baseline.json           in CI: fail on new findings only\n"
      "  svc audit --baseline svc-baseline.json --update-baseline   drop entries you fixed\n\n"
      "Suppress a finding with a comment on its line or the line above:\n"
      "  # svc-ignore docker-root-user: the entrypoint drops privileges\n"
      "See `svc rules` for the catalog and `svc explain ID` for one rule.\n\n"
      "The repository's own rules (PATH/.svc/rules/*.yaml, or .svc.yaml's rules_dir) run too, as\n"
      "local/<id>; `svc test` runs their fixtures (docs/guide/custom-rules.md).");
}

// A report or baseline written over a file the run reads (the configuration, the
// baseline it compares against) would destroy it: exit 2 before any work.
int check_output_paths(const AuditArgs& a) {
  namespace fs = std::filesystem;
  auto same = [](const std::string& x, const std::string& y) {
    std::error_code ec;
    return !x.empty() && !y.empty() && fs::equivalent(x, y, ec);
  };
  std::string config = a.config.empty() ? (fs::path(a.path) / ".svc.yaml").string() : a.config;
  for (const auto& [flag, path] : {std::pair<const char*, const std::string&>{"--output", a.output},
                                   {"--write-baseline", a.write_baseline}}) {
    if (same(path, config))
      return report_error(fmt::format("{} {} would overwrite the configuration it reads", flag, path),
                          "write the report somewhere else");
    if (same(path, a.baseline) && !(flag == std::string("--write-baseline")))
      return report_error(fmt::format("{} {} would overwrite the baseline it compares against", flag, path),
                          "write the report somewhere else; --update-baseline rewrites the baseline");
  }
  return -1;
}

// Baseline options that contradict each other or --since: exit 2 before any work.
int check_baseline_options(const AuditArgs& a) {
  if (a.update_baseline && a.baseline.empty())
    return report_error("--update-baseline needs --baseline FILE (the file to update)",
                        "svc audit --baseline svc-baseline.json --update-baseline");
  if (!a.write_baseline.empty() && a.update_baseline)
    return report_error("--write-baseline and --update-baseline do not go together",
                        "--write-baseline records every current finding; --update-baseline only drops fixed ones");
  if (!a.since.empty() && (!a.write_baseline.empty() || a.update_baseline))
    return report_error(fmt::format("{} cannot be combined with --since", a.update_baseline ? "--update-baseline"
                                                                                            : "--write-baseline"),
                        "a baseline records the whole repository; run it without --since");
  return -1;
}

// The engine run, with its errors turned into exit codes (returned in `code`). The
// baseline hides findings unless they are being recorded (--write-baseline).
std::optional<engine::AuditResult> run_engine(const AuditArgs& a, const engine::Baseline& baseline, int& code) {
  engine::AuditOptions options;
  if (!a.baseline.empty() && a.write_baseline.empty()) {
    options.baseline = baseline;
    options.baseline_file = a.baseline;
  }
  options.root = a.path;
  options.config_path = a.config;
  options.only = split_ids(a.only);
  options.disable = split_ids(a.disable);
  options.jobs = a.jobs;
  options.since = a.since;
  if (!a.no_cache) options.cache_dir = a.cache_dir.empty() ? default_cache_dir() : a.cache_dir;
  options.cancel = &g_interrupted;
  Progress progress(!a.quiet && !a.no_progress && stderr_is_tty());
  options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  std::signal(SIGINT, on_sigint);
  try {
    auto result = engine::run_audit(options);
    progress.clear();
    return result;
  } catch (const engine::Interrupted&) {
    progress.clear();
    std::cerr << "svc: interrupted\n";
    code = kInterrupted;
  } catch (const engine::RuleFileError& e) {
    progress.clear();
    code = report_error(e.what(), kRuleFileHint);
  } catch (const engine::ConfigError& e) {
    progress.clear();
    code = report_error(e.what(), "fix the configuration; `svc rules` lists the rule ids");
  } catch (const engine::WorkspaceError& e) {
    progress.clear();
    code = report_error(e.what(), "pass the folder to audit, e.g. `svc audit services/orders`");
  } catch (const engine::UsageError& e) {
    progress.clear();
    code = report_error(e.what(), "run 'svc audit --help' for usage");
  }
  return std::nullopt;
}

void print_notes(const AuditArgs& a, const engine::AuditResult& result) {
  if (a.quiet) return;
  for (const auto& p : result.problems) std::cerr << "svc: warning: " << p << '\n';
  if (a.format != "text" && result.skipped.total())
    std::cerr << fmt::format("svc: note: skipped {} files ({})\n", result.skipped.total(), result.skipped.breakdown());
  if (result.cache && !result.cache->ignored.empty())
    std::cerr << fmt::format("svc: note: the result cache in {} was {} and is rebuilt\n", result.cache->dir,
                             result.cache->ignored);
  if (result.cache && !result.cache->problem.empty())
    std::cerr << fmt::format("svc: warning: result cache not saved: {} (--cache-dir DIR to move it, --no-cache "
                             "to go without)\n", result.cache->problem);
}

int write_baseline_file(const std::string& path, const engine::Baseline& baseline) {
  if (std::string err; !write_output_file(path, engine::render_baseline(baseline), err))
    return report_error(fmt::format("cannot write baseline {}: {}", path, err));
  return -1;
}

// `--write-baseline`: records the unsuppressed findings and says what it recorded.
int record_baseline(const AuditArgs& a, const engine::AuditResult& result) {
  auto baseline = engine::baseline_from_findings(result.findings);
  if (int code = write_baseline_file(a.write_baseline, baseline); code >= 0) return code;
  if (a.quiet) return kSuccess;
  std::map<std::string, std::size_t> by_rule;
  for (const auto& e : baseline.entries) ++by_rule[e.rule];
  std::cout << fmt::format("wrote {} finding{} to {}\n", baseline.entries.size(),
                           baseline.entries.size() == 1 ? "" : "s", a.write_baseline);
  for (const auto& [rule, n] : by_rule) std::cout << fmt::format("{:>7}  {}\n", n, rule);
  std::cout << fmt::format("commit it, then run `svc audit --baseline {}`: only new findings are reported\n",
                           a.write_baseline);
  return kSuccess;
}

// `--update-baseline`: rewrites the file without the entries the audit found fixed.
int update_baseline(const AuditArgs& a, const engine::Baseline& baseline, engine::AuditResult& result) {
  const auto& match = result.baseline_match;
  if (!a.update_baseline || match.fixed.empty()) return -1;
  auto kept = engine::without_fixed(baseline, match);
  if (int code = write_baseline_file(a.baseline, kept); code >= 0) return code;
  if (!a.quiet)
    std::cerr << fmt::format("svc: note: dropped {} fixed entr{} from {} ({} left)\n", match.fixed.size(),
                             match.fixed.size() == 1 ? "y" : "ies", a.baseline, kept.entries.size());
  result.baseline_fixed = 0;
  return -1;
}

int write_report(const AuditArgs& a, const engine::AuditResult& result) {
  report::ReportOptions ropts;
  ropts.color = a.output.empty() && want_color(a.color, stdout_is_tty());
  std::ostringstream buffer;
  report::reporter_for(a.format)(result, ropts, buffer);
  std::string text = buffer.str();
  if (a.quiet && a.format == "text") {
    // Drop the trailing summary paragraph; keep the findings.
    auto cut = text.rfind("\n\n");
    text = cut == std::string::npos ? (result.findings.empty() ? "" : text) : text.substr(0, cut + 1);
    if (report::count_findings(result).total() == 0) text.clear();
  }
  if (a.output.empty()) {
    std::cout << text << std::flush;
  } else if (std::string err; !write_output_file(a.output, text, err)) {
    return report_error(fmt::format("cannot write {}: {}", a.output, err));
  }
  return -1;
}

// A finding fails the run when its rule says `fail: true` in .svc.yaml, or, without a
// `fail:`, when its severity reaches --fail-on. `--fail-on never` outranks the config:
// it is how someone asks for a report that cannot fail.
bool fails(const engine::AuditResult& result, const std::string& fail_on) {
  if (fail_on == "never") return false;
  auto threshold = *engine::parse_severity(fail_on);
  for (const auto& f : result.findings) {
    if (f.suppressed) continue;
    auto rule = result.config.rules.find(f.rule);
    std::optional<bool> fail = rule == result.config.rules.end() ? std::nullopt : rule->second.fail;
    if (fail.value_or(f.severity >= threshold)) return true;
  }
  return false;
}

}  // namespace

int run_audit_command(const std::vector<std::string>& args) {
  CLI::App app{"Lint a repository or monorepo for service playbook violations.", "svc audit"};
  AuditArgs a;
  add_options(app, a);
  if (int code = parse_arguments(app, "audit", args); code >= 0) return code;
  if (int code = check_baseline_options(a); code >= 0) return code;
  if (int code = check_output_paths(a); code >= 0) return code;

  engine::Baseline baseline;
  if (!a.baseline.empty()) {
    try {
      baseline = engine::load_baseline(a.baseline);  // before the audit: a bad file fails fast
    } catch (const engine::BaselineError& e) {
      return report_error(e.what(), fmt::format("record one with `svc audit --write-baseline {}`", a.baseline));
    }
  }
  int code = kSuccess;
  auto result = run_engine(a, baseline, code);
  if (!result) return code;
  print_notes(a, *result);
  if (!a.write_baseline.empty()) return record_baseline(a, *result);
  if (!a.baseline.empty())
    if (code = update_baseline(a, baseline, *result); code >= 0) return code;
  if (code = write_report(a, *result); code >= 0) return code;
  return fails(*result, a.fail_on) ? kFindings : kSuccess;
}

}  // namespace svc::cli
