// A whole `svc new` run on an in-memory template (scaffolds/engine/generate): refusal,
// --force, dry run, .svc.yaml, git.
#include <catch2/catch.hpp>

#include <sstream>

#include <git2.h>

#include "checks/workspace/config.h"
#include "checks/core/rule_catalog.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"
#include "sample_template.h"
#include "scaffolds/engine/generate.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/stamp.h"
#include "tree_snapshot.h"

namespace fs = std::filesystem;
using namespace svc::scaffolds;
using svc::e2e::TempTree;

namespace {

GenerateRequest request_in(const TempTree& tree, bool git = false) {
  GenerateRequest r;
  r.cwd = tree.path();
  r.answers.flags = {{"name", "orders"}};
  r.git = git;
  return r;
}

GenerateResult run(const GenerateRequest& r, std::string* printed = nullptr) {
  std::ostringstream out;
  GenerateResult result = generate(testing::sample_template(), r, out);
  if (printed) *printed = out.str();
  return result;
}

}  // namespace

TEST_CASE("scaffolds: generate writes ./NAME with every file and .svc.yaml", "[scaffolds]") {
  TempTree tree;
  GenerateResult r = run(request_in(tree));
  CHECK(r.target == tree.path() / "orders");
  CHECK(r.summary.created == 7);  // 6 template files (metrics.ts renders empty) + .svc.yaml
  CHECK(tree.read_file("orders/package.json") == "{\"name\": \"orders\"}\n");
  CHECK(r.git == GitOutcome::disabled);
  CHECK_FALSE(fs::exists(tree.path() / "orders/.git"));
}

TEST_CASE("scaffolds: .svc.yaml records the service, answers and a correct xxh3 per file", "[scaffolds]") {
  TempTree tree;
  GenerateResult r = run(request_in(tree));
  YAML::Node stamp = YAML::Load(tree.read_file("orders/.svc.yaml"));
  CHECK(stamp["services"][0]["name"].as<std::string>() == "orders");
  CHECK(stamp["services"][0]["path"].as<std::string>() == ".");
  CHECK(stamp["services"][0]["owns"][0].as<std::string>() == "items");
  CHECK(stamp["template"]["name"].as<std::string>() == "sample");
  CHECK(stamp["template"]["version"].as<int>() == 2);
  YAML::Node answers = stamp["template"]["answers"];
  CHECK(answers["name"].as<std::string>() == "orders");
  CHECK(answers["port"].as<int>() == 3000);
  CHECK(answers["db"].as<std::string>() == "postgres");
  CHECK(answers["metrics"].as<bool>() == false);
  CHECK(answers["owner"].as<std::string>() == "team a");
  YAML::Node files = stamp["template"]["files"];
  CHECK(files.size() == 6);
  for (const auto& kv : files) {
    std::string path = kv.first.as<std::string>();
    INFO(path);
    CHECK(kv.second.as<std::string>() == xxh3_digest(tree.read_file("orders/" + path)));
  }
  CHECK_FALSE(files[".svc.yaml"]);
  // `svc audit` loads it without complaint.
  CHECK_NOTHROW(svc::engine::load_config((tree.path() / "orders/.svc.yaml").string(),
                                         svc::engine::RuleCatalog::builtin()));
}

TEST_CASE("scaffolds: a differing file stops the run with every byte unchanged", "[scaffolds]") {
  TempTree tree;
  tree.write_file("orders/README.md", "my own readme\n");
  tree.write_file("orders/notes.txt", "mine\n");
  auto before = testing::snapshot(tree.path());
  CHECK_THROWS_WITH(run(request_in(tree)), Catch::Contains("1 existing file(s) would be overwritten") &&
                                               Catch::Contains("README.md"));
  try {
    run(request_in(tree));
  } catch (const ScaffoldError& e) {
    CHECK(e.hint().find("--force") != std::string::npos);
  }
  CHECK(testing::snapshot(tree.path()) == before);
}

