// `svc new` as a user runs it: help, --list, answers from flags and files, refusals
// with nothing written, dry runs, .svc.yaml and git. Needs the built-in hono template.
#include <catch2/catch.hpp>

#include <filesystem>

#include <git2.h>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"
#include "unit/scaffolds/tree_snapshot.h"

namespace fs = std::filesystem;
using namespace svc::e2e;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Nothing but the hermetic HOME the runs use.
bool testing_empty(const TempTree& tree) {
  for (const auto& e : fs::directory_iterator(tree.path()))
    if (e.path().filename() != ".home") return false;
  return true;
}

RunResult svc_new(const TempTree& tree, std::vector<std::string> args) {
  args.insert(args.begin(), "new");
  RunOptions options = hermetic(tree.path());
  options.cwd = tree.path();
  return run_svc(args, options);
}

}  // namespace

TEST_CASE("new: --help teaches flags, examples, where it lands and what is never overwritten", "[e2e][new]") {
  auto r = run_svc({"new", "--help"});
  CHECK(r.exit_code == 0);
  for (const char* part : {"--template", "--dir", "--db", "--queue", "--auth", "--port", "--set", "--answers",
                           "--dry-run", "--force", "--no-git", "--yes", "--list", "Examples:", "./NAME",
                           "Never overwritten"})
    CHECK(has(r.out, part));
  CHECK(has(run_svc({"help"}).out, "  new "));
}

TEST_CASE("new: --list shows each template with its variables and choices", "[e2e][new]") {
  auto r = run_svc({"new", "--list"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "hono  "));
  CHECK(has(r.out, "--db"));
  CHECK(has(r.out, "postgres|none (default postgres)"));
}

TEST_CASE("new: without a terminal a missing name or template is exit 2 naming what supplies it", "[e2e][new]") {
  TempTree tree;  // stdin is /dev/null: nobody to ask
  auto no_name = svc_new(tree, {"--template", "hono"});
  CHECK(no_name.exit_code == 2);
  CHECK(has(no_name.err, "svc: error: missing the service name"));
  CHECK(has(no_name.err, "hint: pass it as NAME"));
  auto no_template = svc_new(tree, {"orders"});
  CHECK(no_template.exit_code == 2);
  CHECK(has(no_template.err, "pass --template with one of: "));
  CHECK(has(no_template.err, "hono"));
  CHECK(testing_empty(tree));
}

TEST_CASE("new: bad names, ports, unknown variables and escaping --dir write nothing", "[e2e][new]") {
  TempTree tree;
  auto before = svc::scaffolds::testing::snapshot(tree.path());
  auto bad_name = svc_new(tree, {"My_Service", "-t", "hono"});
  CHECK(bad_name.exit_code == 2);
  CHECK(has(bad_name.err, "'My_Service' is not a valid name"));
  auto bad_port = svc_new(tree, {"orders", "-t", "hono", "--port", "99999"});
  CHECK(bad_port.exit_code == 2);
  CHECK(has(bad_port.err, "--port: '99999' is not a port"));
  auto unknown = svc_new(tree, {"orders", "-t", "hono", "--set", "colour=red"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "template hono has the variables: name, port"));
  auto escape = svc_new(tree, {"orders", "-t", "hono", "--dir", "../x"});
  CHECK(escape.exit_code == 2);
  CHECK(has(escape.err, "leaves the current directory"));
  CHECK(svc::scaffolds::testing::snapshot(tree.path()) == before);
}

TEST_CASE("new: the printed next steps can be pasted as they are, one cd and .env loaded", "[e2e][new]") {
  for (const char* tmpl : {"hono", "fastapi", "flask"}) {
    TempTree tree;
    auto r = svc_new(tree, {"billing", "--template", tmpl, "--no-git"});
    INFO(tmpl << "\n" << r.out << r.err);
    REQUIRE(r.exit_code == 0);
    std::string steps = r.out.substr(r.out.find("Next steps:"));
    // The engine prints where the service landed; the template adds no second cd.
    CHECK(has(steps, "Next steps:\n  cd ./billing\n"));
    CHECK(steps.find("cd billing") == std::string::npos);
    if (std::string(tmpl) != "hono") CHECK(has(steps, "uv run --env-file .env "));
    if (std::string(tmpl) == "flask") CHECK(has(steps, "uv run --env-file .env gunicorn"));
  }
}

TEST_CASE("new: a generated service has .svc.yaml, a first commit, next steps, and svc audit reads it",
          "[e2e][new]") {
  TempTree tree;
  auto r = svc_new(tree, {"orders", "--template", "hono"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "Created orders from the hono template"));
  CHECK(has(r.out, "in ./orders"));
  CHECK(has(r.out, "Next steps:\n  cd ./orders\n"));
  std::string stamp = tree.read_file("orders/.svc.yaml");
  CHECK(has(stamp, "answers: {name: orders, port: 3000"));
  CHECK(has(stamp, "path: ."));

  git_libgit2_init();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_open(&repo, (tree.path() / "orders").c_str()) == 0);
  git_object* head = nullptr;
  REQUIRE(git_revparse_single(&head, repo, "HEAD^{commit}") == 0);
  const git_signature* author = git_commit_author(reinterpret_cast<git_commit*>(head));
  CHECK(std::string(author->name) == "svc");  // no identity configured in this hermetic run
  CHECK(std::string(author->email) == "svc@localhost");
  git_object_free(head);
  git_repository_free(repo);
  git_libgit2_shutdown();

  RunOptions options = hermetic(tree.path());
  auto audit = run_svc({"audit", (tree.path() / "orders").string(), "--format", "json"}, options);
  INFO(audit.err);
  CHECK(audit.exit_code != 2);  // the configuration is valid
}

