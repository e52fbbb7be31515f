#include "checks/filters/since_filter.h"

#include <algorithm>
#include <set>
#include <string>

namespace svc::engine {
namespace {

bool is_whole_service(const Finding& f, const std::set<std::string>& anchors) {
  return f.line == 1 && f.end_line == 1 && f.column == f.end_column && anchors.count(f.path) > 0;
}

}  // namespace

std::size_t keep_changed_findings(std::vector<Finding>& findings, const ChangedLines& changed,
                                  const std::vector<Service>& services) {
  std::set<std::string> anchors;
  for (const auto& s : services) anchors.insert(s.anchor_file());
  auto outside = [&](const Finding& f) {
    const ChangedFile* file = changed.find(f.path);
    if (!file) return true;
    return !file->touches(f.line, f.end_line) && !is_whole_service(f, anchors);
  };
  auto kept_end = std::remove_if(findings.begin(), findings.end(), outside);
  std::size_t hidden = static_cast<std::size_t>(findings.end() - kept_end);
  findings.erase(kept_end, findings.end());
  return hidden;
}


}  // namespace svc::engine
