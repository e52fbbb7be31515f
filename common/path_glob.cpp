#include "common/path_glob.h"

#include <cstddef>
#include <cstdint>

namespace svc::engine {
namespace {

// Wildcard matching with one backtracking point, the last star: when a later element
// fails, the star takes one more item and matching resumes after it. That is enough
// (a later star can only do better than an earlier one) and keeps matching linear in
// practice, quadratic at worst, where trying every split recursively is exponential in
// the number of stars (a CODEOWNERS line of 80 `*` took seconds).
template <typename Items, typename IsStar, typename Matches>
bool wildcard_match(const Items& glob, const Items& text, IsStar is_star, Matches matches) {
  std::size_t g = 0, t = 0, star = SIZE_MAX, resume = 0;
  while (t < text.size()) {
    if (g < glob.size() && is_star(glob[g])) {
      star = g++;
      resume = t;
    } else if (g < glob.size() && matches(glob[g], text[t])) {
      ++g;
      ++t;
    } else if (star != SIZE_MAX) {
      g = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (g < glob.size() && is_star(glob[g])) ++g;
  return g == glob.size();
}

// `*` and `?` within one segment.
bool segment_matches(std::string_view glob, std::string_view text) {
  return wildcard_match(
      glob, text, [](char c) { return c == '*'; }, [](char g, char t) { return g == '?' || g == t; });
}

// `**` for any number of segments, each other segment matched by segment_matches().
bool segments_match(const std::vector<std::string_view>& glob, const std::vector<std::string_view>& path) {
  return wildcard_match(
      glob, path, [](std::string_view s) { return s == "**"; },
      [](std::string_view g, std::string_view p) { return segment_matches(g, p); });
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
  return segments_match(split_segments(glob), split_segments(path));
}

}  // namespace svc::engine
