// `svc new` below the root of an existing repository: the service joins the
// repository's compose file and package workspace, its CI goes to the root's workflows,
// every other file stays byte for byte, and --dry-run shows the edits as diffs.
#include <catch2/catch.hpp>

#include <filesystem>

#include <yaml-cpp/yaml.h>

#include "e2e/cli_runner.h"
#include "e2e/git_repo.h"
#include "e2e/temp_tree.h"
#include "unit/scaffolds/tree_snapshot.h"

namespace fs = std::filesystem;
using namespace svc::e2e;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const char* const kRootCompose =
    "# the team's stack\n"
    "services:\n"
    "    web:   # the Next.js app\n"
    "        build: apps/web\n"
    "        ports: [\"3001:3000\"]\n";
const char* const kRootPackage = "{\n  \"name\": \"shop\",\n  \"private\": true,\n  \"workspaces\": [\n    \"apps/*\"\n  ]\n}\n";

// A monorepo with a Next.js app, a compose file, an npm workspace, and one commit.
void make_monorepo(const TempTree& tree, GitRepo& repo) {
  tree.write_file("compose.yaml", kRootCompose);
  tree.write_file("package.json", kRootPackage);
  tree.write_file("apps/web/package.json", "{\"name\": \"web\", \"dependencies\": {\"next\": \"15.0.0\"}}\n");
  tree.write_file("README.md", "# shop\n");
  repo.add({"compose.yaml", "package.json", "apps/web/package.json", "README.md"});
  repo.commit("the shop");
}

// Validates a compose file against the Compose Specification's schema (committed under
// tests/data from compose-spec/compose-spec): exit 0, or the errors on stdout.
constexpr const char* kValidateCompose = R"(
import json, sys
import jsonschema, yaml
schema = json.load(open(sys.argv[1]))
doc = yaml.safe_load(open(sys.argv[2]))
errors = ["/%s: %s" % ("/".join(map(str, e.absolute_path)), e.message)
          for e in jsonschema.Draft7Validator(schema).iter_errors(doc)]
print("\n".join(errors))
sys.exit(1 if errors else 0)
)";

void check_compose_valid(const fs::path& file) {
  auto v = run_program({SVC_PYTHON, "-c", kValidateCompose, std::string(SVC_TEST_DATA_DIR) + "/compose-spec.json",
                        file.string()});
  INFO(file.string() << ": " << v.out << v.err);
  CHECK(v.exit_code == 0);
}

RunResult svc_new_in(const TempTree& tree, std::vector<std::string> args) {
  args.insert(args.begin(), "new");
  RunOptions options = hermetic(tree.path());
  options.cwd = tree.path();
  return run_svc(args, options);
}

}  // namespace

TEST_CASE("new: below a repository's root the service joins its compose file and workspace", "[e2e][new][monorepo]") {
  TempTree tree;
  GitRepo repo(tree.path());
  make_monorepo(tree, repo);
  auto before = svc::scaffolds::testing::snapshot(tree.path());

  auto r = svc_new_in(tree, {"orders", "-t", "hono", "--dir", "services/orders", "--yes"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "Joined the repository at .:\n"));
  CHECK(has(r.out, "  compose.yaml: adds orders, orders-worker, orders-migrate, orders-db, orders-redis\n"));
  CHECK(has(r.out, "  package.json: adds services/orders to the npm workspaces\n"));
  CHECK(has(r.out, "  .github/workflows/orders.yml: the service's CI, run when services/orders/ changes\n"));
  CHECK(has(r.out, "Inside an existing git work tree: nothing committed."));

  // The compose file: the team's lines first and untouched, the service's after, built
  // from its folder; the service has no compose file of its own.
  std::string compose = tree.read_file("compose.yaml");
  CHECK(compose.rfind(kRootCompose, 0) == 0);
  YAML::Node doc = YAML::Load(compose);
  CHECK(doc["services"]["orders"]["build"].as<std::string>() == "services/orders");
  CHECK(doc["services"]["orders-db"]["healthcheck"]);
  CHECK(doc["services"]["web"]["build"].as<std::string>() == "apps/web");
  CHECK(doc["volumes"]["orders-db-data"]);
  CHECK_FALSE(fs::exists(tree.path() / "services/orders/compose.yaml"));
  check_compose_valid(tree.path() / "compose.yaml");

  CHECK(tree.read_file("package.json") ==
        "{\n  \"name\": \"shop\",\n  \"private\": true,\n  \"workspaces\": [\n    \"apps/*\",\n    \"services/orders\"\n  ]\n}\n");
  CHECK(fs::exists(tree.path() / "services/orders/.svc.yaml"));
  CHECK_FALSE(fs::exists(tree.path() / "services/orders/.git"));

  // Nothing else of the repository changed.
  auto after = svc::scaffolds::testing::snapshot(tree.path());
  for (const auto& [path, content] : before)
    if (path != "compose.yaml" && path != "package.json") CHECK(after.at(path) == content);
  // (Content only: modes are part of the snapshot, and an edit keeps the file's mode.)
  for (const auto& [path, _] : after)
    if (!before.count(path))
      CHECK((path == "services" || path.rfind("services/orders", 0) == 0 || path == ".github" ||
             path == ".github/workflows" || path == ".github/workflows/orders.yml"));

  // The audit of the whole repository sees the service and its own database.
  auto audit = run_svc({"audit", tree.path().string(), "--format", "json", "--fail-on", "never"}, hermetic(tree.path()));
  INFO(audit.err);
  CHECK(audit.exit_code == 0);
  CHECK_FALSE(has(audit.out, "db-shared-database"));
}

