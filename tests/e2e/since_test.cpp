// `svc audit --since REF` on real repositories: only findings on lines changed since
// the merge-base of REF and HEAD, whether committed, staged, unstaged or untracked.
#include <catch2/catch.hpp>

#include <filesystem>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/git_history.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void commit_files(const TempTree& tree, const std::vector<std::string>& paths, const std::string& message) {
  GitRepo repo(tree.path());
  repo.add(paths);
  repo.commit(message);
}

// main holds an old violation (legacy) and a clean service (api); HEAD is `feature`.
void repo_with_history(const TempTree& tree) {
  { GitRepo init(tree.path()); }
  switch_head(tree.path(), "main");
  tree.write_file("services/legacy/Dockerfile", kRootDockerfile);
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);
  tree.write_file("services/web/Dockerfile", kCleanDockerfile);
  commit_files(tree, {"services/legacy/Dockerfile", "services/api/Dockerfile", "services/web/Dockerfile"}, "base");
  create_branch(tree.path(), "feature");
  switch_head(tree.path(), "feature");
}

RunResult audit_since(const TempTree& tree, const std::string& ref, const std::string& sub = "") {
  return run_svc({"audit", (tree.path() / sub).string(), "--since", ref, "--format", "json", "--fail-on", "never"},
                 hermetic(tree.path()));
}

std::set<std::string> findings_of(const RunResult& r) {
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json report = json::parse(r.out);
  std::set<std::string> out;
  for (auto& f : report["findings"])
    out.insert(f["rule"].get<std::string>() + " " + f["path"].get<std::string>() + ":" +
               std::to_string(f["line"].get<int>()));
  return out;
}

// The clean Dockerfile with its final stage's base swapped for a root one (line 4).
std::string root_final_stage() {
  std::string text = kCleanDockerfile;
  std::string from = "FROM gcr.io/distroless/nodejs22-debian12:nonroot";
  return text.replace(text.find(from), from.size(), "FROM node:22-slim");
}

}  // namespace

TEST_CASE("since: a violation committed on the branch is reported, an old one is not", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  tree.write_file("services/orders/Dockerfile", kRootDockerfile);
  commit_files(tree, {"services/orders/Dockerfile"}, "add orders");
  // main moves on in legacy: measured from main's tip, that edit would look changed.
  commit_on(tree.path(), "main", {{"services/legacy/Dockerfile", std::string("# main\n") + kRootDockerfile}}, "main");

  auto found = findings_of(audit_since(tree, "main"));
  CHECK(found.count("docker-root-user services/orders/Dockerfile:1"));
  for (const auto& f : found) CHECK(f.find("services/legacy/") == std::string::npos);

  auto all = run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never"}, hermetic(tree.path()));
  CHECK(findings_of(all).count("docker-root-user services/legacy/Dockerfile:1"));
}

TEST_CASE("since: staged, unstaged and untracked changes are reported", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  tree.write_file("services/api/Dockerfile", root_final_stage());
  { GitRepo repo(tree.path()); repo.add({"services/api/Dockerfile"}); }  // staged only
  tree.write_file("services/web/Dockerfile", root_final_stage());       // unstaged
  tree.write_file("services/new/Dockerfile", kRootDockerfile);          // untracked

  auto found = findings_of(audit_since(tree, "main"));
  CHECK(found.count("docker-root-user services/api/Dockerfile:4"));
  CHECK(found.count("docker-root-user services/web/Dockerfile:4"));
  CHECK(found.count("docker-root-user services/new/Dockerfile:1"));
  CHECK_FALSE(found.count("docker-root-user services/legacy/Dockerfile:1"));
}

TEST_CASE("since: a renamed file reports only what its edits added", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  fs::create_directories(tree.path() / "services/old-legacy");
  fs::rename(tree.path() / "services/legacy/Dockerfile", tree.path() / "services/old-legacy/Dockerfile");
  unstage(tree.path(), {"services/legacy/Dockerfile"});
  commit_files(tree, {"services/old-legacy/Dockerfile"}, "rename legacy");
  CHECK(findings_of(audit_since(tree, "main")).empty());
}

TEST_CASE("since: a renamed and edited file reports its edited lines", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  fs::remove(tree.path() / "services/api/Dockerfile");
  tree.write_file("services/api-v2/Dockerfile", root_final_stage());  // moved and edited, not staged
  auto found = findings_of(audit_since(tree, "main"));
  CHECK(found.count("docker-root-user services/api-v2/Dockerfile:4"));
}

TEST_CASE("since: an audit root below the top of the repository", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  tree.write_file("services/api/Dockerfile", root_final_stage());
  tree.write_file("services/web/Dockerfile", root_final_stage());
  auto found = findings_of(audit_since(tree, "main", "services/api"));
  CHECK(found == std::set<std::string>{"docker-root-user Dockerfile:4"});
}

TEST_CASE("since: an unknown REF is exit 2 with how to fetch it", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  SECTION("a branch of a remote that was not fetched") {
    REQUIRE(run_program({"git", "-C", tree.str(), "remote", "add", "origin", "https://example.invalid/shop.git"})
                .exit_code == 0);
    auto r = audit_since(tree, "origin/main");
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("unknown revision 'origin/main' (fetch it first: git fetch origin main)") != std::string::npos);
  }
  SECTION("a branch of another remote") {
    REQUIRE(run_program({"git", "-C", tree.str(), "remote", "add", "upstream", "https://example.invalid/shop.git"})
                .exit_code == 0);
    auto r = audit_since(tree, "upstream/release/2");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown revision 'upstream/release/2' (fetch it first: git fetch upstream release/2)") !=
          std::string::npos);
  }
  SECTION("a name that is no remote's") {
    auto r = audit_since(tree, "feature/x");
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("unknown revision 'feature/x' (fetch it first: git fetch origin feature/x)") !=
          std::string::npos);
  }
}

TEST_CASE("since: a shallow clone without the merge-base is exit 2 with how to deepen", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  tree.write_file("services/orders/Dockerfile", kRootDockerfile);
  commit_files(tree, {"services/orders/Dockerfile"}, "add orders");
  commit_on(tree.path(), "main", {{"services/web/Dockerfile", kRootDockerfile}}, "main");
  make_shallow(tree.path(), {"main", "feature"});

  auto r = audit_since(tree, "main");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("shallow clone") != std::string::npos);
  CHECK(r.err.find("git fetch --deepen=200") != std::string::npos);
  CHECK(r.err.find("fetch-depth: 0") != std::string::npos);
}

TEST_CASE("since: outside a git repository is exit 2", "[e2e][since]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto r = audit_since(tree, "main");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("needs a git repository") != std::string::npos);
}

TEST_CASE("since: HEAD~1 past a shallow clone's boundary says to deepen, not to fetch a branch", "[e2e][since]") {
  TempTree tree;
  repo_with_history(tree);
  make_shallow(tree.path(), {"main", "feature"});
  auto r = audit_since(tree, "HEAD~5");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("in this shallow clone") != std::string::npos);
  CHECK(r.err.find("git fetch --deepen=200") != std::string::npos);
  CHECK(r.err.find("git fetch origin HEAD~5") == std::string::npos);
}
