// tests-no-real-database: a service with a database whose tests never run against a
// real one (playbook, Testing: integration tests with a real Postgres in CI). Evidence
// may sit in the service's tests, its test setup, its manifests, a test compose file
// or the repository's CI configuration, so the verdict waits for every file; one
// finding per service.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <variant>

#include <fmt/format.h>

#include "checks/builtin/tests/test_database_evidence.h"
#include "checks/engine/check.h"
#include "checks/syntax/documents.h"
#include "checks/facts/routes/route_resolver.h"

namespace svc::builtin {

SVC_JSON_FIELDS(TestCode, evidence, stand_ins, first_stand_in, first_code)  // for the result cache

namespace {

using namespace engine;

struct Site {
  std::string path;
  Position at;
  std::string text;  // the line, the fingerprint basis
  bool operator<(const Site& o) const { return std::tie(path, at.line) < std::tie(o.path, o.at.line); }
};

struct ServiceTests {
  int test_files = 0;
  std::set<std::string> evidence, stand_ins;
  std::optional<Site> first_stand_in, first_test, anchor;
};

// What one test, test-setup or entry file of a service with a database says.
struct FileTests {
  const Service* service;
  bool test, setup, anchor;
  TestCode code;
  Site first_code;
  std::optional<Site> first_stand_in;
};

// Configuration outside the service's code: CI applies by the folders it names.
struct TestDatabaseConfig {
  std::string path, what;
  const Service* owner;
  std::string text;  // CI only
};

SVC_JSON_FIELDS(Site, path, at, text)
SVC_JSON_FIELDS(FileTests, service, test, setup, anchor, code, first_code, first_stand_in)
SVC_JSON_FIELDS(TestDatabaseConfig, path, what, owner, text)

using Found = std::variant<FileTests, TestDatabaseConfig>;  // what one file is to this rule

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// "Postgres (pg, drizzle-orm)": the engine the drivers pin, and the packages that say so.
std::string database_of(const Service& s) {
  static const std::map<std::string, std::string> engines = {
      {"pg", "Postgres"}, {"postgres", "Postgres"}, {"@neondatabase/serverless", "Postgres"},
      {"@vercel/postgres", "Postgres"}, {"slonik", "Postgres"}, {"asyncpg", "Postgres"},
      {"psycopg", "Postgres"}, {"psycopg2", "Postgres"}, {"psycopg2-binary", "Postgres"},
      {"mysql", "MySQL"}, {"mysql2", "MySQL"}, {"pymysql", "MySQL"}, {"aiomysql", "MySQL"},
      {"mysqlclient", "MySQL"}, {"mongoose", "MongoDB"}, {"mongodb", "MongoDB"},
      {"github.com/jackc/pgx", "Postgres"}, {"github.com/lib/pq", "Postgres"},
      {"github.com/go-sql-driver/mysql", "MySQL"}, {"go.mongodb.org/mongo-driver", "MongoDB"},
      {"github.com/mattn/go-sqlite3", "SQLite"}, {"modernc.org/sqlite", "SQLite"},
      {"pymongo", "MongoDB"}, {"motor", "MongoDB"}, {"better-sqlite3", "SQLite"}, {"aiosqlite", "SQLite"}};
  static const std::set<std::string> orms = {"drizzle-orm", "@prisma/client", "prisma", "typeorm", "sequelize",
                             "knex", "kysely", "sqlalchemy", "sqlmodel", "django", "databases",
                             "tortoise-orm", "peewee", "flask-sqlalchemy", "gorm.io/gorm", "github.com/jmoiron/sqlx",
                             "entgo.io/ent", "github.com/uptrace/bun"};
  std::set<std::string> kinds, packages;
  for (const auto& d : s.dependencies) {
    if (auto it = engines.find(d); it != engines.end()) kinds.insert(it->second), packages.insert(d);
    else if (orms.count(d)) packages.insert(d);
  }
  if (kinds.size() > 1 && kinds.erase("SQLite")) {  // aiosqlite next to asyncpg: the tests' stand-in
    packages.erase("aiosqlite");
    packages.erase("better-sqlite3");
  }
  std::string kind = kinds.empty() ? "a database" : join(kinds);
  return packages.empty() ? kind : fmt::format("{} ({})", kind, join(packages));
}

class TestsNoRealDatabase : public Check {
 public:
  void configure(const YAML::Node& options) override {
    for (const auto& d : options["real_database_packages"]) real_packages_.insert(d.as<std::string>());
  }

  // Code matters only in test files, test setup and the entry file of a service with
  // a database; configuration files (CI, compose) always.
  bool wants(const SourceFile& file, const Service* service) const override {
    if (!is_code(file.language())) return true;
    if (!service || !service->has_database()) return false;
    return is_test_path(file.path()) || is_test_setup_path(file.path()) || file.path() == service->anchor_file();
  }

