#include "scaffolds/engine/variables.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace svc::scaffolds {
namespace {

std::optional<long long> parse_integer(const std::string& text) {
  long long value = 0;
  const char* begin = text.data();
  const char* end = begin + text.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (ec != std::errc() || ptr != end || begin == end) return std::nullopt;
  return value;
}

std::vector<std::string> slug_words(const std::string& slug) {
  std::vector<std::string> words;
  std::string current;
  for (char c : slug) {
    if (c == '-') {
      words.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) words.push_back(current);
  return words;
}

std::string capitalised(std::string word) {
  if (!word.empty()) word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
  return word;
}

}  // namespace

std::optional<VariableType> parse_variable_type(const std::string& text) {
  if (text == "slug") return VariableType::slug;
  if (text == "string") return VariableType::string;
  if (text == "int") return VariableType::integer;
  if (text == "port") return VariableType::port;
  if (text == "choice") return VariableType::choice;
  if (text == "bool") return VariableType::boolean;
  return std::nullopt;
}

const char* variable_type_name(VariableType type) {
  switch (type) {
    case VariableType::slug: return "slug";
    case VariableType::string: return "string";
    case VariableType::integer: return "int";
    case VariableType::port: return "port";
    case VariableType::choice: return "choice";
    case VariableType::boolean: return "bool";
  }
  return "string";
}

bool is_slug(const std::string& text) {
  if (text.empty() || text.size() > 63 || !std::islower(static_cast<unsigned char>(text[0]))) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
    if (c == '-' && (i + 1 == text.size() || text[i + 1] == '-')) return false;
  }
  return true;
}

CheckedValue check_value(const Variable& v, const std::string& raw) {
  switch (v.type) {
    case VariableType::slug:
      if (is_slug(raw)) return {raw, ""};
      return {"", fmt::format("'{}' is not a valid {}: use lowercase letters, digits and single dashes, "
                              "starting with a letter, at most 63 characters (e.g. orders, billing-api)",
                              raw, v.name)};
    case VariableType::string:
      return {raw, ""};
    case VariableType::integer:
      if (auto n = parse_integer(raw)) return {std::to_string(*n), ""};
      return {"", fmt::format("'{}' is not a whole number", raw)};
    case VariableType::port:
      if (auto n = parse_integer(raw); n && *n >= 1 && *n <= 65535) return {std::to_string(*n), ""};
      return {"", fmt::format("'{}' is not a port: use a number from 1 to 65535", raw)};
    case VariableType::choice:
      for (const auto& c : v.choices)
        if (c == raw) return {raw, ""};
      return {"", fmt::format("'{}' is not one of: {}", raw, join(v.choices))};
    case VariableType::boolean:
      if (raw == "true" || raw == "yes" || raw == "y" || raw == "on") return {"true", ""};
      if (raw == "false" || raw == "no" || raw == "n" || raw == "off") return {"false", ""};
      return {"", fmt::format("'{}' is not true or false (yes and no work too)", raw)};
  }
  return {raw, ""};
}

DerivedNames derive_names(const std::string& slug) {
  DerivedNames out;
  for (const auto& word : slug_words(slug)) {
    bool first = out.pascal.empty();
    out.snake += (first ? "" : "_") + word;
    out.camel += first ? word : capitalised(word);
    out.pascal += capitalised(word);
    out.title += (first ? "" : " ") + capitalised(word);
  }
  return out;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

}  // namespace svc::scaffolds
