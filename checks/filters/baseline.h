// Baselines: the findings a repository already had when it adopted svc, recorded by
// fingerprint so that CI fails only on new ones (`svc audit --baseline FILE`).
#pragma once
#include <cstddef>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include "checks/core/findings.h"

namespace svc::engine {

// A baseline file that cannot be read or is not a baseline: "FILE: why".
struct BaselineError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Rule, path and message are there for people reading the file in a diff; only the
// fingerprint is matched.
struct BaselineEntry {
  std::string fingerprint, rule, path, message;
};

// Entries sorted by path, rule, fingerprint. A fingerprint may repeat (a hand-merged
// file): each entry hides one finding.
struct Baseline {
  std::vector<BaselineEntry> entries;
};

// The unsuppressed findings, as a baseline.
Baseline baseline_from_findings(const std::vector<Finding>& findings);
// {"version": 1, "findings": [...]}: sorted, two-space indented, with a trailing newline,
// so the same findings always give the same bytes.
std::string render_baseline(const Baseline& baseline);
// Throws BaselineError naming `display_path`.
Baseline parse_baseline(const std::string& text, const std::string& display_path);
Baseline load_baseline(const std::string& path);

struct BaselineMatch {
  std::size_t hidden = 0;            // findings the baseline hid
  std::vector<std::size_t> fixed;    // indexes of entries that matched no finding
};

// Removes from `findings` the unsuppressed ones the baseline records, one finding per
// entry. An entry that matches nothing counts as fixed only when its rule is in
// `rules_checked`: a rule left out by --only or the config proves nothing.
BaselineMatch apply_baseline(const Baseline& baseline, std::vector<Finding>& findings,
                             const std::set<std::string>& rules_checked);

// The baseline without the entries `match` found fixed (`--update-baseline`).
Baseline without_fixed(const Baseline& baseline, const BaselineMatch& match);

}  // namespace svc::engine
