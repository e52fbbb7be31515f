#pragma once
// The new service's repository: `git init` and one commit of the generated files, with
// libgit2 (no git binary needed), unless the service lands inside an existing work tree.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace svc::scaffolds {

// Whether `path` (or its nearest existing ancestor) is inside a git work tree.
bool inside_git_work_tree(const std::filesystem::path& path);

// The root of the work tree `path` (or its nearest existing ancestor) is in, if any.
std::optional<std::filesystem::path> git_work_tree_root(const std::filesystem::path& path);

// Initialises a repository at `dir` and commits `paths` (relative to it). The author is
// the user's git identity, or `svc <svc@localhost>` when none is configured. Throws
// ScaffoldError.
void init_and_commit(const std::filesystem::path& dir, const std::vector<std::string>& paths, const std::string& message);

}  // namespace svc::scaffolds
