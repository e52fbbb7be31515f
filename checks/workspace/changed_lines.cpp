#include "checks/workspace/changed_lines.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>
#include <git2.h>

#include "common/git_handle.h"
#include "checks/core/errors.h"
#include "checks/workspace/workspace.h"

namespace svc::engine {
namespace {

// A remote is a `remote.<name>.url` entry of the configuration. Read directly rather
// than through git_remote_lookup, whose config walk leaks in libgit2 1.5.
bool is_remote(git_repository* repo, const std::string& name) {
  GitPtr<git_config, git_config_free> config;
  GitPtr<git_config_entry, git_config_entry_free> entry;
  return git_repository_config_snapshot(&config.ptr, repo) == 0 &&
         git_config_get_entry(&entry.ptr, config.ptr, fmt::format("remote.{}.url", name).c_str()) == 0;
}

git_oid resolve_commit(git_repository* repo, const std::string& spec, const std::string& what) {
  GitPtr<git_object, git_object_free> obj, commit;
  if (git_revparse_single(&obj.ptr, repo, spec.c_str()) != 0) {
    if (spec == "HEAD") throw UsageError("--since needs a commit on HEAD, and this repository has none yet");
    // `HEAD~1` in a shallow clone: no branch to fetch, only history below the boundary.
    if (git_repository_is_shallow(repo) == 1 && spec.find_first_of("~^@:") != std::string::npos)
      throw UsageError(fmt::format("unknown revision '{}' in this shallow clone (fetch more history first: "
                                   "git fetch --deepen=200)", spec));
    // `origin/main` is fetched as `git fetch origin main` when `origin` is a remote;
    // `feature/x` (no such remote) as `git fetch origin feature/x`.
    std::string remote = "origin", branch = spec;
    if (auto slash = spec.find('/'); slash != std::string::npos && is_remote(repo, spec.substr(0, slash))) {
      remote = spec.substr(0, slash);
      branch = spec.substr(slash + 1);
    }
    throw UsageError(fmt::format("unknown revision '{}' (fetch it first: git fetch {} {})", spec, remote, branch));
  }
  if (git_object_peel(&commit.ptr, obj.ptr, GIT_OBJECT_COMMIT) != 0)
    throw UsageError(fmt::format("{} '{}' does not name a commit", what, spec));
  return *git_object_id(commit.ptr);
}

git_oid merge_base(git_repository* repo, const std::string& ref) {
  git_oid head = resolve_commit(repo, "HEAD", "HEAD");
  git_oid other = resolve_commit(repo, ref, "revision");
  git_oid base;
  int rc = git_merge_base(&base, repo, &head, &other);
  if (rc == 0) return base;
  // In a shallow clone the walk stops at (or fails on) the missing history.
  if (git_repository_is_shallow(repo) == 1)
    throw UsageError(fmt::format(
        "no merge-base of {} and HEAD in this shallow clone: fetch more history "
        "(git fetch --deepen=200, or fetch-depth: 0 in actions/checkout)", ref));
  if (rc == GIT_ENOTFOUND) throw UsageError(fmt::format("{} and HEAD have no common ancestor", ref));
  throw WorkspaceError(fmt::format("cannot find the merge-base of {} and HEAD: {}", ref, last_git_error()));
}

// The new-file lines of one changed file, or nullopt when nothing in it changed.
std::optional<ChangedFile> changed_file(git_diff* diff, std::size_t index) {
  const git_diff_delta* delta = git_diff_get_delta(diff, index);
  ChangedFile file;
  switch (delta->status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_UNTRACKED:
      file.whole = true;
      return file;
    case GIT_DELTA_MODIFIED:
    case GIT_DELTA_RENAMED:
    case GIT_DELTA_COPIED:
    case GIT_DELTA_TYPECHANGE:
      break;
    default:
      return std::nullopt;  // deleted, unmodified, ignored, unreadable
  }
  GitPtr<git_patch, git_patch_free> patch;
  if (git_patch_from_diff(&patch.ptr, diff, index) != 0 || !patch.ptr)
    throw WorkspaceError(fmt::format("cannot diff {}: {}", delta->new_file.path, last_git_error()));
  if (git_patch_get_delta(patch.ptr)->flags & GIT_DIFF_FLAG_BINARY) {
    file.whole = true;
    return file;
  }
  std::size_t hunks = git_patch_num_hunks(patch.ptr);
  if (hunks == 0 && delta->status == GIT_DELTA_RENAMED) return std::nullopt;  // a pure rename
  for (std::size_t h = 0; h < hunks; ++h) {
    const git_diff_hunk* hunk = nullptr;
    std::size_t lines = 0;
    if (git_patch_get_hunk(&hunk, &lines, patch.ptr, h) != 0) continue;
    // Zero context lines: a hunk's new side is exactly the added lines. A pure
    // deletion adds none, but still marks the file as changed.
    if (hunk->new_lines > 0) file.lines.emplace_back(hunk->new_start, hunk->new_start + hunk->new_lines - 1);
  }
  std::sort(file.lines.begin(), file.lines.end());
  return file;
}

// Merge-base tree against the working tree through the index, limited to the audited folder.
void diff_against(git_repository* repo, const git_oid& base, const std::string& prefix,
                  GitPtr<git_diff, git_diff_free>& diff) {
  GitPtr<git_commit, git_commit_free> commit;
  GitPtr<git_tree, git_tree_free> tree;
  if (git_commit_lookup(&commit.ptr, repo, &base) != 0 || git_commit_tree(&tree.ptr, commit.ptr) != 0)
    throw WorkspaceError(fmt::format("cannot read the merge-base commit: {}", last_git_error()));
  git_diff_options opts = GIT_DIFF_OPTIONS_INIT;
  opts.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_IGNORE_SUBMODULES;
  opts.context_lines = 0;
  opts.interhunk_lines = 0;
  std::string scope = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
  char* scope_ptr = scope.data();
  if (!scope.empty()) opts.pathspec = {&scope_ptr, 1};
  if (git_diff_tree_to_workdir_with_index(&diff.ptr, repo, tree.ptr, &opts) != 0)
    throw WorkspaceError(fmt::format("cannot diff against the merge-base: {}", last_git_error()));
  // Pair deletions with additions (staged or not), so a moved file counts only its edits.
  git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
  find.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_FOR_UNTRACKED;
  if (git_diff_find_similar(diff.ptr, &find) != 0)
    throw WorkspaceError(fmt::format("cannot detect renames: {}", last_git_error()));
}

}  // namespace

bool ChangedFile::touches(int first, int last) const {
  if (whole) return true;
  if (last < first) last = first;
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::pair<int, int>& r) { return r.first <= last && first <= r.second; });
}

