#include "checks/builtin/jwt/jwt_durations.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace svc::builtin {
namespace {

constexpr double kMinute = 60, kHour = 3600, kDay = 86400, kWeek = 7 * kDay;
constexpr double kYear = 365.25 * kDay;  // as vercel/ms and jose count a year

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The unit words both ms and jose accept, and the seconds each stands for.
std::optional<double> span_unit(const std::string& unit) {
  static const std::vector<std::pair<std::vector<std::string>, double>> units = {
      {{"ms", "msec", "msecs", "millisecond", "milliseconds"}, 0.001},
      {{"s", "sec", "secs", "second", "seconds"}, 1},
      {{"m", "min", "mins", "minute", "minutes"}, kMinute},
      {{"h", "hr", "hrs", "hour", "hours"}, kHour},
      {{"d", "day", "days"}, kDay},
      {{"w", "week", "weeks"}, kWeek},
      {{"y", "yr", "yrs", "year", "years"}, kYear},
  };
  for (const auto& [words, seconds] : units)
    for (const auto& w : words)
      if (w == unit) return seconds;
  return std::nullopt;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// "ACCESS_TOKEN_EXPIRE_MINUTES" → access, token, expire, minutes; "jwtTtlSeconds" → jwt, ttl, seconds.
std::vector<std::string> words_of(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool boundary = !std::isalnum(static_cast<unsigned char>(c)) ||
                    (std::isupper(static_cast<unsigned char>(c)) && i > 0 &&
                     std::islower(static_cast<unsigned char>(name[i - 1])));
    if (boundary && !cur.empty()) out.push_back(lower(cur)), cur.clear();
    if (std::isalnum(static_cast<unsigned char>(c))) cur += c;
  }
  if (!cur.empty()) out.push_back(lower(cur));
  return out;
}

}  // namespace

std::optional<double> parse_time_span(std::string_view text, bool bare_is_ms) {
  std::string_view s = trim(text);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  std::size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
  if (i == 0) return std::nullopt;
  std::string number(s.substr(0, i));
  char* end = nullptr;
  double value = std::strtod(number.c_str(), &end);
  if (end != number.c_str() + number.size()) return std::nullopt;
  std::string unit = lower(trim(s.substr(i)));
  if (unit.empty()) return bare_is_ms ? std::optional<double>(value / 1000) : std::nullopt;
  auto per = span_unit(unit);
  if (!per) return std::nullopt;
  return value * *per;
}

std::optional<double> unit_from_name(std::string_view name) {
  auto words = words_of(name);
  for (auto w = words.rbegin(); w != words.rend(); ++w) {
    // Single letters ("s", "m") are too ambiguous inside a name to be units.
    if (w->size() < 2) continue;
    if (auto per = span_unit(*w)) return per;
  }
  return std::nullopt;
}

std::optional<double> timedelta_unit(std::string_view keyword) {
  static const std::vector<std::pair<std::string_view, double>> units = {
      {"weeks", kWeek}, {"days", kDay}, {"hours", kHour}, {"minutes", kMinute},
      {"seconds", 1},   {"milliseconds", 0.001}, {"microseconds", 0.000001}};
  for (const auto& [word, seconds] : units)
    if (word == keyword) return seconds;
  return std::nullopt;
}

std::string describe_seconds(double seconds) {
  static const std::pair<double, const char*> units[] = {
      {kDay, "day"}, {kHour, "hour"}, {kMinute, "minute"}, {1, "second"}};
  for (const auto& [per, name] : units) {
    double n = seconds / per;
    if (n >= 1 && std::fabs(n - std::round(n)) < 1e-9)
      return fmt::format("{} {}{}", static_cast<long long>(std::round(n)), name, n == 1 ? "" : "s");
  }
  return fmt::format("{:g} seconds", seconds);
}

}  // namespace svc::builtin
