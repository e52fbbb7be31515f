#include "common/output_file.h"

#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace svc::cli {
namespace {

// The mode a new file gets from open(2): 0666 less the umask.
mode_t default_mode() {
  mode_t mask = ::umask(0);
  ::umask(mask);
  return 0666 & ~mask;
}

bool write_all(int fd, const std::string& content, std::string& error) {
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  return true;
}

bool replace(const std::string& path, const std::string& content, mode_t mode, bool durable, std::string& error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  if (!write_all(fd, content, error)) {
    ::close(fd);
    std::remove(tmpl.c_str());
    return false;
  }
  fchmod(fd, mode);
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    std::remove(tmpl.c_str());
    return false;
  }
  return true;
}

// What a shell redirect does: open the existing thing and write into it.
bool write_through(const std::string& path, const std::string& content, int flags, std::string& error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | flags, default_mode());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  bool ok = write_all(fd, content, error);
  if (::close(fd) != 0 && ok) {
    error = std::strerror(errno);
    ok = false;
  }
  return ok;
}

}  // namespace

bool write_file_atomically(const std::string& path, const std::string& content, std::string& error, bool durable) {
  return replace(path, content, default_mode(), durable, error);
}

bool write_output_file(const std::string& path, const std::string& content, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno != ENOENT) {
      error = std::strerror(errno);
      return false;
    }
    struct stat link {};
    if (::lstat(path.c_str(), &link) == 0)  // a link to nothing yet: create its target, as `>` would
      return write_through(path, content, O_CREAT | O_TRUNC, error);
    return replace(path, content, default_mode(), true, error);
  }
  if (S_ISDIR(st.st_mode)) {
    error = "it is a folder";
    return false;
  }
  // A device, a FIFO or a socket (`/dev/null`, `/dev/stdout`, a named pipe): written
  // into, never replaced.
  if (!S_ISREG(st.st_mode)) return write_through(path, content, O_TRUNC, error);
  // A regular file, maybe behind a symlink: the file is replaced, the link stays, and
  // the file keeps its permissions.
  std::string target = path;
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    target = real;
    std::free(real);
  }
  return replace(target, content, st.st_mode & 07777, true, error);
}

}  // namespace svc::cli
