#pragma once
// Inline expectations in fixture files: `svc-expect: <id>[, <id>]` says the next code
// line has a finding of that rule, `svc-ok: <id>` that it deliberately has none. Stacked
// expectation lines all point at the first line below them. `svc-expect: <id> "text"`
// also pins the message: the finding's message contains text.
#include <set>
#include <string>
#include <vector>

namespace svc::engine {

struct Expectation {
  std::string path;  // relative to the fixture root
  int comment_line = 0;
  int target_line = 0;
  std::string rule;
  bool expect_hit = false;
  std::string message_part;  // "" unless the marker pins the message
};

struct FixtureExpectations {
  std::vector<Expectation> expectations;
  // Files that could carry a marker but carry none: they assert nothing. Files in a
  // format without comments (JSON) and empty files are not listed.
  std::vector<std::string> unmarked_files;
};

// The markers of every file of the fixture folder `root`, found as an audit finds files.
FixtureExpectations read_expectations(const std::string& root);

}  // namespace svc::engine
