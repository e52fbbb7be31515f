#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace svc::cli {

// The candidate closest to `word` by edit distance, if it is close enough to be a
// plausible typo ("did you mean ...?").
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace svc::cli
