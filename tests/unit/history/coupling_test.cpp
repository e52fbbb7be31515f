// change_coupling and authors_by_module on the scripted history, and on hand-made ones.
#include <catch2/catch.hpp>

#include "checks/history/coupling.h"
#include "unit/history/scripted_repo.h"

using namespace svc::history;
using namespace svc::history::testing;

namespace {

History scripted(const ScriptedRepo& repo) {
  HistoryOptions options;
  options.root = repo.tree.str();
  return read_history(options);
}

Commit commit(const std::string& author, const std::string& email, std::vector<std::string> files) {
  Commit c;
  c.author = author;
  c.email = email;
  c.files = std::move(files);
  return c;
}

}  // namespace

TEST_CASE("change coupling: services that ship together, above the default thresholds", "[history]") {
  ScriptedRepo repo;
  History h = scripted(repo);
  auto pairs = change_coupling(h, module_of);
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].a == "services/billing");
  CHECK(pairs[0].b == "services/orders");
  CHECK(pairs[0].shared_commits == 6);
  CHECK(pairs[0].revisions_a == 6);
  CHECK(pairs[0].revisions_b == 7);
  CHECK(pairs[0].degree == Approx(6.0 / 6.5));
}

TEST_CASE("change coupling: every pair with the thresholds lowered, by degree", "[history]") {
  ScriptedRepo repo;
  History h = scripted(repo);
  auto pairs = change_coupling(h, module_of, {1, 1, 0.0});
  REQUIRE(pairs.size() == 3);
  CHECK(pairs[1].a == "packages/ui");
  CHECK(pairs[1].b == "services/orders");
  CHECK(pairs[1].shared_commits == 2);
  CHECK(pairs[1].revisions_a == 6);
  CHECK(pairs[1].revisions_b == 7);
  CHECK(pairs[1].degree == Approx(2.0 / 6.5));
  CHECK(pairs[2].a == "packages/ui");
  CHECK(pairs[2].b == "services/billing");
  CHECK(pairs[2].shared_commits == 1);
  CHECK(pairs[2].degree == Approx(1.0 / 6.0));

  CHECK(change_coupling(h, module_of, {1, 1, 0.2}).size() == 2);  // the degree cut
  CHECK(change_coupling(h, module_of, {1, 2, 0.0}).size() == 2);  // the shared-commits cut
  CHECK(change_coupling(h, module_of, {7, 1, 0.0}).empty());      // billing changed 6 times
}

TEST_CASE("change coupling: a commit counts once per module, files outside modules not at all", "[history]") {
  History h;
  h.commits = {commit("a", "a@x", {"m1/a", "m1/b", "m1/c", "m2/a", "loose.txt"}),
               commit("a", "a@x", {"m1/a", "loose.txt"}),
               commit("a", "a@x", {"m2/b", "m2/c"})};
  auto top = [](const std::string& path) {
    auto slash = path.find('/');
    return slash == std::string::npos ? std::string() : path.substr(0, slash);
  };
  auto pairs = change_coupling(h, top, {1, 1, 0.0});
  REQUIRE(pairs.size() == 1);
  CHECK(pairs[0].a == "m1");
  CHECK(pairs[0].b == "m2");
  CHECK(pairs[0].shared_commits == 1);
  CHECK(pairs[0].revisions_a == 2);
  CHECK(pairs[0].revisions_b == 2);
  CHECK(pairs[0].degree == Approx(0.5));
  CHECK(change_coupling(History{}, top).empty());
}

TEST_CASE("authors by module: commits per author, the main author's share, one name per email", "[history]") {
  ScriptedRepo repo;
  auto modules = authors_by_module(scripted(repo), module_of);
  REQUIRE(modules.size() == 3);

  CHECK(modules[0].path == "packages/ui");
  CHECK(modules[0].commits == 6);
  REQUIRE(modules[0].authors.size() == 2);
  CHECK(modules[0].authors[0].name == "Cy Diaz");
  CHECK(modules[0].authors[0].email == "cy@example.com");
  CHECK(modules[0].authors[0].commits == 4);
  CHECK(modules[0].authors[1].name == "Ana Lima");  // both spellings, merged by .mailmap
  CHECK(modules[0].authors[1].email == "ana@example.com");
  CHECK(modules[0].authors[1].commits == 2);
  CHECK(modules[0].main_share == Approx(4.0 / 6.0));

  CHECK(modules[1].path == "services/billing");
  CHECK(modules[1].commits == 6);
  REQUIRE(modules[1].authors.size() == 2);
  CHECK(modules[1].authors[0].name == "Bo Chen");  // used 3 times, "bo chen" once
  CHECK(modules[1].authors[0].email == "bo.chen@example.com");
  CHECK(modules[1].authors[0].commits == 4);
  CHECK(modules[1].authors[1].name == "Ana Lima");
  CHECK(modules[1].authors[1].commits == 2);
  CHECK(modules[1].main_share == Approx(4.0 / 6.0));

  CHECK(modules[2].path == "services/orders");
  CHECK(modules[2].commits == 7);
  REQUIRE(modules[2].authors.size() == 3);
  CHECK(modules[2].authors[0].name == "Bo Chen");
  CHECK(modules[2].authors[0].commits == 4);
  CHECK(modules[2].authors[1].name == "Ana Lima");
  CHECK(modules[2].authors[1].commits == 2);
  CHECK(modules[2].authors[2].name == "Cy Diaz");
  CHECK(modules[2].authors[2].commits == 1);
  CHECK(modules[2].main_share == Approx(4.0 / 7.0));
}

TEST_CASE("authors by module: ties go by name, and a tied spelling to the newest", "[history]") {
  History h;  // newest first
  h.commits = {commit("Dee Ray", "dee@x", {"m/a"}), commit("dee", "dee@x", {"m/b"}),
               commit("Ann", "ann@x", {"m/c"}), commit("Ann", "ann@x", {"m/d", "n/c"})};
  auto modules = authors_by_module(h, [](const std::string& p) { return p.substr(0, 1); });
  REQUIRE(modules.size() == 2);
  CHECK(modules[0].path == "m");
  CHECK(modules[0].commits == 4);
  REQUIRE(modules[0].authors.size() == 2);
  CHECK(modules[0].authors[0].name == "Ann");
  CHECK(modules[0].authors[0].commits == 2);
  CHECK(modules[0].authors[1].name == "Dee Ray");  // "dee" once too, but later
  CHECK(modules[0].authors[1].email == "dee@x");
  CHECK(modules[0].authors[1].commits == 2);
  CHECK(modules[0].main_share == Approx(0.5));
  CHECK(modules[1].path == "n");
  CHECK(modules[1].commits == 1);
  CHECK(modules[1].main_share == Approx(1.0));
}
