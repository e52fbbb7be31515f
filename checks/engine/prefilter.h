#pragma once
#include <memory>
#include <string>
#include <vector>

#include <re2/set.h>

#include "checks/core/rule_catalog.h"

namespace svc::engine {

// The rules' prefilters (`prefilter:` literals, then `prefilter_regex:`) over one file's
// text. Every literal of every rule is looked for in a single pass (an RE2::Set of the
// quoted literals) instead of one search per literal and rule: on a large tree the
// searches alone took a tenth of the run.
class Prefilter {
 public:
  explicit Prefilter(const std::vector<const RuleInfo*>& rules);

  // The literals found in a file's text, for passes().
  using Found = std::vector<char>;
  Found scan(const std::string& text) const;
  // Whether the text passes rule `rule` (an index into the constructor's list): one of
  // its literals was found, or it has none, and then its regex matches.
  bool passes(std::size_t rule, const Found& found, const std::string& text) const;

 private:
  std::vector<const RuleInfo*> rules_;
  std::vector<std::vector<int>> literals_;  // per rule: its literals' indices in the set
  std::vector<std::string> texts_;          // each literal once, by index
  std::unique_ptr<RE2::Set> set_;
};

}  // namespace svc::engine
