// `svc upgrade` as a user runs it on a service `svc new` generated and the team edited:
// a changed answer re-renders the template, edits are merged or kept, never lost, and
// uncommitted changes or a folder svc new did not make stop the run with nothing written.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"
#include "scaffolds/engine/answers.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/stamp.h"
#include "scaffolds/engine/template_versions.h"
#include "unit/scaffolds/tree_snapshot.h"

namespace fs = std::filesystem;
using namespace svc::e2e;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

RunResult svc_in(const TempTree& tree, std::vector<std::string> args) {
  RunOptions options = hermetic(tree.path());
  options.cwd = tree.path() / "orders";
  return run_svc(args, options);
}

// A hono service with a queue, its first commit, then a team commit editing two files.
void generate_and_edit(const TempTree& tree) {
  RunOptions options = hermetic(tree.path());
  options.cwd = tree.path();
  REQUIRE(run_svc({"new", "orders", "-t", "hono", "--yes"}, options).exit_code == 0);
  std::string worker = tree.read_file("orders/src/worker.ts");
  tree.write_file("orders/src/worker.ts", worker + "// the team's note\n");
  std::string env = tree.read_file("orders/.env.example");
  tree.write_file("orders/.env.example", "# team: values live in the vault\n" + env);
  GitRepo repo(tree.path() / "orders");
  repo.add({"src/worker.ts", ".env.example"});
  repo.commit("team edits");
}

}  // namespace

TEST_CASE("upgrade: a changed answer removes untouched files, keeps edited ones, merges the rest",
          "[e2e][upgrade]") {
  TempTree tree;
  generate_and_edit(tree);
  auto r = svc_in(tree, {"upgrade", "--set", "queue=none"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "Upgraded orders (hono template) from version 2 to 2; answers: queue bullmq -> none\n"));
  CHECK(has(r.out, "  removed   src/lib/jobs/item-created.ts\n"));
  CHECK(has(r.out, "  kept      src/worker.ts  (no longer in the template; you changed it)\n"));
  CHECK(has(r.out, "  merged    .env.example  (your edits kept)\n"));
  CHECK_FALSE(fs::exists(tree.path() / "orders/src/lib/jobs/item-created.ts"));
  CHECK(has(tree.read_file("orders/src/worker.ts"), "// the team's note\n"));
  std::string env = tree.read_file("orders/.env.example");
  CHECK(env.rfind("# team: values live in the vault\n", 0) == 0);
  CHECK_FALSE(has(env, "WORKER_CONCURRENCY"));
  CHECK(has(tree.read_file("orders/.svc.yaml"), "queue: none"));
}

