// `svc audit` keeps per-file results between runs: --cache-dir, --no-cache, the default
// folder, and what a user sees when the folder is damaged or cannot be written.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <future>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

void write_services(const TempTree& tree) {
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kCleanDockerfile);
  tree.write_file("services/api/package.json", R"({"name": "api", "dependencies": {"hono": "^4"}})");
  tree.write_file("services/api/src/index.ts", "import { Hono } from 'hono';\nconst app = new Hono();\n"
                                               "app.get('/orders', (c) => c.json([]));\nexport default app;\n");
}

json audit_json(const TempTree& tree, const std::vector<std::string>& extra, RunResult* run = nullptr) {
  std::vector<std::string> args = {"audit", tree.str(), "--format", "json", "--fail-on", "never"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_svc(args);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  if (run) *run = r;
  return json::parse(r.out);
}

std::size_t packs_in(const fs::path& dir) {
  std::size_t n = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) n += e.path().extension() == ".pack";
  return n;
}

}  // namespace

TEST_CASE("cache: a second run reads unchanged files from --cache-dir and reports the same", "[e2e][cache]") {
  TempTree tree, cache;
  write_services(tree);
  json cold = audit_json(tree, {"--no-cache"});
  json first = audit_json(tree, {"--cache-dir", cache.str()});
  json second = audit_json(tree, {"--cache-dir", cache.str()});
  CHECK(first["summary"]["cached"] == 0);
  CHECK(second["summary"]["cached"].get<int>() > 0);
  CHECK(second["summary"]["parsed"] == 0);
  CHECK(first["findings"] == cold["findings"]);
  CHECK(second["findings"] == cold["findings"]);
  CHECK(packs_in(cache.path()) == 1);

  auto text = run_svc({"audit", tree.str(), "--cache-dir", cache.str(), "--fail-on", "never"});
  CHECK_THAT(text.out, Catch::Contains("unchanged from cache"));
}

TEST_CASE("cache: --no-cache neither reads nor writes, and the default is XDG_CACHE_HOME/svc", "[e2e][cache]") {
  TempTree tree, home;
  write_services(tree);
  RunOptions options;
  options.env = {{"XDG_CACHE_HOME", (home.path() / "xdg").string()}, {"HOME", (home.path() / "home").string()}};
  auto none = run_svc({"audit", tree.str(), "--no-cache", "--fail-on", "never"}, options);
  CHECK(none.exit_code == 0);
  CHECK_FALSE(fs::exists(home.path() / "xdg"));
  CHECK_FALSE(fs::exists(home.path() / "home"));

  auto run = run_svc({"audit", tree.str(), "--fail-on", "never"}, options);
  CHECK(run.exit_code == 0);
  CHECK(packs_in(home.path() / "xdg" / "svc") == 1);

  options.env["XDG_CACHE_HOME"] = std::nullopt;  // then ~/.cache/svc
  run = run_svc({"audit", tree.str(), "--fail-on", "never"}, options);
  CHECK(packs_in(home.path() / "home" / ".cache" / "svc") == 1);
  // Nothing is written into the audited tree.
  for (const auto& e : fs::recursive_directory_iterator(tree.path())) CHECK(e.path().extension() != ".pack");
}

TEST_CASE("cache: an edit, a new dependency or a new rule setting is seen at once", "[e2e][cache]") {
  TempTree tree, cache;
  write_services(tree);
  std::vector<std::string> flags = {"--cache-dir", cache.str()};
  audit_json(tree, flags);

  // An edited file: its new finding appears, the other files come from the cache.
  tree.write_file("services/web/Dockerfile", kRootDockerfile);
  json edited = audit_json(tree, flags);
  CHECK(edited["findings"] == audit_json(tree, {"--no-cache"})["findings"]);
  CHECK(edited["summary"]["parsed"] == 1);

  // A manifest change changes its service: that service's files are judged again.
  tree.write_file("services/api/package.json", R"({"name": "api", "dependencies": {"express": "^4"}})");
  json manifest = audit_json(tree, flags);
  CHECK(manifest["findings"] == audit_json(tree, {"--no-cache"})["findings"]);

  // A rule turned off in .svc.yaml: nothing of the earlier runs is reused.
  tree.write_file(".svc.yaml", "rules:\n  docker-root-user: off\n");
  json configured = audit_json(tree, flags);
  CHECK(configured["summary"]["cached"] == 0);
  CHECK(configured["findings"] == audit_json(tree, {"--no-cache"})["findings"]);
}

