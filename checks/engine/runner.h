#pragma once
#include <atomic>
#include <cstdint>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checks/core/errors.h"
#include "checks/filters/baseline.h"
#include "checks/workspace/config.h"
#include "checks/facts/facts.h"
#include "checks/core/findings.h"
#include "checks/core/rule_catalog.h"
#include "checks/workspace/services.h"

namespace svc::engine {

struct AuditOptions {
  std::string root = ".";
  std::string config_path;  // empty: ROOT/.svc.yaml if present
  std::vector<std::string> only, disable;
  unsigned jobs = 0;  // 0: one per core
  std::function<void(std::size_t done, std::size_t total)> progress;  // called from workers
  // Set (non-zero) from a signal handler to stop the run: between files, and inside a
  // parse (tree-sitter's cancellation flag is a size_t), so Ctrl-C is not held up by one file.
  const std::atomic<std::size_t>* cancel = nullptr;
  // Fact kinds to extract whatever the rules need (`svc graph`); the facts are
  // returned in AuditResult::facts instead of being dropped after the checks.
  std::vector<std::string> collect_facts;
  // `--since REF`: only findings on lines changed since the merge-base of REF and HEAD
  // (committed, staged, unstaged and untracked changes); "" for every finding.
  std::string since;
  // `--baseline FILE`, loaded by the caller: after suppressions and --since, the
  // findings it records are removed. baseline_file names it in the report.
  std::optional<Baseline> baseline;
  std::string baseline_file;
  // Folder of the result cache ("" for none): files unchanged since an earlier run with
  // the same svc build, configuration and rules are not read for rules again.
  std::string cache_dir;
  // Load the audited repository's own rules (`.svc/rules`, docs/guide/custom-rules.md).
  // `svc graph` and `svc review`, which run no rules, turn it off.
  bool local_rules = true;
  // Set: these rules, instead of the built-in ones and the root's own (`svc test` runs a
  // fixture folder with the rules of the repository around it).
  std::shared_ptr<const RuleCatalog> catalog;
  // The time a repository rule's queries may take on one file; past it the rule stops on
  // that file and the run says so. Tests lower it.
  std::uint64_t query_budget_micros = 2'000'000;
  std::uint64_t cache_max_bytes = 512ull << 20;  // the folder is pruned to this after a run
};

// What the result cache did in a run.
struct CacheSummary {
  std::string dir;
  std::size_t reused = 0;  // files whose results came from the cache
  std::size_t stored = 0;  // entries in the pack after the run
  std::string ignored;     // why an existing pack was not used ("" when it was, or there was none)
  std::string problem;     // why the pack could not be saved ("" when it was)
};

struct SkippedFiles {
  std::size_t binary = 0, too_large = 0, not_utf8 = 0, unreadable = 0;
  std::size_t too_deep = 0;      // read, but nested deeper than kMaxSyntaxDepth: not analysed
  std::size_t yaml_aliases = 0;  // YAML whose aliases expand beyond kMaxYamlNodes: not analysed
  std::size_t total() const { return binary + too_large + not_utf8 + unreadable + too_deep + yaml_aliases; }
  // "2 binary, 1 over 2 MiB, ...": the kinds there are, for summaries.
  std::string breakdown() const;
};

// What `--since` compared against, for the summary line.
struct SinceSummary {
  std::string ref;                // as the user gave it
  std::string base;               // the merge-base commit id (40 hex digits)
  std::size_t changed_files = 0;  // changed files under the root (untracked ones included)
  std::size_t hidden = 0;         // findings left out: not on a changed line
};

struct AuditResult {
  std::string root;
  std::string repository_prefix;  // the root's folder inside its git work tree, "" or "a/b/"
  std::string config_file;
  Config config;  // as loaded from config_file (empty without one): `svc graph` joins facts with it
  std::vector<Service> services;
  PackageMap packages;  // the workspace's packages: `svc graph` resolves imports through them
  std::vector<RuleInfo> rules;  // the rules that ran, with effective severities
  std::string rules_dir;        // where the repository's own rules were looked for
  std::vector<Finding> findings;
  std::vector<FileFacts> facts;  // only with AuditOptions::collect_facts
  std::size_t files = 0;   // files in the workspace
  std::size_t read = 0;    // files read and prefiltered
  std::size_t parsed = 0;  // files parsed (passed the prefilter)
  SkippedFiles skipped;
  std::vector<std::string> problems;  // "path: why" for unreadable files
  // `--baseline FILE` ("" without one): the findings it hid, which are no longer in
  // `findings`, and its entries that matched no finding of a rule that ran (fixed;
  // none with --since, which sees only part of the findings).
  std::string baseline_file;
  std::size_t baseline_hidden = 0, baseline_fixed = 0;
  BaselineMatch baseline_match;
  long long duration_ms = 0;
  std::optional<SinceSummary> since;  // set with AuditOptions::since
  std::optional<CacheSummary> cache;  // set with AuditOptions::cache_dir
};

// discover -> classify -> prefilter -> parse once -> facts -> checks -> suppress -> since
// -> baseline -> sort.
// Throws ConfigError, WorkspaceError, UsageError or Interrupted.
AuditResult run_audit(const AuditOptions& options);

// The rules that an audit with these settings runs, with severities from the config.
std::vector<RuleInfo> effective_rules(const RuleCatalog& catalog, const Config& config,
                                      const std::vector<std::string>& only,
                                      const std::vector<std::string>& disable);

}  // namespace svc::engine
