// Writing files atomically, and undoing a run that fails halfway (scaffolds/engine/writer).
#include <catch2/catch.hpp>

#include "e2e/temp_tree.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/writer.h"
#include "tree_snapshot.h"

namespace fs = std::filesystem;
using namespace svc::scaffolds;
using svc::e2e::TempTree;

namespace {

std::vector<PlannedFile> planned() {
  return {{"README.md", "new readme\n", false},
          {"keep.txt", "same\n", false},
          {"scripts/run.sh", "#!/bin/sh\n", true},
          {"src/a/b.ts", "b\n", false},
          {"src/z.ts", "z\n", false}};
}

}  // namespace

TEST_CASE("scaffolds: files are compared with the disk before anything is written", "[scaffolds]") {
  TempTree tree;
  tree.write_file("svc/README.md", "old readme\n");
  tree.write_file("svc/keep.txt", "same\n");
  auto plan = compare_with_disk(tree.path() / "svc", planned());
  CHECK(plan[0].state == FileState::overwrite);
  CHECK(plan[0].current == "old readme\n");
  CHECK(plan[1].state == FileState::unchanged);
  CHECK(plan[2].state == FileState::create);
  CHECK(files_to_overwrite(plan) == std::vector<std::string>{"README.md"});
}

TEST_CASE("scaffolds: write_plan writes new files, overwrites, leaves identical ones, sets modes", "[scaffolds]") {
  TempTree tree;
  tree.write_file("svc/README.md", "old readme\n");
  tree.write_file("svc/keep.txt", "same\n");
  auto before_keep = fs::last_write_time(tree.path() / "svc/keep.txt");
  WriteSummary s = write_plan(tree.path() / "svc", compare_with_disk(tree.path() / "svc", planned()));
  CHECK(s.created == 3);
  CHECK(s.overwritten == 1);
  CHECK(s.unchanged == 1);
  CHECK(tree.read_file("svc/README.md") == "new readme\n");
  CHECK(tree.read_file("svc/src/a/b.ts") == "b\n");
  CHECK(fs::last_write_time(tree.path() / "svc/keep.txt") == before_keep);
  auto perms = fs::status(tree.path() / "svc/scripts/run.sh").permissions();
  CHECK((perms & fs::perms::owner_exec) != fs::perms::none);
  CHECK((fs::status(tree.path() / "svc/README.md").permissions() & fs::perms::owner_exec) == fs::perms::none);
}

TEST_CASE("scaffolds: a failure halfway removes created files and folders and restores overwritten ones",
          "[scaffolds]") {
  TempTree tree;
  tree.write_file("svc/README.md", "old readme\n");
  tree.write_file("svc/keep.txt", "same\n");
  tree.write_file("svc/other.txt", "not ours\n");
  auto before = testing::snapshot(tree.path());
  WriteOptions options;
  options.fault = [](const std::string& path) { return path == "src/z.ts" ? std::string("disk full (injected)") : ""; };
  auto plan = compare_with_disk(tree.path() / "svc", planned());
  CHECK_THROWS_WITH(write_plan(tree.path() / "svc", plan, options), Catch::Contains("disk full (injected)"));
  CHECK(testing::snapshot(tree.path()) == before);
}

TEST_CASE("scaffolds: a real I/O error halfway rolls back too", "[scaffolds]") {
  TempTree tree;
  tree.write_file("svc/README.md", "old readme\n");
  tree.write_file("svc/src", "a file where the plan needs a folder: creating src/a fails\n");
  auto before = testing::snapshot(tree.path());
  CHECK_THROWS_WITH(write_plan(tree.path() / "svc", compare_with_disk(tree.path() / "svc", planned())),
                    Catch::Contains("cannot create"));
  CHECK(testing::snapshot(tree.path()) == before);
}

TEST_CASE("scaffolds: a new target folder, and the folders above it, are removed on rollback", "[scaffolds]") {
  TempTree tree;
  auto before = testing::snapshot(tree.path());
  WriteOptions options;
  options.fault = [](const std::string& path) { return path == "src/a/b.ts" ? std::string("injected") : ""; };
  auto target = tree.path() / "deep/down/svc";
  CHECK_THROWS_AS(write_plan(target, compare_with_disk(target, planned()), options), ScaffoldError);
  CHECK(testing::snapshot(tree.path()) == before);
}

TEST_CASE("scaffolds: Ctrl-C between files rolls back and reports the interruption", "[scaffolds]") {
  TempTree tree;
  std::atomic<bool> cancel{false};
  WriteOptions options;
  options.cancel = &cancel;
  options.fault = [&](const std::string& path) {
    if (path == "scripts/run.sh") cancel = true;
    return std::string();
  };
  CHECK_THROWS_AS(write_plan(tree.path() / "svc", compare_with_disk(tree.path() / "svc", planned()), options),
                  Interrupted);
  CHECK_FALSE(fs::exists(tree.path() / "svc"));
}

TEST_CASE("scaffolds: a repository file edited on purpose needs no --force and is put back on rollback",
          "[scaffolds]") {
  TempTree tree;
  tree.write_file("repo/compose.yaml", "services:\n  web: {}\n");
  std::vector<PlannedFile> files = {{"compose.yaml", "services:\n  web: {}\n  orders: {}\n", false, true},
                                    {"services/orders/z.ts", "z\n", false}};
  auto plan = compare_with_disk(tree.path() / "repo", files);
  CHECK(plan[0].state == FileState::edit);
  CHECK(files_to_overwrite(plan).empty());
  auto before = testing::snapshot(tree.path());
  WriteOptions options;
  options.fault = [](const std::string& path) { return path == "services/orders/z.ts" ? std::string("injected") : ""; };
  CHECK_THROWS_AS(write_plan(tree.path() / "repo", plan, options), ScaffoldError);
  CHECK(testing::snapshot(tree.path()) == before);
  WriteSummary done = write_plan(tree.path() / "repo", plan);
  CHECK(done.edited == 1);
  CHECK(tree.read_file("repo/compose.yaml") == "services:\n  web: {}\n  orders: {}\n");
}
