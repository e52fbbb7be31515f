#include "checks/history/coupling.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace svc::history {
namespace {

// The modules each commit touched (each once, sorted, "" left out), asking `module_of`
// once per distinct path: the same files recur in thousands of commits.
class ModulesOfCommit {
 public:
  explicit ModulesOfCommit(const ModuleOf& module_of) : module_of_(module_of) {}

  std::vector<std::string> operator()(const Commit& commit) {
    std::set<std::string> modules;
    for (const auto& file : commit.files) {
      auto it = cache_.find(file);
      if (it == cache_.end()) it = cache_.emplace(file, module_of_(file)).first;
      if (!it->second.empty()) modules.insert(it->second);
    }
    return {modules.begin(), modules.end()};
  }

 private:
  const ModuleOf& module_of_;
  std::unordered_map<std::string, std::string> cache_;
};

}  // namespace

std::vector<ChangePair> change_coupling(const History& history, const ModuleOf& module_of,
                                        const CouplingThresholds& thresholds) {
  ModulesOfCommit modules_of(module_of);
  std::map<std::string, std::size_t> revisions;
  std::map<std::pair<std::string, std::string>, std::size_t> shared;
  for (const auto& commit : history.commits) {
    auto modules = modules_of(commit);
    for (std::size_t i = 0; i < modules.size(); ++i) {
      ++revisions[modules[i]];
      for (std::size_t j = i + 1; j < modules.size(); ++j) ++shared[{modules[i], modules[j]}];
    }
  }

  std::vector<ChangePair> out;
  for (const auto& [pair, together] : shared) {
    ChangePair p;
    p.a = pair.first;
    p.b = pair.second;
    p.shared_commits = together;
    p.revisions_a = revisions[p.a];
    p.revisions_b = revisions[p.b];
    p.degree = static_cast<double>(together) / ((p.revisions_a + p.revisions_b) / 2.0);
    if (p.revisions_a < thresholds.min_revisions || p.revisions_b < thresholds.min_revisions ||
        p.shared_commits < thresholds.min_shared || p.degree < thresholds.min_degree)
      continue;
    out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end(), [](const ChangePair& x, const ChangePair& y) {
    if (x.degree != y.degree) return x.degree > y.degree;
    if (x.shared_commits != y.shared_commits) return x.shared_commits > y.shared_commits;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return out;
}

std::vector<ModuleAuthors> authors_by_module(const History& history, const ModuleOf& module_of) {
  // One display name per email: the spelling used most, the newest on a tie (commits come
  // newest first, so the spelling seen first is the newest).
  struct Spelling {
    std::size_t uses = 0, first_seen = 0;
  };
  std::map<std::string, std::map<std::string, Spelling>> spellings;  // email -> name -> uses
  for (std::size_t i = 0; i < history.commits.size(); ++i) {
    const Commit& commit = history.commits[i];
    ++spellings[commit.email].try_emplace(commit.author, Spelling{0, i}).first->second.uses;
  }
  std::map<std::string, std::string> display;
  for (const auto& [email, names] : spellings) {
    auto best = std::max_element(names.begin(), names.end(), [](const auto& x, const auto& y) {
      if (x.second.uses != y.second.uses) return x.second.uses < y.second.uses;
      return x.second.first_seen > y.second.first_seen;
    });
    display[email] = best->first;
  }

  ModulesOfCommit modules_of(module_of);
  std::map<std::string, std::map<std::string, std::size_t>> by_module;  // module -> email -> commits
  std::map<std::string, std::size_t> commits;
  for (const auto& commit : history.commits)
    for (const auto& module : modules_of(commit)) {
      ++by_module[module][commit.email];
      ++commits[module];
    }

  std::vector<ModuleAuthors> out;
  for (const auto& [module, authors] : by_module) {
    ModuleAuthors m;
    m.path = module;
    m.commits = commits[module];
    for (const auto& [email, n] : authors) m.authors.push_back({display[email], email, n});
    std::sort(m.authors.begin(), m.authors.end(), [](const AuthorCommits& x, const AuthorCommits& y) {
      if (x.commits != y.commits) return x.commits > y.commits;
      return std::tie(x.name, x.email) < std::tie(y.name, y.email);
    });
    m.main_share = static_cast<double>(m.authors.front().commits) / m.commits;
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace svc::history
