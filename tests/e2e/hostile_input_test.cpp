// Files crafted to crash, exhaust or hang an analyser: each is built here, audited by
// the real binary, and must give a clean outcome (a report and a counted skip, never a
// signal).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include <chrono>
#include <thread>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::string repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * n);
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// A Hono service, so every TypeScript rule and fact kind looks at its files.
void hono_service(const TempTree& tree) {
  tree.write_file("services/api/package.json", R"({"name": "api", "dependencies": {"hono": "^4", "jsonwebtoken": "^9", "pg": "^8"}})");
  tree.write_file("services/api/src/index.ts", "import { Hono } from 'hono';\nconst app = new Hono();\n"
                                               "app.get('/v1/health', (c) => c.json({ ok: true }));\nexport default app;\n");
}

// The file is left out as too deep, and said so; the run ends normally.
void check_skipped_as_too_deep(const TempTree& tree);

json audit(const TempTree& tree, RunResult& r) {
  r = run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never", "--no-cache"});
  INFO(r.err.substr(0, 2000));
  REQUIRE(r.exit_code == 0);  // not a signal (128 + n), not an internal error
  return json::parse(r.out);
}

void check_skipped_as_too_deep(const TempTree& tree) {
  RunResult r;
  json report = audit(tree, r);
  CHECK(report["summary"]["skipped"]["too_deep"] == 1);
  CHECK_THAT(r.err, Catch::Contains("nested deeper than 500 levels: not analysed"));
}

}  // namespace

TEST_CASE("hostile input: deeply nested code is skipped with a note, not a crash", "[e2e][hostile]") {
  TempTree tree;
  hono_service(tree);
  const int n = 30000;
  SECTION("nested calls in TypeScript") {
    tree.write_file("services/api/src/deep.ts", "import { Hono } from 'hono';\nexport const x = " + repeat("f(", n) +
                                                "1" + repeat(")", n) + ";\n");
    check_skipped_as_too_deep(tree);
  }
  SECTION("a long sum as a token lifetime") {
    tree.write_file("services/api/src/deep.ts", "import jwt from 'jsonwebtoken';\nexport const t = jwt.sign({}, 'k', "
                                                "{ expiresIn: " + repeat("1+", n) + "1 });\n");
    check_skipped_as_too_deep(tree);
  }
  SECTION("a response nested in parentheses") {
    tree.write_file("services/api/src/deep.ts", "import { Hono } from 'hono';\nconst app = new Hono();\n"
                                                "app.get('/v1/x', (c) => c.json(" + repeat("(", n) + "{}" +
                                                repeat(")", n) + ", 500));\n");
    check_skipped_as_too_deep(tree);
  }
  SECTION("a Python lifetime built from a long sum and nested timedelta") {
    tree.write_file("services/worker/requirements.txt", "fastapi\npyjwt\n");
    tree.write_file("services/worker/app/main.py", "import jwt\nfrom datetime import timedelta\n"
                                                   "exp = " + repeat("1 + ", n) + "1\n"
                                                   "ttl = " + repeat("timedelta(", 5000) + "1" + repeat(")", 5000) +
                                                   "\njwt.encode({'exp': exp}, 'k')\n");
    check_skipped_as_too_deep(tree);
  }
  SECTION("a SQL file of nested parentheses") {
    tree.write_file("services/api/migrations/001.sql", "SELECT " + repeat("(", n) + "1" + repeat(")", n) + ";\n");
    check_skipped_as_too_deep(tree);
  }
}

TEST_CASE("hostile input: SQL in a string nested too deeply is read as text", "[e2e][hostile]") {
  TempTree tree;
  hono_service(tree);
  const int n = 300000;  // its walker recurses per level: 30,000 fit in a thread's stack
  tree.write_file("services/api/src/db.ts", "import { Pool } from 'pg';\nconst pool = new Pool();\n"
                                            "export const q = () => pool.query('SELECT id FROM orders WHERE id = " +
                                            repeat("(", n) + "1" + repeat(")", n) + "');\n");
  RunResult r;
  json report = audit(tree, r);
  CHECK(report["summary"]["skipped"]["too_deep"] == 0);  // the TypeScript is shallow
}

