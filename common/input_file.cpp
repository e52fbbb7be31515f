#include "common/input_file.h"

#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace svc::engine {
namespace {

std::string real_path(const std::string& path) {
  std::string out;
  if (char* real = ::realpath(path.c_str(), nullptr)) {
    out = real;
    std::free(real);
  }
  return out;
}

bool within(const std::string& path, const std::string& folder) {
  return path == folder || (path.size() > folder.size() && path.compare(0, folder.size(), folder) == 0 &&
                            (folder.back() == '/' || path[folder.size()] == '/'));
}

}  // namespace

InputFile read_input_file(const std::string& path, const std::string& inside, std::size_t max_bytes) {
  if (!inside.empty()) {
    std::string real = real_path(path), folder = real_path(inside);
    if (!real.empty() && !folder.empty() && !within(real, folder))
      return {{}, "it is a symlink to " + real + ", outside " + inside};
  }
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return {{}, std::strerror(errno)};
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return {{}, std::strerror(err)};
  }
  std::string_view kind = S_ISDIR(st.st_mode)    ? "a folder"
                          : S_ISFIFO(st.st_mode) ? "a FIFO"
                          : S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "a device"
                          : S_ISSOCK(st.st_mode) ? "a socket"
                          : S_ISREG(st.st_mode)  ? ""
                                                 : "not a regular file";
  if (!kind.empty()) {
    ::close(fd);
    return {{}, "it is " + std::string(kind) + ", not a file"};
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return {{}, "it is over " + std::to_string(max_bytes / (1024 * 1024)) + " MiB"};
  }
  InputFile out;
  out.text.resize(static_cast<std::size_t>(st.st_size));
  std::size_t got = 0;
  while (got < out.text.size()) {
    ssize_t n = ::read(fd, out.text.data() + got, out.text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.error = std::strerror(errno);
      break;
    }
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  out.text.resize(got);
  return out;
}

}  // namespace svc::engine
