#include "common/path_glob.h"

#include <cstddef>

namespace svc::engine {
namespace {

// `*` and `?` within one segment.
bool segment_matches(std::string_view glob, std::string_view text) {
  if (glob.empty()) return text.empty();
  if (glob[0] == '*') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip)
      if (segment_matches(glob.substr(1), text.substr(skip))) return true;
    return false;
  }
  if (text.empty() || (glob[0] != '?' && glob[0] != text[0])) return false;
  return segment_matches(glob.substr(1), text.substr(1));
}

bool segments_match(const std::vector<std::string_view>& glob, std::size_t g,
                    const std::vector<std::string_view>& path, std::size_t p) {
  if (g == glob.size()) return p == path.size();
  if (glob[g] == "**") {
    for (std::size_t skip = p; skip <= path.size(); ++skip)
      if (segments_match(glob, g + 1, path, skip)) return true;
    return false;
  }
  return p < path.size() && segment_matches(glob[g], path[p]) && segments_match(glob, g + 1, path, p + 1);
}

}  // namespace

std::vector<std::string_view> split_segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool path_glob_matches(std::string_view glob, std::string_view path) {
  return segments_match(split_segments(glob), 0, split_segments(path), 0);
}

}  // namespace svc::engine
