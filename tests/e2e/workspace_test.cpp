// Which files an audit looks at: git's view of the tree inside a work tree, a plain
// walk elsewhere, minus dependency folders, `ignore:` globs and files that cannot be
// read as text.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

json audit_json(const TempTree& tree, RunOptions options = {}) {
  auto r = run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never"}, options);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

std::set<std::string> finding_paths(json& report) {
  std::set<std::string> paths;
  for (auto& f : report["findings"]) paths.insert(f["path"].get<std::string>());
  return paths;
}

std::set<std::string> service_paths(json& report) {
  std::set<std::string> paths;
  for (auto& s : report["services"]) paths.insert(s["path"].get<std::string>());
  return paths;
}

bool on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
  return false;
}

// Whether an unprivileged user can reach `dir` (a TMPDIR under /root would not be).
bool others_can_enter_parents(const fs::path& dir) {
  for (fs::path p = dir.parent_path(); !p.empty() && p != p.root_path(); p = p.parent_path())
    if ((fs::status(p).permissions() & fs::perms::others_exec) == fs::perms::none) return false;
  return true;
}

}  // namespace

TEST_CASE("workspace: in a git repository, ignored files are not audited", "[e2e][workspace]") {
  TempTree tree;
  tree.write_file(".gitignore", "services/legacy/\n*.local\n");
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kCleanDockerfile);
  tree.write_file("services/web/.gitignore", "tmp/\n");
  tree.write_file("services/web/Dockerfile.local", kRootDockerfile);  // ignored, but tracked below
  {
    GitRepo repo(tree.path());
    repo.add({".gitignore", "services/api/Dockerfile", "services/web/Dockerfile", "services/web/.gitignore",
              "services/web/Dockerfile.local"});
    repo.commit("initial");
  }
  tree.write_file("services/legacy/Dockerfile", kRootDockerfile);      // ignored by .gitignore
  tree.write_file("services/web/tmp/Dockerfile", kRootDockerfile);     // ignored by the nested one
  tree.write_file("services/api/Dockerfile.local", kRootDockerfile);   // ignored by a pattern
  tree.write_file("services/new/Dockerfile", kRootDockerfile);         // untracked, not ignored

  json report = audit_json(tree, hermetic(tree.path()));
  CHECK(finding_paths(report) ==
        std::set<std::string>{"services/api/Dockerfile", "services/new/Dockerfile", "services/web/Dockerfile.local"});
  CHECK(service_paths(report) == std::set<std::string>{"services/api", "services/new", "services/web"});
  // .gitignore x2, four Dockerfiles: the three ignored files are not even counted.
  CHECK(report["summary"]["files"] == 6);
}

TEST_CASE("workspace: auditing a folder inside a repository keeps the repository's ignores",
          "[e2e][workspace]") {
  TempTree tree;
  tree.write_file(".gitignore", "generated/\n");
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  { GitRepo repo(tree.path()); }
  tree.write_file("services/api/generated/Dockerfile", kRootDockerfile);

  auto r = run_svc({"audit", (tree.path() / "services").string(), "--format", "json", "--fail-on", "never"},
                   hermetic(tree.path()));
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  json report = json::parse(r.out);
  CHECK(report["root"] == (tree.path() / "services").string());
  CHECK(finding_paths(report) == std::set<std::string>{"api/Dockerfile"});  // relative to the audited folder
}

TEST_CASE("workspace: outside git, dependency and build folders are skipped", "[e2e][workspace]") {
  TempTree tree;
  tree.write_file("app/Dockerfile", kRootDockerfile);
  tree.write_file("node_modules/left-pad/Dockerfile", kRootDockerfile);
  tree.write_file("app/node_modules/pkg/Dockerfile", kRootDockerfile);
  tree.write_file(".venv/lib/Dockerfile", kRootDockerfile);
  tree.write_file("dist/Dockerfile", kRootDockerfile);

  json report = audit_json(tree);
  CHECK(finding_paths(report) == std::set<std::string>{"app/Dockerfile"});
  CHECK(service_paths(report) == std::set<std::string>{"app"});
  CHECK(report["summary"]["files"] == 1);
}

