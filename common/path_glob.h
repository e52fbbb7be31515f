#pragma once
// Globs over '/'-separated paths: `*` and `?` within one segment, `**` any number of
// segments ("**/metrics" matches /metrics and /internal/metrics). Route paths in
// `.svc.yaml` and `when:` globs of templates use it.
#include <string_view>
#include <vector>

namespace svc::engine {

bool path_glob_matches(std::string_view glob, std::string_view path);

// "/a//b/" -> {"a", "b"}: the non-empty segments.
std::vector<std::string_view> split_segments(std::string_view path);

}  // namespace svc::engine
