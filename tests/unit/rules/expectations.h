#pragma once
#include <map>
#include <string>
#include <vector>

// Inline expectations in fixture files: `svc-expect: <id>[, <id>]` says the next
// code line has a finding of that rule, `svc-ok: <id>` that it deliberately has none.
// Stacked expectation lines all point at the first line below them.
struct Expectation {
  std::string path;   // relative to the fixture root
  int comment_line;
  int target_line;
  std::string rule;
  bool expect_hit;
};

std::vector<Expectation> read_expectations(const std::string& root);
