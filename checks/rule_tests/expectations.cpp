#include "checks/rule_tests/expectations.h"

#include <algorithm>
#include <sstream>

#include <re2/re2.h>

#include "checks/workspace/workspace.h"

namespace svc::engine {
namespace {

bool is_expectation_line(const std::string& line) {
  return line.find("svc-expect:") != std::string::npos || line.find("svc-ok:") != std::string::npos;
}

// JSON has no comment syntax: a manifest fixture cannot say what it expects.
bool can_carry_marker(const std::string& path, const std::string& text) {
  return !text.empty() && !(path.size() >= 5 && path.compare(path.size() - 5, 5, ".json") == 0);
}

}  // namespace

FixtureExpectations read_expectations(const std::string& root) {
  static const RE2 directive(R"re(svc-(expect|ok):\s*([A-Za-z0-9_/-]+(?:\s*,\s*[A-Za-z0-9_/-]+)*)(?:\s+"([^"]*)")?)re");
  static const RE2 id_re("([A-Za-z0-9_/-]+)");
  FixtureExpectations out;
  Workspace ws(root, {});
  for (const auto& path : ws.files()) {
    ReadResult r = ws.read(path);
    if (r.status != ReadStatus::ok) continue;
    std::vector<std::string> lines;
    std::istringstream in(r.text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    std::size_t before = out.expectations.size();
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::string kind, ids, message;
      if (!RE2::PartialMatch(lines[i], directive, &kind, &ids, &message)) continue;
      std::size_t target = i + 1;
      while (target < lines.size() && is_expectation_line(lines[target])) ++target;
      re2::StringPiece rest(ids);
      std::string id;
      while (RE2::FindAndConsume(&rest, id_re, &id))
        out.expectations.push_back(
            {path, static_cast<int>(i + 1), static_cast<int>(target + 1), id, kind == "expect", message});
    }
    if (out.expectations.size() == before && can_carry_marker(path, r.text)) out.unmarked_files.push_back(path);
  }
  std::sort(out.unmarked_files.begin(), out.unmarked_files.end());
  return out;
}


}  // namespace svc::engine
