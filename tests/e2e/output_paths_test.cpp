// Where `--output` and the baseline flags write: a regular file is replaced atomically
// and keeps its mode, a symlink stays a symlink, a device or FIFO is written into and
// never replaced, a file the run reads is refused, and a report that cannot be written
// is exit 2.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <string>

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "e2e/cli_runner.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string((std::istreambuf_iterator<char>(in)), {});
}

RunResult audit_to(const TempTree& tree, const std::string& output, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"audit", (tree.path() / "repo").string(), "--format", "json", "--output", output};
  args.insert(args.end(), extra.begin(), extra.end());
  return run_svc(args);
}

void repo(const TempTree& tree) { tree.write_file("repo/services/api/Dockerfile", kRootDockerfile); }

}  // namespace

TEST_CASE("output: a symlink to a regular file stays a symlink, and the file gets the report", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  auto target = tree.write_file("reports/real.json", "old");
  fs::create_symlink(target, tree.path() / "link.json");
  auto r = audit_to(tree, (tree.path() / "link.json").string());
  CHECK(r.exit_code == 1);
  CHECK(fs::is_symlink(tree.path() / "link.json"));
  CHECK(slurp(target).find("\"findings\"") != std::string::npos);
}

TEST_CASE("output: a FIFO is written into, not replaced", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  fs::path fifo = tree.path() / "pipe";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto reader = std::async(std::launch::async, [&] { return slurp(fifo); });
  auto r = audit_to(tree, fifo.string());
  CHECK(r.exit_code == 1);
  CHECK(reader.get().find("\"findings\"") != std::string::npos);
  struct stat st {};
  REQUIRE(::lstat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}

TEST_CASE("output: a character device is written into, not replaced", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  // Our own null device when we may make one (root, as in CI containers); /dev/null
  // itself otherwise. The old behaviour replaced the node with a plain file.
  fs::path null = tree.path() / "null";
  if (::mknod(null.c_str(), S_IFCHR | 0666, makedev(1, 3)) != 0) null = "/dev/null";
  auto r = audit_to(tree, null.string());
  INFO(r.err);
  CHECK(r.exit_code == 1);
  struct stat st {};
  REQUIRE(::lstat(null.c_str(), &st) == 0);
  CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("output: /dev/stdout reaches standard output", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  auto r = audit_to(tree, "/dev/stdout");
  CHECK(r.exit_code == 1);
  CHECK(r.out.find("\"findings\"") != std::string::npos);
}

TEST_CASE("output: a replaced report keeps its mode, a new one follows the umask", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  auto old = tree.write_file("old.json", "x");
  fs::permissions(old, fs::perms::owner_read | fs::perms::owner_write);
  CHECK(audit_to(tree, old.string()).exit_code == 1);
  CHECK((fs::status(old).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));

  RunOptions options;
  options.wrapper = {"sh", "-c", "umask 027 && exec \"$@\"", "sh"};
  fs::path fresh = tree.path() / "new.json";
  auto r = run_svc({"audit", (tree.path() / "repo").string(), "--output", fresh.string()}, options);
  CHECK(r.exit_code == 1);
  CHECK((fs::status(fresh).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
}

TEST_CASE("output: a file the run reads is never the output", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  auto config = tree.write_file("repo/.svc.yaml", "rules:\n  docker-root-user: error\n");
  auto r = audit_to(tree, config.string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("would overwrite the configuration"));
  CHECK(slurp(config) == "rules:\n  docker-root-user: error\n");

  auto baseline = tree.write_file("baseline.json", "{\"version\": 1, \"findings\": []}\n");
  r = audit_to(tree, baseline.string(), {"--baseline", baseline.string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("would overwrite the baseline"));
}

TEST_CASE("output: a report that cannot be written to standard output is exit 2", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  RunOptions options;
  options.wrapper = {"sh", "-c", "exec \"$@\" > /dev/full", "sh"};
  auto r = run_svc({"audit", (tree.path() / "repo").string()}, options);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot write to standard output"));
  auto graph = run_svc({"graph", (tree.path() / "repo").string()}, options);
  CHECK(graph.exit_code == 2);
}

TEST_CASE("output: a folder is not a report file", "[e2e][output]") {
  TempTree tree;
  repo(tree);
  fs::create_directories(tree.path() / "dir");
  auto r = audit_to(tree, (tree.path() / "dir").string());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("it is a folder"));
  CHECK(fs::is_directory(tree.path() / "dir"));
}
