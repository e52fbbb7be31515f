#pragma once
// Counts in sentences: "1 table", "3 tables". Internal to checks/review.
#include <cstddef>
#include <string>

#include <fmt/format.h>

namespace svc::review {

inline std::string counted(std::size_t n, const std::string& singular, const std::string& plural = "") {
  return fmt::format("{} {}", n, n == 1 ? singular : plural.empty() ? singular + "s" : plural);
}

}  // namespace svc::review