const ChangedFile* ChangedLines::find(const std::string& path) const {
  auto it = files.find(path);
  return it == files.end() ? nullptr : &it->second;
}

ChangedLines changed_since(const Workspace& workspace, const std::string& ref) {
  ensure_libgit2();
  if (!workspace.in_git())
    throw WorkspaceError(fmt::format("--since needs a git repository, and {} is not inside one", workspace.root()));
  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.ptr, workspace.root().c_str(), 0, nullptr) != 0)
    throw WorkspaceError(fmt::format("cannot open the git repository of {}: {}", workspace.root(), last_git_error()));

  ChangedLines out;
  out.ref = ref;
  git_oid base = merge_base(repo.ptr, ref);
  out.base = git_oid_tostr_s(&base);
  const std::string& prefix = workspace.repository_prefix();
  GitPtr<git_diff, git_diff_free> diff;
  diff_against(repo.ptr, base, prefix, diff);
  std::size_t n = git_diff_num_deltas(diff.ptr);
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view path = git_diff_get_delta(diff.ptr, i)->new_file.path;
    if (path.substr(0, prefix.size()) != prefix) continue;
    if (auto file = changed_file(diff.ptr, i)) out.files[std::string(path.substr(prefix.size()))] = std::move(*file);
  }
  return out;
}

}  // namespace svc::engine
