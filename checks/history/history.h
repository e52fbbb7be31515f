#pragma once
// A repository's history as `svc review` weighs it: which files each commit changed and
// who wrote it, read with libgit2 (tree-to-tree diffs, no content), never a `git` process.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace svc::history {

struct Commit {
  std::string id;      // 40 hex digits
  std::string author;  // the name, after .mailmap when the repository has one
  std::string email;   // lower-case, after .mailmap
  std::int64_t time = 0;  // author time, seconds since the epoch
  // Changed paths relative to the reviewed root (files outside it are left out),
  // sorted. Deleted files count as changed; a rename is a delete and an add.
  std::vector<std::string> files;
};

struct HistoryOptions {
  std::string root = ".";  // the reviewed folder: a git work tree or a folder inside one
  int days = 0;            // only commits at most this many days older than HEAD's; 0 for all
  // Commits that change more files than this (under the root) are dropped: mass
  // renames, formatting and dependency bumps say nothing about coupling.
  std::size_t max_files_per_commit = 50;
  unsigned jobs = 0;  // 0: one per core
  const std::atomic<std::size_t>* cancel = nullptr;  // non-zero: stop (throws engine::Interrupted)
};

struct History {
  // False when there is no history to read: not a git work tree, no commit yet, or a
  // shallow clone (whose truncated history would mislead). `why` then says which.
  bool available = false;
  bool shallow = false;
  std::string why;
  std::vector<Commit> commits;  // newest first; merges (2+ parents) and dropped commits are not in it
  std::size_t walked = 0;       // commits visited within the window, merges included
  std::size_t merges = 0;       // skipped: their changes are the commits they merge
  std::size_t too_large = 0;    // dropped for max_files_per_commit
  std::size_t empty = 0;        // touched nothing under the root
  std::int64_t since = 0, until = 0;  // author times of the oldest and newest commit kept
};

// Walks HEAD's history. Never throws for a missing repository or a shallow clone (see
// `available`); throws engine::Interrupted when cancelled.
History read_history(const HistoryOptions& options);

}  // namespace svc::history
