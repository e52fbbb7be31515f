#pragma once
// A small monorepo with a scripted history, shared by the history tests: two services
// that always ship together (services/orders, services/billing), a UI package that
// mostly changes alone, one mass change, a merged branch, an empty commit, and an author
// whose two spellings .mailmap merges. Dates are days after kStart.
#include <cstdint>
#include <string>

#include "e2e/temp_tree.h"

namespace svc::history::testing {

constexpr std::int64_t kStart = 1700000000;
constexpr std::int64_t kDay = 24 * 60 * 60;

struct ScriptedRepo {
  e2e::TempTree tree;
  // Commit ids, oldest first (see scripted_repo.cpp for what each changes).
  std::string root, bo1, bo2, ana, cy1, cy2, cy3, huge, feature, cy4, merge, bo3, docs, ana2, empty;
  ScriptedRepo();
};

// "services/orders/a.ts" -> "services/orders"; "" outside services/ and packages/.
std::string module_of(const std::string& path);

}  // namespace svc::history::testing
