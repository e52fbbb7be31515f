#pragma once
#include <cstddef>
#include <memory>
#include <stdexcept>
#include <string_view>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

struct git_pathspec;

namespace svc::engine {

enum class ReadStatus { ok, binary, too_large, not_utf8, unreadable };

// What the file system says of a file without reading it: size, modification and
// status-change times, inode. Equal stamps mean an unchanged file, unless it changed
// within the clock's resolution of the time it was stamped (see ResultCache). The
// status-change time cannot be set back, so restoring an mtime does not hide an edit.
struct FileStamp {
  std::int64_t size = -1, mtime_ns = 0, ctime_ns = 0;
  std::uint64_t inode = 0;
  bool operator==(const FileStamp&) const = default;
};

struct ReadResult {
  ReadStatus status = ReadStatus::ok;
  std::string text;   // set when ok
  std::string error;  // set when unreadable
  FileStamp stamp;    // set when ok: the file as it was read
};

inline constexpr std::size_t kMaxFileBytes = 2 * 1024 * 1024;

// The files of an audited tree: the only place that walks it. Inside a git work tree
// these are the tracked files plus untracked files git does not ignore (nested
// .gitignore files included); elsewhere a plain walk. Dependency and build folders
// (node_modules, .venv, dist, ...) and `ignore:` globs are left out either way.
class Workspace {
 public:
  Workspace(std::string root, const std::vector<std::string>& ignore_globs);

  const std::string& root() const { return root_; }  // absolute
  bool in_git() const { return in_git_; }
  // Where the root sits inside its git work tree ("services/orders/"), "" at the top
  // or outside git: CI annotations need paths relative to the repository.
  const std::string& repository_prefix() const { return repository_prefix_; }
  const std::vector<std::string>& files() const { return files_; }  // sorted, relative, '/'

  ReadResult read(const std::string& relative_path) const;
  // The stamp of a regular file (never through a symlink); nullopt for anything else.
  std::optional<FileStamp> stamp(const std::string& relative_path) const;

 private:
  void list_git(const std::string& workdir, const std::string& prefix);
  void list_plain();
  void keep(std::string relative_path);

  std::string root_;
  bool in_git_ = false;
  std::string repository_prefix_;
  std::vector<std::string> ignore_globs_;
  std::shared_ptr<::git_pathspec> ignore_spec_;  // compiled once from ignore_globs_
  std::vector<std::string> files_;
};

// Thrown when the audited path itself cannot be opened (missing, not a directory).
struct WorkspaceError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

bool is_skipped_directory(std::string_view name);

}  // namespace svc::engine
