// What `svc audit --since REF` compares against: the lines changed between the
// merge-base of REF and HEAD and the working tree (committed, staged, unstaged and
// untracked changes), found with libgit2.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace svc::engine {

class Workspace;

struct ChangedFile {
  bool whole = false;  // added or untracked (or binary): every line counts as changed
  std::vector<std::pair<int, int>> lines;  // [first, last] 1-based lines of the new file, sorted

  // Whether lines first..last (of the new file) hold a changed line.
  bool touches(int first, int last) const;
};

struct ChangedLines {
  std::string ref;   // as the user gave it
  std::string base;  // the merge-base commit id (40 hex digits)
  // Paths relative to the audit root ('/'); files outside it are left out. A pure
  // rename (content unchanged) is not a change; deletions are not listed.
  std::map<std::string, ChangedFile> files;

  const ChangedFile* find(const std::string& path) const;
};

// Throws UsageError for an unknown REF or a missing merge-base (with how to fetch
// more history in a shallow clone) and WorkspaceError outside a git work tree.
ChangedLines changed_since(const Workspace& workspace, const std::string& ref);

}  // namespace svc::engine
