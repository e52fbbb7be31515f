#pragma once
// What git would call uncommitted under a folder: `svc upgrade` refuses to start on top of
// such changes (unless --allow-dirty), so everything it does can be reviewed with
// `git diff` and undone with `git checkout`.
#include <filesystem>
#include <string>
#include <vector>

namespace svc::scaffolds {

// Paths (relative to the work tree's root) modified, staged, deleted or untracked and
// not ignored, below `folder`. Empty when `folder` is not in a git work tree.
std::vector<std::string> uncommitted_changes(const std::filesystem::path& folder);

}  // namespace svc::scaffolds
