#pragma once
// The files each commit changed against its first parent, tree to tree (names only, no
// rename detection), on several threads, each with its own repository handle: libgit2
// objects must not be shared across threads.
#include <atomic>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include <git2.h>

namespace svc::history {

// libgit2 could not read an object the walk named (a damaged repository).
struct HistoryReadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct DiffRequest {
  std::string repository;  // a path git_repository_open_ext finds the repository from
  std::string prefix;      // the reviewed folder, "" or ending in "/"; other paths are left out
  std::size_t max_files = 0;  // more files than this: the commit is too large (files left empty)
  unsigned jobs = 1;
  const std::atomic<std::size_t>* cancel = nullptr;
};

struct ChangedFiles {
  std::vector<std::string> files;  // relative to the prefix, sorted
  bool too_large = false;
};

// One entry per commit, in the same order. Throws engine::Interrupted when cancelled and
// HistoryReadError when a commit or tree cannot be read.
std::vector<ChangedFiles> changed_files(const std::vector<git_oid>& commits, const DiffRequest& request);

}  // namespace svc::history
