// Branches, commits on other branches and shallow copies for tests of `--since`,
// built with libgit2 next to GitRepo (which stages and commits on HEAD).
#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace svc::e2e {

// Points a new branch at HEAD's commit.
void create_branch(const std::filesystem::path& workdir, const std::string& name);
// Moves HEAD onto `branch` without touching the index or the working tree.
void switch_head(const std::filesystem::path& workdir, const std::string& branch);
// Commits `files` (path -> content) on top of `branch`, leaving HEAD, the index and
// the working tree alone: how another branch moves on while the test works on HEAD.
void commit_on(const std::filesystem::path& workdir, const std::string& branch,
               const std::map<std::string, std::string>& files, const std::string& message);
// Removes paths from the index (the file in the working tree stays).
void unstage(const std::filesystem::path& workdir, const std::vector<std::string>& relative_paths);
// The 40-hex id of the commit `spec` names.
std::string commit_id(const std::filesystem::path& workdir, const std::string& spec);
// Makes the repository at `workdir` look like a shallow clone cut at `tips`: their
// ancestors' commit objects are deleted and `.git/shallow` lists the tips, as git
// writes it. The objects must be loose (as GitRepo writes them).
void make_shallow(const std::filesystem::path& workdir, const std::vector<std::string>& tips);

}  // namespace svc::e2e
