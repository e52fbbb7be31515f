#include <catch2/catch.hpp>

#include "checks/workspace/manifests.h"

using namespace svc::engine;

TEST_CASE("package.json dependencies of every kind are read", "[manifests]") {
  std::string name;
  auto deps = package_json_dependencies(
      R"({"name": "@acme/orders", "dependencies": {"Hono": "^4"}, "devDependencies": {"vitest": "1"}})", &name);
  CHECK(deps == std::set<std::string>{"hono", "vitest"});
  CHECK(name == "@acme/orders");
  CHECK(package_json_dependencies("{not json").empty());
}

TEST_CASE("pyproject.toml dependencies: PEP 621, groups and Poetry", "[manifests]") {
  auto deps = pyproject_dependencies(R"([project]
name = "billing"
dependencies = ["FastAPI[all]>=0.110", "SQLAlchemy[asyncio]~=2.0", "psycopg_binary ; python_version > '3.8'"]
[project.optional-dependencies]
dev = ["pytest"]
[tool.poetry.dependencies]
python = "^3.11"
celery = "^5"
)");
  CHECK(deps == std::set<std::string>{"fastapi", "sqlalchemy", "psycopg-binary", "pytest", "celery"});
  CHECK(pyproject_dependencies("[[[broken").empty());
}

TEST_CASE("requirements files skip comments and options", "[manifests]") {
  auto deps = requirements_dependencies("# web\nflask==3.0  # pinned\n-r base.txt\n\n  rq>=1.15\n-e .\n");
  CHECK(deps == std::set<std::string>{"flask", "rq"});
}

TEST_CASE("manifest names", "[manifests]") {
  CHECK(is_manifest("package.json"));
  CHECK(is_manifest("requirements-dev.txt"));
  CHECK_FALSE(is_manifest("notes.txt"));
}
