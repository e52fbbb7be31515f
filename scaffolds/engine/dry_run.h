#pragma once
// `svc new --dry-run`: the tree it would write, then each new file in full and a unified
// diff for each existing file that would change. Never touches the disk.
#include <ostream>
#include <string>
#include <vector>

#include "scaffolds/engine/writer.h"

namespace svc::scaffolds {

void print_dry_run(std::ostream& out, const std::string& target, const std::vector<PlanEntry>& plan, bool color);

// `--- a/PATH` / `+++ b/PATH` and the hunks between `before` and `after`, line by line.
std::string unified_diff(const std::string& path, const std::string& before, const std::string& after);

}  // namespace svc::scaffolds
