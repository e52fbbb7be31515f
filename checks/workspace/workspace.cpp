#include "checks/workspace/workspace.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <set>
#include <filesystem>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <memory>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <git2.h>

#include "common/utf8.h"
#include "common/git_handle.h"

namespace fs = std::filesystem;

namespace svc::engine {
namespace {

bool has_skipped_segment(std::string_view path) {
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos) break;  // the last segment is the file name
    if (is_skipped_directory(path.substr(start, end - start))) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

bool is_skipped_directory(std::string_view name) {
  static constexpr std::string_view skipped[] = {".git", "node_modules", ".venv", "venv", "dist",
                                                 "build", "__pycache__"};
  return std::find(std::begin(skipped), std::end(skipped), name) != std::end(skipped);
}

Workspace::Workspace(std::string root, const std::vector<std::string>& ignore_globs) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(root, ec), ec);
  if (ec || !fs::exists(p)) throw WorkspaceError(fmt::format("no such directory: {}", root));
  if (!fs::is_directory(p)) throw WorkspaceError(fmt::format("not a directory: {}", root));
  root_ = p.generic_string();
  for (auto g : ignore_globs) {
    while (!g.empty() && g.back() == '/') g.pop_back();  // "legacy/" means the folder
    if (!g.empty()) ignore_globs_.push_back(g);
  }
  ensure_libgit2();
  if (!ignore_globs_.empty()) {
    std::vector<char*> patterns;
    for (auto& g : ignore_globs_) patterns.push_back(g.data());
    git_strarray arr{patterns.data(), patterns.size()};
    git_pathspec* spec = nullptr;
    if (git_pathspec_new(&spec, &arr) != 0) throw WorkspaceError("invalid ignore glob in the configuration");
    ignore_spec_.reset(spec, git_pathspec_free);
  }

  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.ptr, root_.c_str(), 0, nullptr) == 0 &&
      !git_repository_is_bare(repo.ptr)) {
    std::string workdir = fs::weakly_canonical(git_repository_workdir(repo.ptr)).generic_string();
    std::string prefix = fs::relative(root_, workdir).generic_string();
    if (prefix == ".") prefix.clear();
    if (!prefix.empty()) prefix += '/';
    in_git_ = true;
    repository_prefix_ = prefix;
    list_git(workdir, prefix);
  } else {
    list_plain();
  }
  std::sort(files_.begin(), files_.end());
  files_.erase(std::unique(files_.begin(), files_.end()), files_.end());
}

void Workspace::keep(std::string rel) {
  if (has_skipped_segment(rel)) return;
  if (ignore_spec_ && git_pathspec_matches_path(ignore_spec_.get(), GIT_PATHSPEC_DEFAULT, rel.c_str()) == 1)
    return;
  files_.push_back(std::move(rel));
}

