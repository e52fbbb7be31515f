#pragma once
// What a repository's tests say about the database they run against
// (tests-no-real-database): real-database evidence (testcontainers, a database URL read
// from the environment, a CI or compose database container) and the stand-ins used
// instead (vi.mock, unittest.mock, pg-mem, in-memory SQLite).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "checks/core/source_file.h"
#include "checks/syntax/documents.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::builtin {

struct TestCode {
  std::vector<std::string> evidence;     // "testcontainers", "reads DATABASE_URL", "a postgres:// URL"
  std::vector<std::string> stand_ins;    // "vi.mock", "pg-mem", "SQLite in memory"
  std::optional<std::size_t> first_stand_in;  // byte offset of the first one
  std::size_t first_code = 0;            // byte offset of the first line that is not a comment
};

// A test file or test setup file; comments are left out.
TestCode scan_test_code(const engine::SyntaxTree& tree);

// Setup and config files of test runners: vitest/jest config and setup, global setup.
// (conftest.py is a test path already.)
bool is_test_setup_path(const std::string& path);

// Configuration that starts a database for tests, and how (for the doc of a decision):
// a CI job's service container (GitHub Actions `services:`, GitLab CI `services:`), a
// compose file for tests with a database image, a test script of package.json that
// starts one, a test env file or pytest config with a database URL. nullopt otherwise.
std::optional<std::string> test_database_config(const engine::SourceFile& file, const engine::Documents& documents);

// CI configuration applies to the services whose folders it names, or to all of them.
bool is_ci_config(const std::string& path);

}  // namespace svc::builtin