TEST_CASE("scaffolds: identical files are left alone, others untouched, --force overwrites", "[scaffolds]") {
  TempTree tree;
  run(request_in(tree));
  tree.write_file("orders/notes.txt", "mine\n");
  GenerateResult again = run(request_in(tree));
  CHECK(again.summary.created == 0);
  CHECK(again.summary.unchanged == 7);
  tree.write_file("orders/README.md", "edited\n");
  GenerateRequest forced = request_in(tree);
  forced.force = true;
  GenerateResult r = run(forced);
  CHECK(r.summary.overwritten == 1);
  CHECK(tree.read_file("orders/README.md").rfind("# Orders", 0) == 0);
  CHECK(tree.read_file("orders/notes.txt") == "mine\n");
}

TEST_CASE("scaffolds: a dry run writes nothing and prints new files and diffs", "[scaffolds]") {
  TempTree tree;
  tree.write_file("orders/README.md", "# Orders\nport 80\n");
  auto before = testing::snapshot(tree.path());
  GenerateRequest r = request_in(tree, true);
  r.dry_run = true;
  std::string printed;
  run(r, &printed);
  CHECK(testing::snapshot(tree.path()) == before);
  CHECK(printed.find("    dev.sh  (new, executable)") != std::string::npos);
  CHECK(printed.find("=== src/db/client.ts (new)\nexport const db = 'orders';\n") != std::string::npos);
  CHECK(printed.find("--- a/README.md\n+++ b/README.md\n@@ ") != std::string::npos);
  CHECK(printed.find("\n-port 80\n+port 3000\n") != std::string::npos);
  CHECK(printed.find("\x1b[") == std::string::npos);
  r.color = true;
  run(r, &printed);
  CHECK(printed.find("\x1b[31m-port 80") != std::string::npos);
}

TEST_CASE("scaffolds: refused targets write nothing", "[scaffolds]") {
  TempTree tree, outside;
  GenerateRequest r = request_in(tree);
  r.dir = "../x";
  CHECK_THROWS_WITH(run(r), Catch::Contains("leaves the current directory"));
  fs::create_directories(tree.path() / "orders");
  fs::create_directory_symlink(outside.path(), tree.path() / "orders/src");
  auto before = testing::snapshot(tree.path());
  CHECK_THROWS_WITH(run(request_in(tree)), Catch::Contains("outside the service directory"));
  CHECK(testing::snapshot(tree.path()) == before);
  CHECK(testing::snapshot(outside.path()).empty());
}

TEST_CASE("scaffolds: git init and one commit holding every generated file", "[scaffolds][git]") {
  TempTree tree;
  GenerateResult r = run(request_in(tree, true));
  REQUIRE(r.git == GitOutcome::committed);
  git_libgit2_init();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_open(&repo, (tree.path() / "orders").c_str()) == 0);
  git_object* head = nullptr;
  REQUIRE(git_revparse_single(&head, repo, "HEAD^{commit}") == 0);
  git_commit* commit = reinterpret_cast<git_commit*>(head);
  CHECK(git_commit_parentcount(commit) == 0);
  git_tree* root = nullptr;
  REQUIRE(git_commit_tree(&root, commit) == 0);
  for (const auto& e : r.plan) {
    INFO(e.file.path);
    git_tree_entry* entry = nullptr;
    CHECK(git_tree_entry_bypath(&entry, root, e.file.path.c_str()) == 0);
    if (entry && e.file.executable) CHECK(git_tree_entry_filemode(entry) == GIT_FILEMODE_BLOB_EXECUTABLE);
    git_tree_entry_free(entry);
  }
  git_tree_free(root);
  git_object_free(head);
  git_repository_free(repo);
  git_libgit2_shutdown();
}

TEST_CASE("scaffolds: no repository is made inside an existing work tree", "[scaffolds][git]") {
  TempTree tree;
  svc::e2e::GitRepo outer(tree.path());
  GenerateResult r = run(request_in(tree, true));
  CHECK(r.git == GitOutcome::inside_work_tree);
  CHECK_FALSE(fs::exists(tree.path() / "orders/.git"));
}
