#pragma once
#include <set>
#include <string>
#include <vector>

#include "checks/core/findings.h"
#include "checks/core/source_file.h"

namespace svc::engine {

class RuleCatalog;
struct RuleInfo;

// One `svc-ignore <id>[, <id>]: <reason>` (or `svc-ignore-file`) comment.
struct Suppression {
  std::string path;
  int line = 1;          // where the comment is
  int column = 1;
  int end_column = 1;
  int target_line = 1;   // the line it silences (its own, or the next code line)
  bool whole_file = false;
  std::vector<std::string> rules;
  std::string reason;
  std::string text;      // the directive as written, for messages and fingerprints
  bool used = false;
};

// Finds directives in comments of any of our languages (#, //, /* */, --, <!-- -->).
std::vector<Suppression> scan_suppressions(const SourceFile& file);

// Marks findings that a directive covers, then reports the directives themselves:
// suppression-no-reason for a missing reason and suppression-unused for one that
// silenced nothing. `enabled` holds the ids of the rules that ran (with their
// effective severity); directives naming only rules that did not run are left alone.
void apply_suppressions(std::vector<Finding>& findings, std::vector<Suppression>& suppressions,
                        const std::vector<RuleInfo>& enabled, const RuleCatalog& catalog);

}  // namespace svc::engine
