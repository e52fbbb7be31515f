// A service joins the repository's package workspace: added in the file's own layout,
// left alone when a member glob already takes it in.
#include <catch2/catch.hpp>

#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/workspace_join.h"

using namespace svc::scaffolds;

namespace {

std::string joined(const std::string& path, const std::string& text, const std::string& dir = "services/orders") {
  auto edit = join_workspace(WorkspaceFile{path, text}, dir);
  return edit ? edit->content : "(unchanged)";
}

}  // namespace

TEST_CASE("npm workspaces: the folder is appended in the array's layout", "[scaffolds][workspace]") {
  CHECK(joined("package.json", "{\n  \"name\": \"shop\",\n  \"workspaces\": [\n    \"apps/*\"\n  ]\n}\n") ==
        "{\n  \"name\": \"shop\",\n  \"workspaces\": [\n    \"apps/*\",\n    \"services/orders\"\n  ]\n}\n");
  CHECK(joined("package.json", "{\"workspaces\": [\"apps/*\"], \"private\": true}") ==
        "{\"workspaces\": [\"apps/*\", \"services/orders\"], \"private\": true}");
  CHECK(joined("package.json", "{\"workspaces\": {\"packages\": []}}") ==
        "{\"workspaces\": {\"packages\": [\"services/orders\"]}}");
  CHECK(joined("package.json", "{\"workspaces\": [\"services/*\"]}") == "(unchanged)");
  CHECK(joined("package.json", "{\"workspaces\": [\"./services/**/\"]}") == "(unchanged)");
}

TEST_CASE("pnpm workspace: a line after the last package, unless a glob covers it", "[scaffolds][workspace]") {
  CHECK(joined("pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n  # more later\ncatalog:\n  zod: ^3\n") ==
        "packages:\n  - 'apps/*'\n  - \"services/orders\"\n  # more later\ncatalog:\n  zod: ^3\n");
  CHECK(joined("pnpm-workspace.yaml", "packages: [\"apps/*\"]\n") == "packages: [\"apps/*\", \"services/orders\"]\n");
  CHECK(joined("pnpm-workspace.yaml", "packages:\n  - \"services/*\"\n") == "(unchanged)");
  // The team's exclusion of the folder is a decision svc leaves alone.
  CHECK(joined("pnpm-workspace.yaml", "packages:\n  - \"services/*\"\n  - \"!services/orders\"\n") == "(unchanged)");
}

TEST_CASE("uv workspace: members gain the folder, excludes respected", "[scaffolds][workspace]") {
  std::string file = "[project]\nname = \"shop\"\n\n[tool.uv.workspace]\nmembers = [\n    \"packages/*\",\n]\n";
  CHECK(joined("pyproject.toml", file) ==
        "[project]\nname = \"shop\"\n\n[tool.uv.workspace]\nmembers = [\n    \"packages/*\",\n    \"services/orders\",\n]\n");
  CHECK(joined("pyproject.toml", "[tool.uv.workspace]\n\n[tool.ruff]\nline-length = 100\n") ==
        "[tool.uv.workspace]\nmembers = [\"services/orders\"]\n\n[tool.ruff]\nline-length = 100\n");
  CHECK(joined("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"services/*\"]\n") == "(unchanged)");
  CHECK(joined("pyproject.toml", "[tool.uv.workspace]\nmembers = [\"services/*\"]\nexclude = [\"services/orders\"]\n") ==
        "(unchanged)");
}

TEST_CASE("a workspace file that cannot be read is an error naming it", "[scaffolds][workspace]") {
  CHECK_THROWS_WITH(join_workspace(WorkspaceFile{"package.json", "{\"workspaces\": [}"}, "services/orders"),
                    Catch::Contains("package.json: not valid JSON"));
  CHECK_THROWS_WITH(join_workspace(WorkspaceFile{"pyproject.toml", "[tool.uv.workspace\n"}, "services/orders"),
                    Catch::Contains("pyproject.toml:"));
}

TEST_CASE("a workspace file toml++ would assert on is an error, not an abort", "[scaffolds][workspace]") {
  CHECK_THROWS_AS(join_workspace(WorkspaceFile{"pyproject.toml", "[tool.uv.workspace]\n[[[broken"}, "services/orders"),
                  ScaffoldError);
}
