#include "checks/history/commit_diff.h"

#include <algorithm>
#include <mutex>
#include <thread>

#include <fmt/format.h>

#include "checks/core/errors.h"
#include "checks/history/tree_changes.h"
#include "common/git_handle.h"

namespace svc::history {
namespace {

using engine::GitPtr;
using engine::last_git_error;

bool cancelled(const std::atomic<std::size_t>* cancel) { return cancel && cancel->load() != 0; }

// The reviewed folder's tree in a commit's tree; null when the commit has no such folder.
void subtree(git_repository* repo, const git_tree* tree, const std::string& prefix,
             GitPtr<git_tree, git_tree_free>& out) {
  if (!tree) return;
  GitPtr<git_tree_entry, git_tree_entry_free> entry;
  std::string folder = prefix.substr(0, prefix.size() - 1);
  if (git_tree_entry_bypath(&entry.ptr, tree, folder.c_str()) != 0) return;
  if (git_tree_entry_type(entry.ptr) != GIT_OBJECT_TREE) return;
  if (git_tree_lookup(&out.ptr, repo, git_tree_entry_id(entry.ptr)) != 0)
    throw HistoryReadError(fmt::format("cannot read {}: {}", folder, last_git_error()));
}

ChangedFiles diff_commit(git_repository* repo, const git_oid& id, const DiffRequest& request) {
  GitPtr<git_commit, git_commit_free> commit, parent;
  GitPtr<git_tree, git_tree_free> tree, parent_tree;
  if (git_commit_lookup(&commit.ptr, repo, &id) != 0 || git_commit_tree(&tree.ptr, commit.ptr) != 0 ||
      (git_commit_parentcount(commit.ptr) > 0 &&
       (git_commit_parent(&parent.ptr, commit.ptr, 0) != 0 || git_commit_tree(&parent_tree.ptr, parent.ptr) != 0)))
    throw HistoryReadError(fmt::format("cannot read commit {}: {}", git_oid_tostr_s(&id), last_git_error()));

  const git_tree *from = parent_tree.ptr, *to = tree.ptr;
  GitPtr<git_tree, git_tree_free> from_folder, to_folder;
  if (!request.prefix.empty()) {
    subtree(repo, parent_tree.ptr, request.prefix, from_folder);
    subtree(repo, tree.ptr, request.prefix, to_folder);
    from = from_folder.ptr;
    to = to_folder.ptr;
  }
  ChangedFiles out;
  if (!tree_changes(repo, from, to, "", request.max_files, out.files)) {
    out.files = {};  // the files of a mass change are never needed
    out.too_large = true;
    return out;
  }
  std::sort(out.files.begin(), out.files.end());
  return out;
}

}  // namespace

std::vector<ChangedFiles> changed_files(const std::vector<git_oid>& commits, const DiffRequest& request) {
  std::vector<ChangedFiles> out(commits.size());
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false}, interrupted{false};
  std::mutex error_mutex;
  std::string error;

  auto work = [&] {
    try {
      GitPtr<git_repository, git_repository_free> repo;
      if (git_repository_open_ext(&repo.ptr, request.repository.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0)
        throw HistoryReadError(fmt::format("cannot open the repository: {}", last_git_error()));
      for (std::size_t i; !stop && (i = next++) < commits.size();) {
        if (cancelled(request.cancel)) {
          interrupted = stop = true;
          return;
        }
        out[i] = diff_commit(repo.ptr, commits[i], request);
      }
    } catch (const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (error.empty()) error = e.what();
      stop = true;
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(request.jobs, static_cast<unsigned>(commits.size())));
  std::vector<std::thread> threads;
  for (unsigned j = 1; j < jobs; ++j) threads.emplace_back(work);
  work();  // this thread takes a share too
  for (auto& t : threads) t.join();
  if (interrupted) throw engine::Interrupted();
  if (!error.empty()) throw HistoryReadError(error);
  return out;
}

}  // namespace svc::history
