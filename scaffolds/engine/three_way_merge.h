#pragma once
// One file's three-way text merge for `svc upgrade`: what the old template produced
// (base), what the team has now (ours) and what the new template produces (theirs),
// merged line by line with libgit2's file merge, as `git merge-file` does.
#include <string>

namespace svc::scaffolds {

struct MergedText {
  std::string text;       // the merge; with conflict markers when `conflicted`
  bool conflicted = false;
};

// `label` names the file in messages; the markers read `<<<<<<< yours`,
// `||||||| generated (version N)` and `>>>>>>> template (version M)`, in diff3 style so
// the team sees what the template had before as well as both sides.
MergedText merge_three_way(const std::string& base, const std::string& ours, const std::string& theirs,
                           int base_version, int their_version);

}  // namespace svc::scaffolds
