// How `--since` narrows an audit: which findings stay, and which checks may skip the
// files that did not change.
#pragma once
#include <cstddef>
#include <vector>

#include "checks/workspace/changed_lines.h"
#include "checks/core/findings.h"
#include "checks/core/rule_catalog.h"
#include "checks/workspace/services.h"

namespace svc::engine {

// Keeps findings in changed files that cover a changed line, plus findings about a
// whole service (at its anchor file, line 1, empty span) when that file changed at
// all. Returns how many findings were left out.
std::size_t keep_changed_findings(std::vector<Finding>& findings, const ChangedLines& changed,
                                  const std::vector<Service>& services);


}  // namespace svc::engine