  std::unique_ptr<FileNotes> collect(const FileContext& ctx) const override {
    const std::string& path = ctx.file.path();
    if (!ctx.tree) {
      auto what = test_database_config(ctx.file, ctx.documents);
      if (!what) return nullptr;
      return notes_for(Found{TestDatabaseConfig{path, *what, ctx.service, is_ci_config(path) ? ctx.file.text() : ""}});
    }
    if (!ctx.service || !ctx.service->has_database()) return nullptr;
    FileTests f{ctx.service, is_test_path(path), is_test_setup_path(path), path == ctx.service->anchor_file(), {}, {}};
    if (!f.test && !f.setup && !f.anchor) return nullptr;
    f.code = scan_test_code(*ctx.tree);
    auto site = [&](std::size_t offset) {
      Position at = ctx.file.position_of(offset);
      return Site{path, at, std::string(ctx.file.line(at.line))};
    };
    f.first_code = site(f.code.first_code);
    if (f.code.first_stand_in) f.first_stand_in = site(*f.code.first_stand_in);
    return notes_for(Found{std::move(f)});
  }
  std::unique_ptr<FileNotes> restore(const nlohmann::json& saved) const override {
    return restore_notes<Found>(saved);
  }

  void check_workspace(const WorkspaceContext& ctx, FindingSink& out) const override {
    std::map<const Service*, ServiceTests> tests;
    std::vector<const TestDatabaseConfig*> configs;
    for (const Found* found : notes_of<Found>(ctx)) {
      if (const auto* c = std::get_if<TestDatabaseConfig>(found)) {
        configs.push_back(c);
        continue;
      }
      const FileTests& f = std::get<FileTests>(*found);
      ServiceTests& t = tests[f.service];
      if (f.anchor) t.anchor = f.first_code;
      if (!f.test && !f.setup) continue;
      t.evidence.insert(f.code.evidence.begin(), f.code.evidence.end());
      if (!f.test) continue;
      ++t.test_files;
      t.stand_ins.insert(f.code.stand_ins.begin(), f.code.stand_ins.end());
      keep_first(t.first_test, f.first_code);
      if (f.first_stand_in) keep_first(t.first_stand_in, *f.first_stand_in);
    }
    for (const Service& s : ctx.services.services()) {
      if (!s.has_database() || database_of(s).rfind("SQLite", 0) == 0) continue;  // in-memory SQLite is real there
      ServiceTests t;
      if (auto it = tests.find(&s); it != tests.end()) t = it->second;
      if (has_real_database(s, t, configs, ctx.services)) continue;
      Site at = t.first_stand_in ? *t.first_stand_in
                : t.first_test   ? *t.first_test
                : t.anchor       ? *t.anchor
                                 : Site{s.anchor_file(), {1, 1}, ""};
      out.report_at(at.path, at.at, at.at, message_args(s, t), at.text);
    }
  }

 private:
  static void keep_first(std::optional<Site>& slot, Site site) {
    if (!slot || site < *slot) slot = std::move(site);
  }

  bool has_real_database(const Service& s, const ServiceTests& t, const std::vector<const TestDatabaseConfig*>& configs,
                         const ServiceMap& services) const {
    for (const auto& p : real_packages_)
      if (s.dependencies.count(p)) return true;
    if (!t.evidence.empty()) return true;
    return std::any_of(configs.begin(), configs.end(),
                       [&](const TestDatabaseConfig* c) { return applies(*c, s, services); });
  }

  // A service's own config applies to it; root-level CI to the services whose folders
  // it names, or to all when it names none (one app, or a monorepo-wide test run).
  static bool applies(const TestDatabaseConfig& c, const Service& s, const ServiceMap& services) {
    if (c.owner == &s) return true;
    if (c.owner && c.owner->path != ".") return false;
    if (c.text.empty()) return true;
    bool names_any = false;
    for (const auto& other : services.services()) {
      if (other.path == "." || c.text.find(other.path) == std::string::npos) continue;
      if (&other == &s) return true;
      names_any = true;
    }
    return !names_any;
  }

  static MessageArgs message_args(const Service& s, const ServiceTests& t) {
    std::string tests;
    if (t.test_files == 0) tests = "it has no tests";
    else if (t.test_files == 1) tests = "its one test file never reaches a real one";
    else tests = fmt::format("none of its {} test files reaches a real one", t.test_files);
    if (!t.stand_ins.empty()) tests += fmt::format(" (it uses {} instead)", join(t.stand_ins));
    bool python = s.language == "python";
    std::string fix = python
        ? "start a real database for the integration tests, e.g. testcontainers' `PostgresContainer(\"postgres:16\")` "
          "in a session fixture of conftest.py that sets DATABASE_URL, or a `services: postgres` container in the CI job"
        : "start a real database for the integration tests, e.g. @testcontainers/postgresql's "
          "`new PostgreSqlContainer(\"postgres:16\").start()` in a global setup that sets DATABASE_URL, or a "
          "`services: postgres` container in the CI job";
    return {{"service", s.name}, {"database", database_of(s)}, {"tests", tests}, {"fix", fix}};
  }

  std::set<std::string> real_packages_;
};

}  // namespace

std::unique_ptr<engine::Check> make_tests_no_real_database() { return std::make_unique<TestsNoRealDatabase>(); }

}  // namespace svc::builtin
