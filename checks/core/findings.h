#pragma once
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "checks/core/severity.h"
#include "checks/core/source_file.h"

namespace svc::engine {

struct RuleInfo;

struct Finding {
  std::string rule;
  Severity severity = Severity::warning;
  std::string path;  // relative to the root, '/'-separated
  int line = 1, column = 1, end_line = 1, end_column = 1;
  std::string service;  // the service's path, "" when the file belongs to none
  std::string message;
  std::string matched_text;  // what the rule matched, the basis of the fingerprint
  std::string source_line;   // the first line of the match, for reporters
  std::string fingerprint;
  bool suppressed = false;
  std::string suppression_reason;
};

using MessageArgs = std::vector<std::pair<std::string, std::string>>;

// Renders a rule's YAML message template with named fields ("{user}").
std::string render_message(const std::string& tmpl, const MessageArgs& args);
// The `{field}` names of such a template.
std::set<std::string> message_fields(const std::string& tmpl);

// Where a check's findings go. One sink per rule and thread, so no locking.
class FindingSink {
 public:
  explicit FindingSink(const RuleInfo& rule) : rule_(rule) {}

  // A match inside a file the check has in memory (byte offsets).
  void report(const SourceFile& file, std::size_t begin, std::size_t end, const MessageArgs& args);
  // A match known by position only (cross-file checks work on facts, not text).
  void report_at(const std::string& path, Position begin, Position end, const MessageArgs& args,
                 std::string matched_text);

  const RuleInfo& rule() const { return rule_; }
  std::vector<Finding>& findings() { return findings_; }

 private:
  const RuleInfo& rule_;
  std::vector<Finding> findings_;
};

// Normalizes what formatters change (spacing, line breaks, quote style, trailing commas)
// so fingerprints survive the file being reformatted.
std::string normalize_for_fingerprint(std::string_view text);
// Sorts by path, line, column, rule and assigns fingerprints: a hash of rule, path and
// matched text, plus the ordinal among identical matches so duplicates stay distinct.
void finalize_findings(std::vector<Finding>& findings);

}  // namespace svc::engine