TEST_CASE("new: --dry-run in a monorepo shows the repository's edits as diffs and writes nothing", "[e2e][new][monorepo]") {
  TempTree tree;
  GitRepo repo(tree.path());
  make_monorepo(tree, repo);
  auto before = svc::scaffolds::testing::snapshot(tree.path());
  auto r = svc_new_in(tree, {"orders", "-t", "hono", "--dir", "services/orders", "--dry-run"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "2 edited"));
  CHECK(has(r.out, "=== compose.yaml (edited)\n--- a/compose.yaml\n+++ b/compose.yaml\n"));
  CHECK(has(r.out, "+    orders:\n+      build: services/orders\n"));
  CHECK(has(r.out, "=== package.json (edited)\n"));
  CHECK(has(r.out, "+    \"services/orders\"\n"));
  CHECK(has(r.out, "=== services/orders/package.json (new)\n"));
  CHECK(svc::scaffolds::testing::snapshot(tree.path()) == before);
}

TEST_CASE("new: a Python service joins a uv workspace, and without a root compose file brings its own",
          "[e2e][new][monorepo]") {
  TempTree tree;
  GitRepo repo(tree.path());
  tree.write_file("pyproject.toml", "[project]\nname = \"shop\"\nversion = \"0\"\n\n[tool.uv.workspace]\nmembers = [\"libs/*\"]\n");
  repo.add({"pyproject.toml"});
  repo.commit("the shop");
  auto r = svc_new_in(tree, {"billing", "-t", "fastapi", "--dir", "services/billing", "--yes"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(tree.read_file("pyproject.toml"), "members = [\"libs/*\", \"services/billing\"]"));
  YAML::Node own = YAML::Load(tree.read_file("services/billing/compose.yaml"));
  CHECK(own["services"]["billing"]["build"].as<std::string>() == ".");
  CHECK(own["services"]["billing-db"]["healthcheck"]["test"]);
  check_compose_valid(tree.path() / "services/billing/compose.yaml");
}

TEST_CASE("new: a compose file that already has the service's name stops the run with nothing written",
          "[e2e][new][monorepo]") {
  TempTree tree;
  GitRepo repo(tree.path());
  make_monorepo(tree, repo);
  tree.write_file("compose.yaml", std::string(kRootCompose) + "    orders:\n        image: legacy-orders\n");
  auto before = svc::scaffolds::testing::snapshot(tree.path());
  auto r = svc_new_in(tree, {"orders", "-t", "hono", "--dir", "services/orders", "--yes"});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "compose.yaml already defines services.orders"));
  CHECK(svc::scaffolds::testing::snapshot(tree.path()) == before);
}

TEST_CASE("new: below a repository's root the service's CI becomes a root workflow filtered to its folder",
          "[e2e][new][monorepo]") {
  TempTree tree;
  GitRepo repo(tree.path());
  make_monorepo(tree, repo);
  auto r = svc_new_in(tree, {"billing", "-t", "flask", "--dir", "services/billing", "--yes"});
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "  .github/workflows/billing.yml: the service's CI, run when services/billing/ changes\n"));
  CHECK_FALSE(fs::exists(tree.path() / "services/billing/.github"));
  std::string workflow = tree.read_file(".github/workflows/billing.yml");
  YAML::Node doc = YAML::Load(workflow);
  CHECK(doc["name"].as<std::string>() == "billing");
  CHECK(doc["on"]["push"]["paths"][0].as<std::string>() == "services/billing/**");
  CHECK(doc["on"]["pull_request"]["paths"][1].as<std::string>() == ".github/workflows/billing.yml");
  CHECK(doc["defaults"]["run"]["working-directory"].as<std::string>() == "services/billing");
  CHECK(has(workflow, "${{ matrix.python }}"));  // GitHub's own expressions pass through

  // Alone, the same template keeps its workflow in the service, unfiltered.
  TempTree elsewhere;
  RunOptions options = hermetic(elsewhere.path());
  options.cwd = elsewhere.path();
  auto alone = run_svc({"new", "billing", "-t", "flask", "--yes", "--no-git"}, options);
  INFO(alone.err);
  REQUIRE(alone.exit_code == 0);
  YAML::Node own = YAML::Load(elsewhere.read_file("billing/.github/workflows/ci.yml"));
  CHECK(own["name"].as<std::string>() == "ci");
  CHECK_FALSE(own["defaults"]);
  CHECK(own["on"]["push"].IsNull());
}
