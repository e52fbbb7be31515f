// The lines `--since` counts as changed, from real repositories built with libgit2:
// branches that moved on both sides, staged, unstaged and untracked edits, renames, a
// subfolder audit root and the errors a CI clone runs into.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "checks/workspace/changed_lines.h"
#include "checks/engine/runner.h"
#include "checks/filters/since_filter.h"
#include "checks/workspace/workspace.h"
#include "e2e/git_history.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"

using namespace svc::engine;
using namespace svc::e2e;
using Ranges = std::vector<std::pair<int, int>>;

namespace {

const char* kFive = "one\ntwo\nthree\nfour\nfive\n";

void commit_files(const TempTree& tree, const std::vector<std::string>& paths, const std::string& message) {
  GitRepo repo(tree.path());
  repo.add(paths);
  repo.commit(message);
}

// main with a.txt and b.txt, and a branch `feature` checked out at the same commit.
void main_and_feature(const TempTree& tree, const std::string& folder = "") {
  { GitRepo init(tree.path()); }
  switch_head(tree.path(), "main");
  tree.write_file(folder + "a.txt", kFive);
  tree.write_file(folder + "b.txt", kFive);
  tree.write_file("outside.txt", kFive);
  commit_files(tree, {folder + "a.txt", folder + "b.txt", "outside.txt"}, "base");
  create_branch(tree.path(), "feature");
  switch_head(tree.path(), "feature");
}

ChangedLines changes(const TempTree& tree, const std::string& ref, const std::string& sub = "") {
  Workspace ws((tree.path() / sub).string(), {});
  return changed_since(ws, ref);
}

}  // namespace

TEST_CASE("changed lines: committed edits since the merge-base, not since REF's tip", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree);
  tree.write_file("a.txt", "one\ntwo\nTHREE\nfour\nfive\nsix\n");
  commit_files(tree, {"a.txt"}, "edit a");
  commit_on(tree.path(), "main", {{"b.txt", "one\nTWO\nthree\nfour\nfive\n"}}, "main moves on");

  ChangedLines c = changes(tree, "main");
  CHECK(c.base == commit_id(tree.path(), "main~1"));
  REQUIRE(c.files.size() == 1);  // b.txt changed on main only: the feature branch did not touch it
  const ChangedFile* a = c.find("a.txt");
  REQUIRE(a);
  CHECK_FALSE(a->whole);
  CHECK(a->lines == Ranges{{3, 3}, {6, 6}});
  CHECK(a->touches(2, 4));
  CHECK_FALSE(a->touches(4, 5));
}

TEST_CASE("changed lines: staged, unstaged and untracked changes count", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree);
  tree.write_file("a.txt", "one\nTWO\nthree\nfour\nfive\n");
  { GitRepo repo(tree.path()); repo.add({"a.txt"}); }  // staged only
  tree.write_file("b.txt", "one\ntwo\nthree\nfour\nFIVE\n");  // unstaged
  tree.write_file("new/c.txt", "fresh\n");                    // untracked, in an untracked folder

  ChangedLines c = changes(tree, "main");
  REQUIRE(c.files.size() == 3);
  CHECK(c.find("a.txt")->lines == Ranges{{2, 2}});
  CHECK(c.find("b.txt")->lines == Ranges{{5, 5}});
  CHECK(c.find("new/c.txt")->whole);
}

TEST_CASE("changed lines: a renamed file counts only its edited lines", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree);
  std::filesystem::rename(tree.path() / "a.txt", tree.path() / "moved.txt");
  tree.write_file("moved.txt", "one\ntwo\nthree\nFOUR\nfive\n");
  std::filesystem::rename(tree.path() / "b.txt", tree.path() / "b2.txt");  // pure rename, left unstaged
  unstage(tree.path(), {"a.txt"});
  commit_files(tree, {"moved.txt"}, "move a");

  ChangedLines c = changes(tree, "main");
  REQUIRE(c.find("moved.txt"));
  CHECK_FALSE(c.find("moved.txt")->whole);
  CHECK(c.find("moved.txt")->lines == Ranges{{4, 4}});
  CHECK_FALSE(c.find("b2.txt"));  // content unchanged: nothing to report
  CHECK(c.files.size() == 1);
}

