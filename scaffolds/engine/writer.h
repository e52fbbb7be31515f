#pragma once
// Writing the planned files: compared with the disk first (new, unchanged, would
// overwrite), then each written atomically; a failure halfway undoes the whole run.
#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "scaffolds/engine/render.h"

namespace svc::scaffolds {

// `remove` is for `svc upgrade`: a file the template no longer produces, unchanged since.
enum class FileState { create, unchanged, overwrite, edit, remove };

struct PlanEntry {
  PlannedFile file;
  FileState state = FileState::create;
  std::string current;  // what is on disk now, when the file exists
};

// Reads each existing file under `target`; nothing is written.
std::vector<PlanEntry> compare_with_disk(const std::filesystem::path& target, std::vector<PlannedFile> files);
// The paths that exist with other content (what --force would overwrite).
std::vector<std::string> files_to_overwrite(const std::vector<PlanEntry>& plan);

struct WriteOptions {
  const std::atomic<bool>* cancel = nullptr;  // set by Ctrl-C: roll back, throw Interrupted
  // Called before each write; a non-empty result is taken as that write's I/O error.
  // Tests use it to fail a run halfway.
  std::function<std::string(const std::string& path)> fault;
  // Runs after the last write (the git commit): when it throws, or Ctrl-C came during
  // it, the writes are undone as for a failed write.
  std::function<void()> finish;
};

struct WriteSummary {
  int created = 0, overwritten = 0, unchanged = 0, edited = 0, removed = 0;
};

// Writes every `create`, `overwrite` and `edit` entry, deletes every `remove` one (the caller has checked --force). On an
// error removes every file and folder this run created, puts back every file it
// overwrote, and throws ScaffoldError with the reason.
WriteSummary write_plan(const std::filesystem::path& target, const std::vector<PlanEntry>& plan,
                        const WriteOptions& options = {});

}  // namespace svc::scaffolds
