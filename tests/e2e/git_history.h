// Branches, commits on other branches and shallow copies for tests of `--since`,
// built with libgit2 next to GitRepo (which stages and commits on HEAD).
#pragma once
#include <filesystem>
#include <cstdint>
#include <map>
#include <optional>
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

// Who wrote a scripted commit, and when (seconds since the epoch; also the commit time).
struct Author {
  std::string name = "svc e2e";
  std::string email = "e2e@example.com";
  std::int64_t time = 1700000000;
};
// Commits `files` (path -> content; nullopt deletes the path) on top of `branch`, or of
// HEAD when `branch` is empty (its first commit when HEAD has none), as `author`; the
// index and the working tree stay as they are. Returns the new commit's id.
std::string commit_as(const std::filesystem::path& workdir, const Author& author,
                      const std::map<std::string, std::optional<std::string>>& files, const std::string& message,
                      const std::string& branch = "");
// Merges `branch` into HEAD (which must merge cleanly) with a two-parent commit by `author`.
std::string merge_into_head(const std::filesystem::path& workdir, const std::string& branch, const Author& author,
                            const std::string& message);

}  // namespace svc::e2e