TEST_CASE("hostile input: a minified one-line bundle gives what its many-line twin gives", "[e2e][hostile]") {
  // Positions on a 2 MiB line were counted from the line's start and every finding
  // copied the whole line: a bundle of that size ran out of 24 GB after 71 s.
  const std::string chunk = "var a=require('express');app.get('/x',function(q,r){console.log('hi');"
                            "r.status(500).json({error:e.message});});";
  const int n = 2000;  // about 240 KB
  json counts[2];
  for (int one_line = 0; one_line < 2; ++one_line) {
    TempTree tree;
    tree.write_file("services/web/package.json", R"({"name": "web", "dependencies": {"express": "^4"}})");
    tree.write_file("services/web/src/bundle.js", repeat(one_line ? chunk : chunk + "\n", n));
    RunResult r;
    json report = audit(tree, r);
    counts[one_line] = report["summary"]["by_severity"];
    CHECK(report["summary"]["findings"].get<int>() > n);
  }
  CHECK(counts[0] == counts[1]);
}

TEST_CASE("hostile input: ARG values that double per line stay small and the USER line still counts",
          "[e2e][hostile]") {
  TempTree tree;
  std::string dockerfile = "ARG X0=aaaaaaaaaaaaaaaa\n";
  for (int i = 1; i <= 40; ++i)
    dockerfile += "ARG X" + std::to_string(i) + "=${X" + std::to_string(i - 1) + "}${X" + std::to_string(i - 1) + "}\n";
  dockerfile += "FROM node:22-slim AS build\nRUN echo $X40\nFROM node:22-slim\nENV Y=${X40}\nUSER node\n"
                "HEALTHCHECK CMD [\"node\", \"health.js\"]\nCMD [\"node\", \"index.js\"]\n";
  tree.write_file("services/api/Dockerfile", dockerfile);
  RunResult r;
  json report = audit(tree, r);
  for (const auto& f : report["findings"]) CHECK(f["rule"] != "docker-root-user");
  // Each test case runs in a process of its own (ctest), so this is the audit's peak.
  rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  CHECK(usage.ru_maxrss < 512 * 1024);  // KiB
}

namespace {

// About 500 bytes that stand for 9^9 (387 million) nodes once the aliases are expanded.
std::string alias_bomb() {
  std::string out = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 8; ++i) {
    out += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) out += (j ? ", *a" : "*a") + std::to_string(i - 1);
    out += "]\n";
  }
  return out;
}

}  // namespace