TEST_CASE("new: an answers file fills in, flags override it, mistakes are located", "[e2e][new]") {
  TempTree tree;
  tree.write_file("answers.yaml", "name: billing\nport: 8080\ndb: none\n");
  auto r = svc_new(tree, {"--template", "hono", "--answers", "answers.yaml", "--port", "9090", "--no-git"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::string stamp = tree.read_file("billing/.svc.yaml");
  CHECK(has(stamp, "name: billing, port: 9090, db: none"));
  CHECK_FALSE(fs::exists(tree.path() / "billing/.git"));

  tree.write_file("bad.yaml", "name: billing\nqueue: celery\n");
  auto bad = svc_new(tree, {"--template", "hono", "--answers", "bad.yaml", "--dir", "other"});
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, "bad.yaml:2:8: bad value for queue: 'celery' is not one of: bullmq, none"));
  tree.write_file("unknown.yaml", "name: billing\ncolour: red\n");
  auto unknown = svc_new(tree, {"--template", "hono", "--answers", "unknown.yaml", "--dir", "other"});
  CHECK(unknown.exit_code == 2);
  CHECK(has(unknown.err, "unknown.yaml:2:1: unknown variable 'colour'"));
  CHECK_FALSE(fs::exists(tree.path() / "other"));
}

TEST_CASE("new: an existing differing file stops the run with every byte kept, and --force replaces it",
          "[e2e][new]") {
  TempTree tree;
  REQUIRE(svc_new(tree, {"orders", "-t", "hono", "--no-git"}).exit_code == 0);
  tree.write_file("orders/package.json", "{\"mine\": true}\n");
  tree.write_file("orders/NOTES.md", "my notes\n");
  auto before = svc::scaffolds::testing::snapshot(tree.path());
  auto refused = svc_new(tree, {"orders", "-t", "hono", "--no-git"});
  CHECK(refused.exit_code == 2);
  CHECK(has(refused.err, "would be overwritten:\n  package.json\n"));
  CHECK(has(refused.err, "--force"));
  CHECK(svc::scaffolds::testing::snapshot(tree.path()) == before);

  auto dry = svc_new(tree, {"orders", "-t", "hono", "--dry-run"});
  CHECK(dry.exit_code == 0);
  CHECK(has(dry.out, "--- a/package.json\n+++ b/package.json\n@@ "));
  CHECK(has(dry.out, "-{\"mine\": true}"));
  CHECK(svc::scaffolds::testing::snapshot(tree.path()) == before);

  auto forced = svc_new(tree, {"orders", "-t", "hono", "--no-git", "--force"});
  CHECK(forced.exit_code == 0);
  CHECK(has(forced.out, "1 overwritten"));
  CHECK_FALSE(has(tree.read_file("orders/package.json"), "mine"));
  CHECK(tree.read_file("orders/NOTES.md") == "my notes\n");
}

TEST_CASE("new: --dry-run writes nothing, not even a folder, and prints every new file", "[e2e][new]") {
  TempTree tree;
  auto r = svc_new(tree, {"orders", "-t", "hono", "--dry-run"});
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "Dry run: nothing is written."));
  CHECK(has(r.out, "=== .svc.yaml (new)\n"));
  CHECK(has(r.out, "=== package.json (new)\n"));
  CHECK_FALSE(has_ansi_escape(r.out));
  CHECK(testing_empty(tree));

  RunOptions tty = hermetic(tree.path());
  tty.cwd = tree.path();
  tty.stdout_tty = true;
  tty.env["NO_COLOR"] = std::nullopt;
  tty.env["TERM"] = "xterm";
  CHECK(has_ansi_escape(run_svc({"new", "orders", "-t", "hono", "--dry-run"}, tty).out));
  tty.env["NO_COLOR"] = "1";
  CHECK_FALSE(has_ansi_escape(run_svc({"new", "orders", "-t", "hono", "--dry-run"}, tty).out));
  CHECK(testing_empty(tree));
}

TEST_CASE("new: inside an existing git work tree no repository is made", "[e2e][new]") {
  TempTree tree;
  GitRepo outer(tree.path());
  auto r = svc_new(tree, {"orders", "-t", "hono", "--dir", "services/orders"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "Inside an existing git work tree"));
  CHECK(fs::exists(tree.path() / "services/orders/.svc.yaml"));
  CHECK_FALSE(fs::exists(tree.path() / "services/orders/.git"));
}

TEST_CASE("new: --template takes a template folder's path, for a template's author", "[e2e][new]") {
  TempTree tree;
  tree.write_file("my-template/template.yaml",
             "name: my-template\nversion: 1\nsummary: \"a try\"\nlanguage: python\n"
             "variables:\n  - name: name\n    type: slug\n    prompt: \"Name\"\n");
  tree.write_file("my-template/files/README.md.mustache", "# {{name}}\n");
  auto r = svc_new(tree, {"orders", "-t", "./my-template", "--dir", "out", "--no-git", "--yes"});
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(tree.read_file("out/README.md") == "# orders\n");

  auto missing = svc_new(tree, {"orders", "-t", "./no-such-template", "--dir", "out2", "--yes"});
  CHECK(missing.exit_code == 2);
  CHECK(has(missing.err, "template.yaml does not exist"));
}
