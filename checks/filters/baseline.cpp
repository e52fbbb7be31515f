#include "common/input_file.h"
#include "checks/filters/baseline.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace svc::engine {
namespace {

constexpr int kVersion = 1;

void sort_entries(std::vector<BaselineEntry>& entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const BaselineEntry& a, const BaselineEntry& b) {
    return std::tie(a.path, a.rule, a.fingerprint) < std::tie(b.path, b.rule, b.fingerprint);
  });
}

std::string string_field(const nlohmann::json& entry, const char* key, std::size_t index,
                         const std::string& display_path, bool required) {
  auto it = entry.find(key);
  if (it == entry.end()) {
    if (!required) return "";
    throw BaselineError(fmt::format("{}: findings[{}] has no \"{}\"", display_path, index, key));
  }
  if (!it->is_string() || (required && it->get_ref<const std::string&>().empty()))
    throw BaselineError(fmt::format("{}: findings[{}].{} must be a non-empty string", display_path, index, key));
  return it->get<std::string>();
}

// nlohmann's messages start with "[json.exception.parse_error.101] ": users need the rest.
std::string without_exception_tag(std::string message) {
  if (!message.empty() && message[0] == '[') {
    auto end = message.find("] ");
    if (end != std::string::npos) message.erase(0, end + 2);
  }
  return message;
}

}  // namespace

Baseline baseline_from_findings(const std::vector<Finding>& findings) {
  Baseline b;
  for (const auto& f : findings)
    if (!f.suppressed) b.entries.push_back({f.fingerprint, f.rule, f.path, f.message});
  sort_entries(b.entries);
  return b;
}

std::string render_baseline(const Baseline& baseline) {
  using nlohmann::ordered_json;  // keys in the order people read them, not alphabetical
  auto sorted = baseline.entries;
  sort_entries(sorted);
  ordered_json findings = ordered_json::array();
  for (const auto& e : sorted)
    findings.push_back({{"fingerprint", e.fingerprint}, {"rule", e.rule}, {"path", e.path}, {"message", e.message}});
  ordered_json doc = {{"version", kVersion}, {"findings", std::move(findings)}};
  return doc.dump(2) + '\n';
}

Baseline parse_baseline(const std::string& text, const std::string& display_path) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse errors, and numbers out of range (1e400)
    throw BaselineError(fmt::format("{}: not valid JSON: {}", display_path, without_exception_tag(e.what())));
  }
  if (!doc.is_object() || !doc.contains("findings") || !doc["findings"].is_array())
    throw BaselineError(fmt::format("{}: not an svc baseline (expected {{\"version\": 1, \"findings\": [...]}})",
                                    display_path));
  auto version = doc.find("version");
  if (version == doc.end() || !version->is_number_integer() || version->get<int>() != kVersion)
    throw BaselineError(fmt::format("{}: unsupported baseline version (this svc reads version {})", display_path,
                                    kVersion));
  Baseline b;
  const auto& findings = doc["findings"];
  for (std::size_t i = 0; i < findings.size(); ++i) {
    const auto& e = findings[i];
    if (!e.is_object()) throw BaselineError(fmt::format("{}: findings[{}] must be an object", display_path, i));
    b.entries.push_back({string_field(e, "fingerprint", i, display_path, true),
                         string_field(e, "rule", i, display_path, true),
                         string_field(e, "path", i, display_path, false),
                         string_field(e, "message", i, display_path, false)});
  }
  sort_entries(b.entries);
  return b;
}

// A baseline of a large repository holds a line per finding: far more than a config.
constexpr std::size_t kMaxBaselineBytes = 256 * 1024 * 1024;

Baseline load_baseline(const std::string& path) {
  InputFile in = read_input_file(path, "", kMaxBaselineBytes);
  if (!in.ok()) throw BaselineError(fmt::format("cannot read baseline {}: {}", path, in.error));
  return parse_baseline(in.text, path);
}

BaselineMatch apply_baseline(const Baseline& baseline, std::vector<Finding>& findings,
                             const std::set<std::string>& rules_checked) {
  // Unused entries per fingerprint: a multiset, so one entry hides one finding.
  std::unordered_map<std::string, std::vector<std::size_t>> unused;
  for (std::size_t i = baseline.entries.size(); i-- > 0;) unused[baseline.entries[i].fingerprint].push_back(i);

  BaselineMatch match;
  std::erase_if(findings, [&](const Finding& f) {
    if (f.suppressed) return false;
    auto it = unused.find(f.fingerprint);
    if (it == unused.end() || it->second.empty()) return false;
    it->second.pop_back();
    ++match.hidden;
    return true;
  });
  for (const auto& [fingerprint, left] : unused)
    for (std::size_t i : left)
      if (rules_checked.count(baseline.entries[i].rule)) match.fixed.push_back(i);
  std::sort(match.fixed.begin(), match.fixed.end());
  return match;
}

Baseline without_fixed(const Baseline& baseline, const BaselineMatch& match) {
  Baseline out;
  std::size_t next = 0;  // match.fixed is sorted
  for (std::size_t i = 0; i < baseline.entries.size(); ++i) {
    if (next < match.fixed.size() && match.fixed[next] == i) {
      ++next;
      continue;
    }
    out.entries.push_back(baseline.entries[i]);
  }
  return out;
}

}  // namespace svc::engine
