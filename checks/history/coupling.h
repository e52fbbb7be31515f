#pragma once
// Change coupling and authorship by module, from a History. A module is whatever
// `module_of` maps a path to ("" for a path in no module): `svc review` passes services,
// packages, candidates and top-level folders.
#include <functional>
#include <string>
#include <vector>

#include "checks/history/history.h"

namespace svc::history {

using ModuleOf = std::function<std::string(const std::string& path)>;

// Two modules changed by the same commits (after History's large-commit cut).
struct ChangePair {
  std::string a, b;  // a < b
  std::size_t shared_commits = 0;
  std::size_t revisions_a = 0, revisions_b = 0;  // commits touching each
  double degree = 0.0;  // shared / mean(revisions_a, revisions_b), 0..1
};

struct CouplingThresholds {
  std::size_t min_revisions = 5;  // each side changed at least this often
  std::size_t min_shared = 3;     // and together at least this often
  double min_degree = 0.3;        // and the degree at least this
};

// Pairs above all three thresholds, by degree (then shared commits) descending, then a, b.
std::vector<ChangePair> change_coupling(const History& history, const ModuleOf& module_of,
                                        const CouplingThresholds& thresholds = {});

struct AuthorCommits {
  std::string name;
  std::string email;
  std::size_t commits = 0;
};

struct ModuleAuthors {
  std::string path;  // the module
  std::vector<AuthorCommits> authors;  // by commits descending, then name
  std::size_t commits = 0;             // commits touching the module
  double main_share = 0.0;             // the first author's commits / commits
};

// Authors per module (modules with at least one commit), sorted by path.
std::vector<ModuleAuthors> authors_by_module(const History& history, const ModuleOf& module_of);

}  // namespace svc::history
