#include "unit/rules/expectations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

namespace fs = std::filesystem;

namespace {
bool is_expectation_line(const std::string& line) {
  return line.find("svc-expect:") != std::string::npos || line.find("svc-ok:") != std::string::npos;
}

// JSON has no comment syntax: a manifest fixture cannot say what it expects.
bool can_carry_marker(const fs::path& file) { return file.extension() != ".json" && fs::file_size(file) > 0; }
}  // namespace

FixtureExpectations read_expectations(const std::string& root) {
  static const std::regex directive(
      R"re(svc-(expect|ok):\s*([A-Za-z0-9_-]+(?:\s*,\s*[A-Za-z0-9_-]+)*)(?:\s+"([^"]*)")?)re");
  static const std::regex id_re("[A-Za-z0-9_-]+");
  FixtureExpectations out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::string rel = fs::relative(entry.path(), root).generic_string();
    std::size_t before = out.expectations.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_search(lines[i], m, directive)) continue;
      std::size_t target = i + 1;
      while (target < lines.size() && is_expectation_line(lines[target])) ++target;
      std::string ids = m[2];
      for (auto it = std::sregex_iterator(ids.begin(), ids.end(), id_re); it != std::sregex_iterator(); ++it)
        out.expectations.push_back(
            {rel, static_cast<int>(i + 1), static_cast<int>(target + 1), it->str(), m[1] == "expect", m[3].str()});
    }
    if (out.expectations.size() == before && can_carry_marker(entry.path())) out.unmarked_files.push_back(rel);
  }
  std::sort(out.unmarked_files.begin(), out.unmarked_files.end());
  return out;
}

std::set<std::string> message_fields(const std::string& tmpl) {
  static const std::regex field(R"(\{([A-Za-z_][A-Za-z0-9_]*)\})");
  std::set<std::string> out;
  for (auto it = std::sregex_iterator(tmpl.begin(), tmpl.end(), field); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}
