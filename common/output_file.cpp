#include "common/output_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>

#include <sys/stat.h>
#include <unistd.h>

namespace svc::cli {

bool write_file_atomically(const std::string& path, const std::string& content, std::string& error, bool durable) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".XXXXXX")).string();
  int fd = mkstemp(tmpl.data());
  if (fd < 0) {
    error = std::strerror(errno);
    return false;
  }
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      error = std::strerror(errno);
      ::close(fd);
      std::remove(tmpl.c_str());
      return false;
    }
    written += static_cast<std::size_t>(n);
  }
  fchmod(fd, 0644);
  if ((durable && ::fsync(fd) != 0) || ::close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    error = std::strerror(errno);
    std::remove(tmpl.c_str());
    return false;
  }
  return true;
}

}  // namespace svc::cli