TEST_CASE("workspace: ignore globs in .svc.yaml are honoured", "[e2e][workspace]") {
  TempTree tree;
  tree.write_file(".svc.yaml", "ignore: [\"legacy/**\", \"tools/\", \"**/Dockerfile.old\"]\n");
  tree.write_file("app/Dockerfile", kRootDockerfile);
  tree.write_file("app/Dockerfile.old", kRootDockerfile);
  tree.write_file("legacy/billing/Dockerfile", kRootDockerfile);
  tree.write_file("tools/Dockerfile", kRootDockerfile);

  json report = audit_json(tree);
  CHECK(finding_paths(report) == std::set<std::string>{"app/Dockerfile"});
  CHECK(service_paths(report) == std::set<std::string>{"app"});
}

TEST_CASE("workspace: binary, oversized and non-UTF-8 files are skipped and counted", "[e2e][workspace]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", kCleanDockerfile);
  // Each would fire docker-root-user if it were read.
  tree.write_file("services/api/Dockerfile.nul", std::string(kRootDockerfile) + std::string(1, '\0'));
  tree.write_file("services/api/Dockerfile.big",
                  std::string(kRootDockerfile) + std::string(2 * 1024 * 1024, '#') + "\n");
  tree.write_file("services/api/Dockerfile.latin1", std::string(kRootDockerfile) + "# caf\xe9\n");

  auto r = run_svc({"audit", tree.str(), "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  json report = json::parse(r.out);
  CHECK(report["findings"].empty());
  CHECK(report["summary"]["files"] == 4);
  CHECK(report["summary"]["skipped"] ==
        json{{"binary", 1}, {"too_large", 1}, {"not_utf8", 1}, {"unreadable", 0}, {"too_deep", 0}, {"yaml_aliases", 0}});
  CHECK(r.err.find("svc: note: skipped 3 files (1 binary, 1 over 2 MiB, 1 not UTF-8)") !=
        std::string::npos);

  auto text = run_svc({"audit", tree.str()});
  CHECK(text.out.find("3 skipped (1 binary, 1 over 2 MiB, 1 not UTF-8)") != std::string::npos);
}

TEST_CASE("workspace: an unreadable file is reported on stderr and the run goes on", "[e2e][workspace]") {
  RunOptions options;
  if (::geteuid() == 0) {
    // root reads anything: drop to nobody so the permission bits count.
    // util-linux, installed by scripts/install-deps.sh: missing means the test cannot say anything.
    if (!on_path("setpriv")) FAIL("setpriv (util-linux) not found: cannot test an unreadable file as root");
    options.wrapper = {"setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"};
  }
  TempTree tree;
  if (!options.wrapper.empty() && !others_can_enter_parents(tree.path()))
    FAIL("the temporary directory " << tree.path() << " is not reachable by an unprivileged user (set TMPDIR)");
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto secret = tree.write_file("services/api/Dockerfile.secret", kRootDockerfile);
  // World-readable whatever the umask, but for the one file under test.
  const auto dir_mode = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
  const auto file_mode = fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                         fs::perms::others_read;
  fs::permissions(tree.path(), dir_mode);
  for (const auto& entry : fs::recursive_directory_iterator(tree.path()))
    fs::permissions(entry.path(), entry.is_directory() ? dir_mode : file_mode);
  fs::permissions(secret, fs::perms::none);

  auto r = run_svc({"audit", tree.str(), "--format", "json"}, options);
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);  // from the readable Dockerfile's error finding
  CHECK(r.err.find("svc: warning: services/api/Dockerfile.secret: cannot read: Permission denied") !=
        std::string::npos);
  json report = json::parse(r.out);
  CHECK(report["summary"]["skipped"]["unreadable"] == 1);
  CHECK(finding_paths(report) == std::set<std::string>{"services/api/Dockerfile"});
}