TEST_CASE("changed lines: an audit root below the top of the work tree", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree, "services/orders/");
  tree.write_file("services/orders/a.txt", "ONE\ntwo\nthree\nfour\nfive\n");
  tree.write_file("outside.txt", "changed\n");
  tree.write_file("services/orders/src/new.txt", "x\n");

  ChangedLines c = changes(tree, "main", "services/orders");
  REQUIRE(c.files.size() == 2);
  CHECK(c.find("a.txt")->lines == Ranges{{1, 1}});
  CHECK(c.find("src/new.txt")->whole);
}

TEST_CASE("changed lines: HEAD itself as REF leaves only work-tree changes", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree);
  CHECK(changes(tree, "HEAD").files.empty());
  tree.write_file("a.txt", "one\ntwo\nthree\nfour\n");  // a pure deletion still marks the file
  ChangedLines c = changes(tree, "HEAD");
  REQUIRE(c.find("a.txt"));
  CHECK(c.find("a.txt")->lines.empty());
  CHECK_FALSE(c.find("a.txt")->touches(1, 4));
}

TEST_CASE("changed lines: an unknown REF says how to fetch it", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree);
  CHECK_THROWS_WITH(changes(tree, "origin/nope"),
                    "unknown revision 'origin/nope' (fetch it first: git fetch origin origin/nope)");
}

TEST_CASE("changed lines: a shallow clone without the merge-base says how to deepen", "[changed_lines]") {
  TempTree tree;
  main_and_feature(tree);
  tree.write_file("a.txt", "edited\n");
  commit_files(tree, {"a.txt"}, "feature work");
  commit_on(tree.path(), "main", {{"b.txt", "main work\n"}}, "main work");
  make_shallow(tree.path(), {"main", "feature"});

  try {
    changes(tree, "main");
    FAIL("expected an error");
  } catch (const UsageError& e) {
    std::string what = e.what();
    CHECK(what.find("no merge-base of main and HEAD in this shallow clone") != std::string::npos);
    CHECK(what.find("git fetch --deepen=200") != std::string::npos);
    CHECK(what.find("fetch-depth: 0") != std::string::npos);
  }
}

TEST_CASE("changed lines: outside a git repository is an error", "[changed_lines]") {
  TempTree tree;
  tree.write_file("a.txt", kFive);
  CHECK_THROWS_AS(changes(tree, "main"), WorkspaceError);
}

TEST_CASE("since filter: line findings need a changed line, whole-service ones a changed file", "[changed_lines]") {
  ChangedLines changed;
  changed.files["svc/a/index.ts"].lines = {{10, 12}};
  changed.files["svc/b/new.ts"].whole = true;
  Service a;
  a.path = "svc/a";
  a.entry_files = {"svc/a/index.ts"};
  auto at = [](std::string path, int line, int end_line, int column = 3, int end_column = 9) {
    Finding f;
    f.path = std::move(path);
    f.line = line, f.end_line = end_line, f.column = column, f.end_column = end_column;
    return f;
  };
  std::vector<Finding> findings = {
      at("svc/a/index.ts", 11, 11),    // on a changed line
      at("svc/a/index.ts", 8, 10),     // spans into one
      at("svc/a/index.ts", 2, 2),      // an old line of a changed file
      at("svc/a/index.ts", 1, 1, 1, 1),  // about the whole service, at its anchor
      at("svc/b/new.ts", 40, 41),      // a new file
      at("svc/c/old.ts", 1, 1, 1, 1),  // an unchanged file
  };
  CHECK(keep_changed_findings(findings, changed, {a}) == 2);
  REQUIRE(findings.size() == 4);
  CHECK(findings[2].line == 1);
  CHECK(findings[3].path == "svc/b/new.ts");
}
