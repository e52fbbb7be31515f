#include <catch2/catch.hpp>

#include "checks/builtin/tests/test_database_evidence.h"


namespace {
// The configuration evidence of one file, its documents parsed as the engine does.
std::optional<std::string> test_database_config(const svc::engine::SourceFile& file) {
  svc::engine::Documents documents(file);
  return svc::builtin::test_database_config(file, documents);
}
}  // namespace
using svc::engine::Language;
using svc::engine::SourceFile;

TEST_CASE("a CI job's database service container counts for tests", "[builtin]") {
  SourceFile gha(".github/workflows/ci.yml", Language::yaml,
                 "on: [push]\njobs:\n  test:\n    services:\n      db:\n        image: postgres:16\n    steps: []\n");
  CHECK(test_database_config(gha).has_value());
  SourceFile gitlab(".gitlab-ci.yml", Language::yaml, "test:\n  services:\n    - postgres:16\n  script: [pytest]\n");
  CHECK(test_database_config(gitlab).has_value());
  SourceFile redis_only(".github/workflows/ci.yml", Language::yaml,
                        "jobs:\n  test:\n    services:\n      redis:\n        image: redis:7\n");
  CHECK_FALSE(test_database_config(redis_only).has_value());
}

TEST_CASE("test compose files, test scripts and test env files count", "[builtin]") {
  CHECK(test_database_config(SourceFile("docker-compose.test.yml", Language::yaml,
                                        "services:\n  db:\n    image: postgres:16-alpine\n")).has_value());
  CHECK_FALSE(test_database_config(SourceFile("docker-compose.yml", Language::yaml,
                                              "services:\n  db:\n    image: postgres:16-alpine\n")).has_value());
  CHECK(test_database_config(SourceFile("package.json", Language::json,
                                        R"({"scripts": {"pretest": "prisma migrate reset --force"}})")).has_value());
  CHECK(test_database_config(SourceFile(".env.test", Language::text,
                                        "DATABASE_URL=postgres://app:app@localhost:5432/app_test\n")).has_value());
  CHECK_FALSE(test_database_config(SourceFile(".env.test", Language::text, "DATABASE_URL=sqlite://\n")).has_value());
}
