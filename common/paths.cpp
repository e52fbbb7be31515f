#include "common/paths.h"

#include <algorithm>
#include <vector>

namespace svc::engine {

std::string base_name(std::string_view path) {
  auto slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string folder_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? "." : std::string(path.substr(0, slash));
}

std::string dir_of(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash));
}

std::string join_relative(const std::string& dir, const std::string& path) {
  if (!path.empty() && path.front() == '/') return "";
  std::vector<std::string> parts;
  auto push = [&](const std::string& s) {
    std::size_t b = 0;
    while (b <= s.size()) {
      std::size_t e = s.find('/', b);
      std::string seg = s.substr(b, e == std::string::npos ? std::string::npos : e - b);
      if (seg == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!seg.empty() && seg != ".") {
        parts.push_back(seg);
      }
      if (e == std::string::npos) break;
      b = e + 1;
    }
    return true;
  };
  if (!push(dir == "." ? "" : dir) || !push(path)) return "";
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "/") + p;
  return out.empty() ? "." : out;
}

bool inside_folder(const std::string& path, const std::string& dir) {
  return dir == "." || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  for (std::size_t b = 0; b <= path.size();) {
    std::size_t e = std::min(path.find('/', b), path.size());
    if (e > b) out.emplace_back(path.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

}  // namespace svc::engine