TEST_CASE("upgrade: --dry-run shows diffs and writes nothing, and JSON lists each file as it fares", "[e2e][upgrade]") {
  TempTree tree;
  generate_and_edit(tree);
  auto before = svc::scaffolds::testing::snapshot(tree.path() / "orders");
  auto r = svc_in(tree, {"upgrade", "--set", "queue=none", "--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "Dry run: would upgrade orders"));
  CHECK(has(r.out, "--- a/src/lib/jobs/item-created.ts\n+++ b/src/lib/jobs/item-created.ts\n"));
  auto j = svc_in(tree, {"upgrade", "--set", "queue=none", "--dry-run", "--format", "json"});
  auto doc = nlohmann::json::parse(j.out);
  CHECK(doc["from"]["answers"]["queue"] == "bullmq");
  CHECK(doc["to"]["answers"]["queue"] == "none");
  bool kept = false;
  for (const auto& f : doc["files"]) kept |= f["path"] == "src/worker.ts" && f["action"] == "kept";
  CHECK(kept);
  CHECK(svc::scaffolds::testing::snapshot(tree.path() / "orders") == before);
}

TEST_CASE("upgrade: the same line changed on both sides is a conflict with markers, exit 1", "[e2e][upgrade]") {
  TempTree tree;
  generate_and_edit(tree);
  // The team rewrote the line the queue answer changes.
  std::string env = tree.read_file("orders/.env.example");
  auto at = env.find("# Redis: rate limits and the BullMQ queue.");
  REQUIRE(at != std::string::npos);
  env.replace(at, std::string("# Redis: rate limits and the BullMQ queue.").size(), "# Redis: shared cluster, db 3");
  tree.write_file("orders/.env.example", env);
  {
    GitRepo repo(tree.path() / "orders");
    repo.add({".env.example"});
    repo.commit("redis note");
  }
  auto r = svc_in(tree, {"upgrade", "--set", "queue=none"});
  INFO(r.out << r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.out, "  conflict  .env.example  (resolve the <<<<<<< markers)\n"));
  CHECK(has(tree.read_file("orders/.env.example"),
            "<<<<<<< yours\n# Redis: shared cluster, db 3\n||||||| generated (version 2)\n"));
}

TEST_CASE("upgrade: uncommitted changes, a folder svc new did not make, and bad answers write nothing",
          "[e2e][upgrade]") {
  TempTree tree;
  generate_and_edit(tree);
  tree.write_file("orders/README.md", "# mine, not committed\n");
  auto before = svc::scaffolds::testing::snapshot(tree.path() / "orders");
  auto dirty = svc_in(tree, {"upgrade", "--set", "queue=none"});
  CHECK(dirty.exit_code == 2);
  CHECK(has(dirty.err, "1 uncommitted change(s) in the service:\n  README.md"));
  CHECK(has(dirty.err, "--allow-dirty"));
  auto unknown = svc_in(tree, {"upgrade", "--set", "colour=blue"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "template hono has no variable 'colour'"));
  auto newer = svc_in(tree, {"upgrade", "--to", "99"});
  CHECK(newer.exit_code == 2);
  CHECK(has(newer.err, "has no version 99"));
  CHECK(svc::scaffolds::testing::snapshot(tree.path() / "orders") == before);

  fs::create_directories(tree.path() / "plain");
  RunOptions options = hermetic(tree.path());
  auto plain = run_svc({"upgrade", (tree.path() / "plain").string()}, options);
  CHECK(plain.exit_code == 2);
  CHECK(has(plain.err, "has no .svc.yaml: `svc new` did not generate it"));
}

TEST_CASE("upgrade: a service generated from version 1 of each template reaches version 2 with its edits",
          "[e2e][upgrade]") {
  for (const char* name : {"hono", "fastapi", "flask"}) {
    INFO(name);
    TempTree tree;
    // What `svc new` of version 1 wrote: the kept version rendered with the defaults.
    using namespace svc::scaffolds;
    TemplateSource v1 = embedded_template_version(name, 1);
    Manifest m = parse_manifest(v1.manifest_text, v1.manifest_path, name);
    AnswerInputs inputs;
    inputs.flags = {{"name", "orders"}};
    Answers answers = resolve_answers(m, inputs);
    RenderedTemplate rendered = render_template(v1, m, answers);
    std::vector<std::string> paths = {".svc.yaml"};
    tree.write_file("orders/.svc.yaml", stamp_yaml(m, answers, rendered));
    for (const auto& f : rendered.files) {
      tree.write_file("orders/" + f.path, f.content);
      paths.push_back(f.path);
    }
    std::string readme = tree.read_file("orders/README.md");
    {
      GitRepo repo(tree.path() / "orders");
      repo.add(paths);
      repo.commit("svc new, version 1");
      tree.write_file("orders/README.md", readme + "\n## On call\n\nThe payments team.\n");
      repo.add({"README.md"});
      repo.commit("team: who is on call");
    }
    auto r = svc_in(tree, {"upgrade", "--format", "json"});
    INFO(r.out << r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 1));
    auto doc = nlohmann::json::parse(r.out);
    CHECK(doc["from"]["version"] == 1);
    CHECK(doc["to"]["version"] == 2);
    std::map<std::string, std::string> fate;
    for (const auto& f : doc["files"]) fate[f["path"]] = f["action"];
    CHECK(fate["compose.yaml"] == "added");
    CHECK(fate["openapi.json"] == (std::string(name) == "hono" ? "" : "added"));
    // The team's section survives, merged into the new README or marked in a conflict.
    CHECK(has(tree.read_file("orders/README.md"), "## On call\n\nThe payments team.\n"));
    CHECK(has(tree.read_file("orders/.svc.yaml"), "version: 2"));
    // Every file of version 2 is there now, as version 2 writes it unless the team edited it.
    TemplateSource v2 = embedded_template_version(name, 0);
    Manifest m2 = parse_manifest(v2.manifest_text, v2.manifest_path, name);
    for (const auto& f : render_template(v2, m2, resolve_answers(m2, inputs)).files)
      if (f.path != "README.md") CHECK(tree.read_file("orders/" + f.path) == f.content);
  }
}

TEST_CASE("upgrade: resources added with svc add follow a changed answer, and .svc.yaml keeps the team's settings",
          "[e2e][upgrade]") {
  TempTree tree;
  RunOptions options = hermetic(tree.path());
  options.cwd = tree.path();
  REQUIRE(run_svc({"new", "orders", "-t", "hono", "--yes"}, options).exit_code == 0);
  REQUIRE(svc_in(tree, {"add", "resource", "widgets", "--fields", "name:string,price:number"}).exit_code == 0);
  CHECK(has(tree.read_file("orders/src/routes/widgets.ts"), "requirePermission"));
  std::string config = "\n# the team's\nrules:\n  api-unversioned-route: off\n";
  tree.write_file("orders/.svc.yaml", tree.read_file("orders/.svc.yaml") + config);
  {
    GitRepo repo(tree.path() / "orders");
    std::vector<std::string> all;
    for (const auto& e : fs::recursive_directory_iterator(tree.path() / "orders")) {
      std::string rel = e.path().lexically_relative(tree.path() / "orders").generic_string();
      if (e.is_regular_file() && rel.rfind(".git/", 0) != 0) all.push_back(rel);
    }
    repo.add(all);
    repo.commit("widgets");
  }
  auto r = svc_in(tree, {"upgrade", "--set", "auth=none"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "  updated   src/routes/widgets.ts\n"));
  CHECK_FALSE(has(tree.read_file("orders/src/routes/widgets.ts"), "requirePermission"));
  std::string stamp = tree.read_file("orders/.svc.yaml");
  CHECK(has(stamp, config));
  CHECK(has(stamp, "auth: none"));
  CHECK(has(stamp, "{name: widgets, fields: \"name:string,price:number\""));
  CHECK(has(stamp, ", widgets]"));
}

TEST_CASE("upgrade: svc audit reads a .svc.yaml that records added resources", "[e2e][upgrade]") {
  TempTree tree;
  RunOptions options = hermetic(tree.path());
  options.cwd = tree.path();
  REQUIRE(run_svc({"new", "orders", "-t", "flask", "--yes", "--no-git"}, options).exit_code == 0);
  REQUIRE(svc_in(tree, {"add", "resource", "widgets"}).exit_code == 0);
  auto audit = run_svc({"audit", (tree.path() / "orders").string(), "--format", "json", "--no-cache"}, options);
  INFO(audit.err);
  CHECK(audit.exit_code != 2);
  CHECK(has(audit.out, "\"services\""));
}