namespace {

void check_bomb_skipped(const TempTree& tree) {
  RunResult r;
  json report = audit(tree, r);
  CHECK(report["summary"]["skipped"]["yaml_aliases"] == 1);
  CHECK_THAT(r.err, Catch::Contains("YAML aliases expand to more than 1000000 nodes: not analysed"));
}

// The bomb's lines indented under a key, for files whose top level is fixed.
std::string indented(const std::string& text, const std::string& pad) {
  std::string out;
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = text.find('\n', start);
    out += pad + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("hostile input: YAML alias bombs are measured before anything walks them", "[e2e][hostile]") {
  TempTree tree;
  SECTION("an OpenAPI document") {
    tree.write_file("services/api/package.json", R"({"name": "api", "dependencies": {"express": "^4"}})");
    tree.write_file("services/api/openapi.yaml", "openapi: 3.0.0\ninfo: {title: x, version: '1'}\n" + alias_bomb() +
                                                     "paths: {}\n");
    check_bomb_skipped(tree);
  }
  SECTION("a Kubernetes List") {
    tree.write_file("k8s/list.yaml", "apiVersion: v1\nkind: List\n" + alias_bomb() +
                                         "items:\n  - apiVersion: apps/v1\n    kind: Deployment\n"
                                         "    metadata: {name: api}\n    spec: {template: {spec: {containers: "
                                         "[{name: api, image: api, env: [{name: DATABASE_URL, value: "
                                         "'postgres://db/x'}]}]}}}\n    x: *a8\n");
    check_bomb_skipped(tree);
  }
  SECTION("a compose file") {
    tree.write_file("docker-compose.yml", "x-bomb:\n" + indented(alias_bomb(), "  ") +
                                              "services:\n  api:\n    image: api\n    environment: {X: '1'}\n");
    check_bomb_skipped(tree);
  }
}

TEST_CASE("hostile input: a YAML alias bomb in .svc.yaml or an answers file is exit 2", "[e2e][hostile]") {
  TempTree tree;
  tree.write_file(".svc.yaml", alias_bomb());
  auto r = run_svc({"audit", tree.str(), "--no-cache"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(".svc.yaml:1:1: YAML aliases here expand to more than 1000000 nodes"));

  auto answers = tree.write_file("answers.yaml", alias_bomb());
  auto n = run_svc({"new", "orders", "--template", "hono", "--dir", (tree.path() / "out").string(), "--answers",
                    answers.string(), "--no-git", "--yes"});
  CHECK(n.exit_code == 2);
  CHECK_THAT(n.err, Catch::Contains("answers.yaml:1:1: YAML aliases here expand to more than 1000000 nodes"));
}

TEST_CASE("hostile input: configuration and baseline files are regular files, read within bounds", "[e2e][hostile]") {
  TempTree tree, outside;
  tree.write_file("services/api/Dockerfile", "FROM node:22-slim\nUSER node\nCMD [\"node\", \"i.js\"]\n");
  auto secret = outside.write_file("shadow", "root:$6$very-secret-hash:19000:0:99999:7:::\n");
  fs::path config = tree.path() / ".svc.yaml";
  RunResult r;
  SECTION("a committed .svc.yaml linking out of the tree") {
    fs::create_symlink(secret, config);
    r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK_THAT(r.err, Catch::Contains("outside"));
    CHECK_THAT(r.err, !Catch::Contains("very-secret-hash"));
  }
  SECTION("a .svc.yaml linking to /dev/zero") {
    fs::create_symlink("/dev/zero", config);
    r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK_THAT(r.err, Catch::Contains("outside"));  // refused before it is opened
  }
  SECTION("a .svc.yaml that is a FIFO") {
    REQUIRE(::mkfifo(config.c_str(), 0600) == 0);
    r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK_THAT(r.err, Catch::Contains("a FIFO"));
  }
  SECTION("a folder named .svc.yaml") {
    fs::create_directories(config);
    r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK_THAT(r.err, Catch::Contains("a folder"));
  }
  SECTION("--config /dev/zero") {
    r = run_svc({"audit", tree.str(), "--no-cache", "--config", "/dev/zero"});
    CHECK_THAT(r.err, Catch::Contains("a device"));
  }
  SECTION("--baseline naming a FIFO") {
    fs::path fifo = outside.path() / "baseline.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    r = run_svc({"audit", tree.str(), "--no-cache", "--baseline", fifo.string()});
    CHECK_THAT(r.err, Catch::Contains("a FIFO"));
  }
  INFO(r.err);
  CHECK(r.exit_code == 2);
}

TEST_CASE("hostile input: a tracked file or folder replaced by a symlink is not followed", "[e2e][hostile]") {
  TempTree tree, outside;
  outside.write_file("Dockerfile", "FROM secret-base-image:outside-the-tree\n");
  outside.write_file("api/Dockerfile", "FROM secret-base-image:outside-the-tree\n");
  tree.write_file("services/web/Dockerfile", "FROM node:22-slim\nUSER node\n");
  tree.write_file("services/api/Dockerfile", "FROM node:22-slim\nUSER node\n");
  GitRepo repo(tree.path());
  repo.add({"services/web/Dockerfile", "services/api/Dockerfile"});
  repo.commit("two services");
  fs::remove(tree.path() / "services/web/Dockerfile");
  fs::create_symlink(outside.path() / "Dockerfile", tree.path() / "services/web/Dockerfile");
  fs::remove_all(tree.path() / "services/api");
  fs::create_directory_symlink(outside.path() / "api", tree.path() / "services/api");
  RunResult r;
  json report = audit(tree, r);
  CHECK(r.out.find("secret-base-image") == std::string::npos);
  CHECK(report["summary"]["files"] == 0);
}

TEST_CASE("hostile input: names that are not UTF-8 or carry control characters are escaped in every format",
          "[e2e][hostile]") {
  TempTree tree;
  const std::string root_user = "FROM node:22-slim\nCMD [\"node\", \"i.js\"]\n";
  tree.write_file("services/x\xff" "y/Dockerfile", root_user);
  tree.write_file("services/api\n::error title=forged::pwned/Dockerfile", root_user);
  tree.write_file("services/esc/Dockerfile", "FROM node:22-slim\x1b]0;owned\x07\nCMD [\"node\", \"i.js\"]\n");
  for (const char* format : {"text", "json", "sarif", "github", "junit", "markdown", "codeclimate"}) {
    INFO(format);
    auto r = run_svc({"audit", tree.str(), "--format", format, "--fail-on", "never", "--no-cache", "--color", "never"});
    CHECK(r.exit_code == 0);
    CHECK(r.out.find("\x1b") == std::string::npos);
    CHECK(r.out.find("\n::error title=forged") == std::string::npos);
    CHECK(r.out.find("\xff") == std::string::npos);
    CHECK(r.out.find("xffy/Dockerfile") != std::string::npos);  // \\xff, escaped again by JSON and Markdown
    if (std::string(format) == "json" || std::string(format) == "sarif" || std::string(format) == "codeclimate")
      CHECK_NOTHROW(json::parse(r.out));
  }
  auto baseline = run_svc({"audit", tree.str(), "--no-cache", "--write-baseline", (tree.path() / "b.json").string()});
  CHECK(baseline.exit_code == 0);
  auto again = run_svc({"audit", tree.str(), "--no-cache", "--baseline", (tree.path() / "b.json").string()});
  CHECK(again.exit_code == 0);  // every finding recorded, matched by fingerprint
}

TEST_CASE("hostile input: Ctrl-C ends a run within a second, even inside a large file", "[e2e][hostile]") {
  TempTree tree;
  tree.write_file("services/web/package.json", R"({"name": "web", "dependencies": {"express": "^4"}})");
  const std::string chunk = "app.get('/v1/items/:id', async (req, res) => { const item = await db.query('SELECT * "
                            "FROM items WHERE id = $1', [req.params.id]); if (!item) { return res.status(404)"
                            ".json({ error: { code: 'not_found', message: 'no such item' } }); } res.json(item); });\n";
  for (int i = 0; i < 8; ++i)
    tree.write_file("services/web/src/big" + std::to_string(i) + ".js", "const app = require('express')();\n" +
                                                                            repeat(chunk, 1900 * 1024 / chunk.size()));
  std::string binary = SVC_BINARY, root = tree.str();
  std::vector<char*> argv = {binary.data(), const_cast<char*>("audit"), root.data(), const_cast<char*>("--no-cache"),
                             const_cast<char*>("--jobs"), const_cast<char*>("1"), nullptr};
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  REQUIRE(posix_spawn(&pid, binary.c_str(), &actions, nullptr, argv.data(), environ) == 0);
  posix_spawn_file_actions_destroy(&actions);
  std::this_thread::sleep_for(std::chrono::milliseconds(700));
  auto sent = std::chrono::steady_clock::now();
  REQUIRE(::kill(pid, SIGINT) == 0);
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  auto waited = std::chrono::steady_clock::now() - sent;
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  // A second on a quiet machine; the suite runs tests two at a time on two cores, so
  // the bound leaves room for a scheduler that is busy elsewhere.
  CHECK(waited < std::chrono::seconds(2));
}

TEST_CASE("hostile input: svc new leaves nothing behind when its git step fails", "[e2e][hostile]") {
  TempTree tree;
  fs::path target = tree.path() / "orders";
  SECTION("a stale .git file") {
    tree.write_file("orders/.git", "gitdir: /nonexistent/repository\n");
    auto r = run_svc({"new", "orders", "--template", "hono", "--dir", target.string(), "--yes"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("git:") && Catch::Contains("nothing was left behind"));
  }
  SECTION("a corrupt HEAD") {
    tree.write_file("orders/.git/HEAD", "garbage\n");
    auto r = run_svc({"new", "orders", "--template", "hono", "--dir", target.string(), "--yes"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("git:") && Catch::Contains("nothing was left behind"));
  }
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(target))
    if (e.path().filename() != ".git") left.push_back(e.path().filename().string());
  CHECK(left.empty());
}

TEST_CASE("hostile input: ambiguous configuration and baselines are exit 2 at their place", "[e2e][hostile]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", "FROM node:22-slim\nUSER node\n");
  RunResult r;
  SECTION("a key given twice") {
    tree.write_file(".svc.yaml", "rules:\n  docker-root-user: off\n  docker-root-user: error\n");
    r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK_THAT(r.err, Catch::Contains(".svc.yaml:3:3: 'docker-root-user' is given twice"));
  }
  SECTION("a second YAML document") {
    tree.write_file(".svc.yaml", "rules:\n  docker-root-user: off\n---\nrules: {}\n");
    r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK_THAT(r.err, Catch::Contains(".svc.yaml:4:1: a second YAML document"));
  }
  SECTION("a baseline version out of any number's range") {
    auto baseline = tree.write_file("b.json", "{\"version\": 1e400, \"findings\": []}\n");
    r = run_svc({"audit", tree.str(), "--no-cache", "--baseline", baseline.string()});
    CHECK_THAT(r.err, Catch::Contains("b.json: not valid JSON: number overflow"));
    CHECK_THAT(r.err, !Catch::Contains("internal error"));
  }
  CHECK(r.exit_code == 2);
}

TEST_CASE("hostile input: USER with a default of root is root, and the no-reason hint has one colon",
          "[e2e][hostile]") {
  TempTree tree;
  tree.write_file("services/api/Dockerfile", "ARG U\nFROM node:22-slim\n# svc-ignore docker-no-healthcheck:\n"
                                             "USER ${U:-root}\nCMD [\"node\", \"i.js\"]\n");
  auto r = run_svc({"audit", tree.str(), "--no-cache", "--format", "json", "--fail-on", "never"});
  REQUIRE(r.exit_code == 0);
  json report = json::parse(r.out);
  bool root = false, hint = false;
  for (const auto& f : report["findings"]) {
    root = root || (f["rule"] == "docker-root-user" && f["line"] == 4);
    if (f["rule"] == "suppression-no-reason") {
      hint = true;
      CHECK(f["message"].get<std::string>().find("docker-no-healthcheck: <why") != std::string::npos);
      CHECK(f["message"].get<std::string>().find("::") == std::string::npos);
    }
  }
  CHECK(root);
  CHECK(hint);
}

TEST_CASE("hostile input: YAML that yaml-cpp's LoadAll never finishes is read document by document",
          "[e2e][hostile]") {
  // Found by scripts/fuzz.sh (fuzz_config): YAML::LoadAll(",") loops forever in yaml-cpp 0.7.
  TempTree tree;
  tree.write_file("services/api/Dockerfile", "FROM node:22-slim\nUSER node\n");
  tree.write_file("docker-compose.yml", "services:\n  api:\n    image: api\n---\n,\n");
  tree.write_file("k8s/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\n---\n,\n");
  RunResult r;
  json report = audit(tree, r);
  CHECK(report["summary"]["files"] == 3);
  tree.write_file(".svc.yaml", ",\n");
  auto config = run_svc({"audit", tree.str(), "--no-cache"});
  CHECK(config.exit_code == 0);  // yaml-cpp reads a lone `,` as an empty document: an empty configuration
}

TEST_CASE("hostile input: svc new does not write through a folder that links back, and quotes its path",
          "[e2e][hostile]") {
  TempTree tree;
  SECTION("a folder of the target that links back to the target") {
    fs::create_directories(tree.path() / "orders");
    fs::create_directory_symlink(".", tree.path() / "orders/src");
    auto r = run_svc({"new", "orders", "--template", "hono", "--dir", (tree.path() / "orders").string(), "--yes",
                      "--no-git"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("does not write through a loop"));
    CHECK_FALSE(fs::exists(tree.path() / "orders/index.ts"));
  }
  SECTION("a folder name with a space") {
    RunOptions options;
    options.cwd = tree.path();
    auto r = run_svc({"new", "orders", "--template", "hono", "--dir", "my services/orders", "--yes", "--no-git"},
                     options);
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("cd './my services/orders'"));
  }
}

TEST_CASE("hostile input: a YAML stream of many documents is read in one pass", "[e2e][hostile]") {
  // Read document by document with each padded to keep its lines, 20,000 documents of
  // 2 MiB took 35 s and 2.4 GB; a stream that also ends in yaml-cpp's endless case is
  // split, and at most 1,000 of its documents are read.
  TempTree tree;
  std::string documents;
  for (int i = 0; i < 20000; ++i)
    documents += "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c" + std::to_string(i) +
                 "}\ndata: {DATABASE_URL: \"postgres://db/x\"}\n";
  tree.write_file("k8s/all.yaml", documents);
  tree.write_file("k8s/endless.yaml", documents + "---\n,\n");
  RunResult r;
  json report = audit(tree, r);
  CHECK(report["summary"]["files"] == 2);
  rusage usage {};
  getrusage(RUSAGE_CHILDREN, &usage);
  // KiB: 160 MiB in a Release build, about 740 under ASan; the quadratic reading took 2.4 GB in Release.
  CHECK(usage.ru_maxrss < 1536 * 1024);
}