void Workspace::list_git(const std::string& workdir, const std::string& prefix) {
  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open(&repo.ptr, workdir.c_str()) != 0)
    throw WorkspaceError(fmt::format("cannot open git repository at {}", workdir));
  auto strip = [&](const char* path) -> std::optional<std::string> {
    std::string_view p(path);
    if (p.substr(0, prefix.size()) != prefix) return std::nullopt;
    return std::string(p.substr(prefix.size()));
  };

  // Status first: it stats every tracked file anyway, so its deletions and type changes
  // (a file replaced by a symlink or a folder) say which index entries to leave out
  // without a second stat per file.
  git_status_options opts = GIT_STATUS_OPTIONS_INIT;
  opts.show = GIT_STATUS_SHOW_WORKDIR_ONLY;
  opts.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS |
               GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
  // Limit the untracked scan to the audited folder: auditing one service of a large
  // repository should not walk all of it.
  std::string scope = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
  char* scope_ptr = scope.data();
  if (!scope.empty()) opts.pathspec = {&scope_ptr, 1};
  GitPtr<git_status_list, git_status_list_free> status;
  if (git_status_list_new(&status.ptr, repo.ptr, &opts) != 0)
    throw WorkspaceError(fmt::format("git status failed: {}", last_git_error()));
  std::set<std::string, std::less<>> gone;
  std::size_t n = git_status_list_entrycount(status.ptr);
  for (std::size_t i = 0; i < n; ++i) {
    const git_status_entry* s = git_status_byindex(status.ptr, i);
    if (!s->index_to_workdir) continue;
    const char* path = s->index_to_workdir->new_file.path;
    if (s->status & (GIT_STATUS_WT_DELETED | GIT_STATUS_WT_TYPECHANGE | GIT_STATUS_WT_UNREADABLE)) {
      gone.insert(s->index_to_workdir->old_file.path);
      continue;
    }
    if (!(s->status & GIT_STATUS_WT_NEW)) continue;
    if (auto rel = strip(path); rel && fs::is_regular_file(fs::symlink_status(fs::path(root_) / *rel)))
      keep(std::move(*rel));
  }

  GitPtr<git_index, git_index_free> index;
  if (git_repository_index(&index.ptr, repo.ptr) == 0) {
    std::size_t count = git_index_entrycount(index.ptr);
    for (std::size_t i = 0; i < count; ++i) {
      const git_index_entry* e = git_index_get_byindex(index.ptr, i);
      if ((e->mode & 0170000) != 0100000) continue;  // skip symlinks and submodules
      if (gone.count(std::string_view(e->path))) continue;
      if (auto rel = strip(e->path)) keep(std::move(*rel));
    }
  }
}

void Workspace::list_plain() {
  std::error_code ec;
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec), end;
  if (ec) throw WorkspaceError(fmt::format("cannot list {}: {}", root_, ec.message()));
  for (; it != end; it.increment(ec)) {
    if (ec) break;
    const auto& entry = *it;
    if (entry.is_symlink(ec)) continue;  // never follow links out of the tree
    if (entry.is_directory(ec)) {
      if (is_skipped_directory(entry.path().filename().string())) it.disable_recursion_pending();
      continue;
    }
    if (entry.is_regular_file(ec))
      keep(entry.path().lexically_relative(root_).generic_string());  // not fs::relative: no realpath per file
  }
}

namespace {
FileStamp stamp_of(const struct stat& st) {
  auto ns = [](const timespec& t) { return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
  return {static_cast<std::int64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim), static_cast<std::uint64_t>(st.st_ino)};
}
}  // namespace

ReadResult Workspace::read(const std::string& relative_path) const {
  ReadResult r;
  std::string path = root_ + "/" + relative_path;
  // Plain POSIX I/O: an ifstream allocates a buffer per file, which shows up when
  // tens of thousands of files are read.
  // Never through a symlink, never waiting on a FIFO: the listing saw a regular file,
  // but the tree may have changed under it since.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return {ReadStatus::unreadable, {}, std::strerror(errno), {}};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    int err = errno;
    ::close(fd);
    return {ReadStatus::unreadable, {}, S_ISREG(st.st_mode) ? std::strerror(err) : "not a regular file", {}};
  }
  if (static_cast<std::size_t>(st.st_size) > kMaxFileBytes) {
    ::close(fd);
    return {ReadStatus::too_large, {}, {}, {}};
  }
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return {ReadStatus::unreadable, {}, std::strerror(err), {}};
    }
    if (n == 0) break;  // the file shrank while we read it
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  text.resize(got);
  if (text.find('\0') != std::string::npos) return {ReadStatus::binary, {}, {}, {}};
  if (!is_valid_utf8(text)) return {ReadStatus::not_utf8, {}, {}, {}};
  r.text = std::move(text);
  r.stamp = stamp_of(st);
  return r;
}

std::optional<FileStamp> Workspace::stamp(const std::string& relative_path) const {
  struct stat st {};
  if (::lstat((root_ + "/" + relative_path).c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return std::nullopt;
  return stamp_of(st);
}


}  // namespace svc::engine
