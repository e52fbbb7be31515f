// read_history on a scripted repository: which commits are kept, what each records, and
// how a missing, empty or shallow repository is reported.
#include <catch2/catch.hpp>

#include <atomic>

#include "checks/core/errors.h"
#include "checks/history/history.h"
#include "e2e/git_history.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"
#include "unit/history/scripted_repo.h"

using namespace svc::history;
using namespace svc::history::testing;
using Files = std::vector<std::string>;

namespace {

History read(const std::string& root, int days = 0, unsigned jobs = 2, std::size_t max_files = 50) {
  HistoryOptions options;
  options.root = root;
  options.days = days;
  options.jobs = jobs;
  options.max_files_per_commit = max_files;
  return read_history(options);
}

std::vector<std::string> ids(const History& h) {
  std::vector<std::string> out;
  for (const auto& c : h.commits) out.push_back(c.id);
  return out;
}

}  // namespace

TEST_CASE("history: the whole repository, newest first, without merges, mass changes or empty commits",
          "[history]") {
  ScriptedRepo repo;
  History h = read(repo.tree.str());
  REQUIRE(h.available);
  CHECK_FALSE(h.shallow);
  CHECK(h.why.empty());
  CHECK(h.walked == 15);
  CHECK(h.merges == 1);
  CHECK(h.too_large == 1);  // 56 files
  CHECK(h.empty == 1);
  CHECK(ids(h) == std::vector<std::string>{repo.ana2, repo.docs, repo.bo3, repo.cy4, repo.feature, repo.cy3, repo.cy2,
                                           repo.cy1, repo.ana, repo.bo2, repo.bo1, repo.root});
  CHECK(h.since == kStart);
  CHECK(h.until == kStart + 13 * kDay);

  const Commit& first = h.commits.back();
  CHECK(first.id.size() == 40);
  CHECK(first.author == "Ana Lima");  // "ana <ana.lima@old.example>" through .mailmap
  CHECK(first.email == "ana@example.com");
  CHECK(first.time == kStart);
  CHECK(first.files == Files{".mailmap", "packages/ui/index.ts", "services/billing/index.ts",
                             "services/orders/index.ts"});

  const Commit& bo3 = h.commits[2];
  CHECK(bo3.author == "Bo Chen");
  CHECK(bo3.email == "bo.chen@example.com");  // lower-cased
  CHECK(bo3.time == kStart + 11 * kDay);
  CHECK(bo3.files == Files{"services/billing/c.ts", "services/orders/b.ts"});  // a deletion counts

  const Commit& bo2 = h.commits[9];
  CHECK(bo2.author == "bo chen");  // no mailmap entry: as written
  CHECK(bo2.email == "bo.chen@example.com");

  // The merged branch's commit is read once, from the branch, not again through the merge.
  CHECK(h.commits[4].files == Files{"services/billing/d.ts", "services/orders/c.ts"});
}

TEST_CASE("history: a subfolder keeps only its files, relative to it, and cuts large commits by those", "[history]") {
  ScriptedRepo repo;
  History h = read((repo.tree.path() / "services").string());
  REQUIRE(h.available);
  CHECK(h.walked == 15);
  CHECK(h.merges == 1);
  CHECK(h.too_large == 0);  // the mass change touched one file here
  CHECK(h.empty == 6);      // the UI, docs and empty commits
  CHECK(ids(h) == std::vector<std::string>{repo.bo3, repo.feature, repo.huge, repo.cy2, repo.ana, repo.bo2, repo.bo1,
                                           repo.root});
  CHECK(h.commits[2].files == Files{"orders/huge.ts"});
  CHECK(h.commits[3].files == Files{"orders/a.ts"});
  CHECK(h.commits.back().files == Files{"billing/index.ts", "orders/index.ts"});
  CHECK(h.since == kStart);
  CHECK(h.until == kStart + 11 * kDay);
}

TEST_CASE("history: --days counts back from HEAD's time and stops the walk there", "[history]") {
  ScriptedRepo repo;
  History h = read(repo.tree.str(), 5);  // HEAD is day 14: days 9 to 14
  REQUIRE(h.available);
  CHECK(h.walked == 6);
  CHECK(h.merges == 1);
  CHECK(h.empty == 1);
  CHECK(h.too_large == 0);
  CHECK(ids(h) == std::vector<std::string>{repo.ana2, repo.docs, repo.bo3, repo.cy4});
  CHECK(h.since == kStart + 9 * kDay);
  CHECK(h.until == kStart + 13 * kDay);
}

TEST_CASE("history: max_files_per_commit counts the files under the root", "[history]") {
  ScriptedRepo repo;
  History h = read(repo.tree.str(), 0, 2, 3);
  CHECK(h.too_large == 2);  // the first commit (4 files) and the mass change; 3 files stay
  CHECK(h.commits.size() == 11);
  CHECK(h.commits.back().id == repo.bo1);
}

TEST_CASE("history: one thread or several read the same history", "[history]") {
  ScriptedRepo repo;
  History one = read(repo.tree.str(), 0, 1), many = read(repo.tree.str(), 0, 8);
  REQUIRE(one.commits.size() == many.commits.size());
  for (std::size_t i = 0; i < one.commits.size(); ++i) {
    CHECK(one.commits[i].id == many.commits[i].id);
    CHECK(one.commits[i].files == many.commits[i].files);
  }
}

TEST_CASE("history: a shallow clone has no history to read, and says how to get it", "[history]") {
  ScriptedRepo repo;
  svc::e2e::make_shallow(repo.tree.path(), {repo.ana2});
  History h = read(repo.tree.str());
  CHECK_FALSE(h.available);
  CHECK(h.shallow);
  CHECK(h.commits.empty());
  CHECK(h.why.find("shallow clone") != std::string::npos);
  CHECK(h.why.find("git fetch --unshallow") != std::string::npos);
}

TEST_CASE("history: a folder outside git, a missing folder and a repository without commits", "[history]") {
  svc::e2e::TempTree plain;
  plain.write_file("app/index.ts", "x");
  History h = read(plain.str());
  CHECK_FALSE(h.available);
  CHECK_FALSE(h.shallow);
  CHECK(h.why.find("is not in a git repository") != std::string::npos);

  History missing = read((plain.path() / "nope").string());
  CHECK_FALSE(missing.available);
  CHECK(missing.why.find("is not a folder") != std::string::npos);

  svc::e2e::TempTree fresh;
  { svc::e2e::GitRepo init(fresh.path()); }
  History none = read(fresh.str());
  CHECK_FALSE(none.available);
  CHECK(none.why.find("no commit yet") != std::string::npos);
}

TEST_CASE("history: a cancelled read throws Interrupted", "[history]") {
  ScriptedRepo repo;
  std::atomic<std::size_t> cancel{1};
  HistoryOptions options;
  options.root = repo.tree.str();
  options.cancel = &cancel;
  CHECK_THROWS_AS(read_history(options), svc::engine::Interrupted);
}
