#include "checks/history/codeowners.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/path_glob.h"

namespace fs = std::filesystem;

namespace svc::history {
namespace {

// Stands for "a file directly inside this folder" when a folder's owners are asked for.
constexpr std::string_view kAnyFile = "\x1f";

// Whitespace-separated words up to a `#` comment.
std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  for (std::string w; in >> w;) {
    if (w[0] == '#') break;
    out.push_back(std::move(w));
  }
  return out;
}

// A GitLab section header, "[Name]", "^[Name]" or "[Name][2]", then its default owners;
// nullopt for any other line.
std::optional<std::vector<std::string>> section_owners(const std::string& line) {
  std::size_t start = line[0] == '^' ? 1 : 0;
  if (line.size() <= start || line[start] != '[') return std::nullopt;
  std::size_t close = line.find(']', start);
  if (close == std::string::npos) return std::nullopt;
  std::size_t rest = close + 1;
  if (rest < line.size() && line[rest] == '[') {  // the number of approvals
    std::size_t count_close = line.find(']', rest);
    rest = count_close == std::string::npos ? line.size() : count_close + 1;
  }
  return words(line.substr(rest));
}

// gitignore-style, as GitHub reads CODEOWNERS: a slash at the start or in the middle
// anchors the pattern at the root, otherwise it matches at any depth; a pattern that names
// a folder owns everything under it, one ending in "/" only that; a last segment of "*"
// ("docs/*") owns the files directly inside, not deeper ones.
bool pattern_matches(std::string pattern, const std::string& path) {
  if (pattern.rfind("\\#", 0) == 0) pattern.erase(0, 1);
  bool folder_only = false;
  while (!pattern.empty() && pattern.back() == '/') {
    folder_only = true;
    pattern.pop_back();
  }
  if (pattern.empty()) return true;  // "/": the whole repository
  bool anchored = pattern.find('/') != std::string::npos;
  if (pattern[0] == '/') pattern.erase(0, 1);
  std::string glob = anchored ? pattern : "**/" + pattern;
  if (folder_only) return engine::path_glob_matches(glob + "/**/*", path);
  bool direct_children = pattern == "*" || pattern.ends_with("/*");
  return engine::path_glob_matches(direct_children ? glob : glob + "/**", path);
}

}  // namespace

std::optional<CodeOwners> CodeOwners::read(const std::string& root) {
  for (const char* candidate : {".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"}) {
    fs::path file = fs::path(root) / candidate;
    std::error_code ec;
    if (!fs::is_regular_file(file, ec)) continue;
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return std::nullopt;
    return parse(text.str(), candidate);
  }
  return std::nullopt;
}

CodeOwners CodeOwners::parse(const std::string& text, const std::string& file) {
  CodeOwners out;
  out.file_ = file;
  std::vector<std::string> section_defaults;  // GitLab: owners of a section's rules that name none
  std::istringstream in(text);
  int number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    std::size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    line = line.substr(first);
    if (auto defaults = section_owners(line)) {
      section_defaults = std::move(*defaults);
      continue;
    }
    auto w = words(line);
    if (w.empty()) continue;
    CodeOwnersRule rule;
    rule.pattern = w[0];
    rule.owners.assign(w.begin() + 1, w.end());
    if (rule.owners.empty()) rule.owners = section_defaults;
    rule.line = number;
    out.rules_.push_back(std::move(rule));
  }
  return out;
}

std::vector<std::string> CodeOwners::owners_of(const std::string& path) const {
  std::string p = path;
  while (p.rfind("./", 0) == 0) p.erase(0, 2);
  while (!p.empty() && p[0] == '/') p.erase(0, 1);
  if (p.empty() || p.back() == '/') p += kAnyFile;
  for (auto rule = rules_.rbegin(); rule != rules_.rend(); ++rule)
    if (pattern_matches(rule->pattern, p)) return rule->owners;
  return {};
}

}  // namespace svc::history
