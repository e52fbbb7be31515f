// Where the service goes and which existing paths are refused (scaffolds/engine/target).
#include <catch2/catch.hpp>

#include "e2e/temp_tree.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/target.h"

namespace fs = std::filesystem;
using namespace svc::scaffolds;
using svc::e2e::TempTree;

TEST_CASE("scaffolds: the target is ./NAME or --dir", "[scaffolds]") {
  TempTree tree;
  CHECK(resolve_target("", "orders", tree.path()) == tree.path() / "orders");
  CHECK(resolve_target("services/orders", "orders", tree.path()) == tree.path() / "services/orders");
  CHECK(resolve_target("a/../b", "orders", tree.path()) == tree.path() / "b");
  CHECK(resolve_target("/somewhere/else", "orders", tree.path()) == fs::path("/somewhere/else"));
}

TEST_CASE("scaffolds: a relative --dir that leaves the current folder is refused", "[scaffolds]") {
  TempTree tree;
  CHECK_THROWS_WITH(resolve_target("../x", "orders", tree.path()), Catch::Contains("leaves the current directory"));
  CHECK_THROWS_WITH(resolve_target("a/../../x", "orders", tree.path()), Catch::Contains("leaves the current directory"));
  TempTree outside;
  fs::create_directory_symlink(outside.path(), tree.path() / "link");
  CHECK_THROWS_WITH(resolve_target("link/svc", "orders", tree.path()), Catch::Contains("through a symlink"));
}

TEST_CASE("scaffolds: a symlink inside the target that leads outside is refused", "[scaffolds]") {
  TempTree tree, outside;
  fs::create_directories(tree.path() / "svc");
  fs::create_directory_symlink(outside.path(), tree.path() / "svc" / "src");
  CHECK_THROWS_WITH(check_target_paths(tree.path() / "svc", {"README.md", "src/index.ts"}),
                    Catch::Contains("is a symlink to") && Catch::Contains("outside the service directory"));
  // A dangling link to a file outside is refused too.
  fs::create_symlink(outside.path() / "new.txt", tree.path() / "svc" / "README.md");
  CHECK_THROWS_WITH(check_target_paths(tree.path() / "svc", {"README.md"}), Catch::Contains("is a symlink to"));
}

TEST_CASE("scaffolds: symlinks within the target, and missing paths, are fine", "[scaffolds]") {
  TempTree tree;
  fs::create_directories(tree.path() / "svc" / "real");
  fs::create_directory_symlink(tree.path() / "svc" / "real", tree.path() / "svc" / "src");
  CHECK_NOTHROW(check_target_paths(tree.path() / "svc", {"src/index.ts", "new/deep/file.ts"}));
  CHECK_NOTHROW(check_target_paths(tree.path() / "missing", {"a/b.txt"}));
}

TEST_CASE("scaffolds: a file where a folder is needed, or a folder where a file goes, is refused", "[scaffolds]") {
  TempTree tree;
  tree.write_file("svc/src", "not a folder");
  fs::create_directories(tree.path() / "svc" / "README.md");
  CHECK_THROWS_WITH(check_target_paths(tree.path() / "svc", {"src/index.ts"}), Catch::Contains("is a file"));
  CHECK_THROWS_WITH(check_target_paths(tree.path() / "svc", {"README.md"}), Catch::Contains("is a folder"));
}