TEST_CASE("cache: --since with a warm cache reports what it reports without one", "[e2e][cache]") {
  TempTree tree, cache;
  write_services(tree);
  GitRepo repo(tree.path());
  repo.add({"services/api/Dockerfile", "services/web/Dockerfile", "services/api/package.json",
            "services/api/src/index.ts"});
  repo.commit("services");
  audit_json(tree, {"--cache-dir", cache.str()});
  tree.write_file("services/web/Dockerfile", kRootDockerfile);
  json warm = audit_json(tree, {"--cache-dir", cache.str(), "--since", "HEAD"});
  json cold = audit_json(tree, {"--no-cache", "--since", "HEAD"});
  CHECK(warm["findings"] == cold["findings"]);
  REQUIRE(warm["findings"].size() > 0);
  for (const auto& f : warm["findings"]) CHECK(f["path"] == "services/web/Dockerfile");
}

TEST_CASE("cache: a damaged pack is named on stderr and rebuilt, and findings are unchanged", "[e2e][cache]") {
  TempTree tree, cache;
  write_services(tree);
  json first = audit_json(tree, {"--cache-dir", cache.str()});
  for (const auto& e : fs::directory_iterator(cache.path()))
    if (e.path().extension() == ".pack") fs::resize_file(e.path(), fs::file_size(e.path()) - 10);
  RunResult run;
  json damaged = audit_json(tree, {"--cache-dir", cache.str()}, &run);
  CHECK_THAT(run.err, Catch::Contains("svc: note: the result cache in") && Catch::Contains("truncated or corrupt"));
  CHECK(damaged["findings"] == first["findings"]);
  CHECK(damaged["summary"]["cached"] == 0);
  json again = audit_json(tree, {"--cache-dir", cache.str()}, &run);
  CHECK(run.err.empty());
  CHECK(again["summary"]["cached"].get<int>() > 0);
}

TEST_CASE("cache: a folder that cannot be written is a warning, never a failed audit", "[e2e][cache]") {
  TempTree tree, scratch;
  write_services(tree);
  auto blocker = scratch.write_file("not-a-folder", "a file where the cache folder would go\n");
  auto r = run_svc({"audit", tree.str(), "--cache-dir", blocker.string(), "--format", "json"});
  CHECK(r.exit_code == 1);  // the findings decide, as without a cache
  CHECK_THAT(r.err, Catch::Contains("svc: warning: result cache not saved") && Catch::Contains("--no-cache"));
  CHECK(json::parse(r.out)["findings"] == audit_json(tree, {"--no-cache"})["findings"]);
  auto quiet = run_svc({"audit", tree.str(), "--cache-dir", blocker.string(), "--quiet"});
  CHECK(quiet.err.empty());
}

TEST_CASE("cache: runs at the same time share the folder and each reports in full", "[e2e][cache]") {
  TempTree tree, cache;
  write_services(tree);
  for (int i = 0; i < 30; ++i) tree.write_file("services/s" + std::to_string(i) + "/Dockerfile", kRootDockerfile);
  json expected = audit_json(tree, {"--no-cache"});
  std::vector<std::future<RunResult>> runs;
  for (int i = 0; i < 4; ++i)
    runs.push_back(std::async(std::launch::async, [&] {
      return run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never", "--cache-dir", cache.str()});
    }));
  for (auto& f : runs) {
    auto r = f.get();
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    CHECK(json::parse(r.out)["findings"] == expected["findings"]);
  }
  RunResult after;
  json warm = audit_json(tree, {"--cache-dir", cache.str()}, &after);
  CHECK(after.err.empty());
  CHECK(warm["summary"]["cached"].get<int>() > 30);
}

TEST_CASE("cache: a cache folder inside the audited tree is not audited", "[e2e][cache]") {
  TempTree tree;
  write_services(tree);
  json first = audit_json(tree, {"--cache-dir", (tree.path() / ".svc-cache").string()});
  REQUIRE(packs_in(tree.path() / ".svc-cache") == 1);
  json second = audit_json(tree, {"--cache-dir", (tree.path() / ".svc-cache").string()});
  CHECK(second["summary"]["cached"].get<int>() > 0);
  CHECK(second["summary"]["files"] == first["summary"]["files"]);
  CHECK(second["summary"]["skipped"]["binary"] == 0);
  CHECK(second["findings"] == first["findings"]);
}
