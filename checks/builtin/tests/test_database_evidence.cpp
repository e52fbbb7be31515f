#include "checks/builtin/tests/test_database_evidence.h"

#include <algorithm>
#include <map>
#include <memory>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "checks/facts/links/link_facts.h"
#include "checks/facts/links/link_facts_yaml.h"
#include "checks/syntax/query.h"
#include "common/paths.h"

namespace svc::builtin {
namespace {

using engine::base_name;
using engine::Language;

// Database images and URLs; SQLite is the one engine tests can run in-process for real.
const RE2& database_image() {
  static const RE2 re(R"((?i)(^|/)(postgres|postgis|timescaledb|pgvector|mysql|mariadb|mongo|cockroach)[^/]*$)");
  return re;
}
const RE2& database_url() {
  static const RE2 re(R"((postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?)(?:\+\w+)?://)");
  return re;
}

// The text with comments blanked out (newlines kept), so offsets stay the file's.
std::string without_comments(const engine::SyntaxTree& tree) {
  static const auto queries = [] {
    std::map<Language, std::unique_ptr<engine::Query>> m;
    for (Language l : {Language::typescript, Language::tsx, Language::javascript, Language::python, Language::go})
      m[l] = std::make_unique<engine::Query>(l, "(comment) @c");
    return m;
  }();
  std::string text = tree.file().text();
  auto it = queries.find(tree.file().language());
  if (it == queries.end()) return text;
  it->second->for_each(tree, [&](const engine::QueryMatch& m) {
    for (uint32_t i = ts_node_start_byte(m["c"]); i < ts_node_end_byte(m["c"]) && i < text.size(); ++i)
      if (text[i] != '\n') text[i] = ' ';
  });
  return text;
}

struct Signal {
  const char* label;
  std::unique_ptr<RE2> re;  // the whole match is group 1
};

std::vector<Signal> signals(std::initializer_list<std::pair<const char*, const char*>> list) {
  std::vector<Signal> out;
  for (const auto& [label, re] : list) out.push_back({label, std::make_unique<RE2>("(" + std::string(re) + ")")});
  return out;
}

// Reads (not writes) of a database URL or Postgres variable. A test that assigns
// DATABASE_URL = "sqlite://" only silences the config.
bool reads_database_env(const std::string& code) {
  static const std::string name =
      R"(((?:TEST_)?(?:DATABASE_URL|DB_URL|POSTGRES_[A-Z_]+|PG(?:HOST|DATABASE|USER|PORT)|MONGO(?:DB)?_UR[IL]|MYSQL_URL)))";
  static const RE2 indexed(R"((?:process\.env\.|process\.env\[['"`]|os\.environ\[['"]))" + name + R"(['"`]?\]?\s*(==?)?)");
  static const RE2 called(R"(os\.(?:getenv|environ\.get|Getenv|LookupEnv)\(\s*['"])" + name);
  static const RE2 settings(R"((?i)\bsettings\b(?:\(\))?\.(?:test_)?database_url\b)");
  if (RE2::PartialMatch(code, called) || RE2::PartialMatch(code, settings)) return true;
  re2::StringPiece in(code);
  std::string var, assign;
  while (RE2::FindAndConsume(&in, indexed, &var, &assign))
    if (assign != "=") return true;
  return false;
}

}  // namespace

TestCode scan_test_code(const engine::SyntaxTree& tree) {
  static const auto evidence = signals({
      {"testcontainers", R"((?i)testcontainers|\b(PostgreSql|Postgres|MySql|MongoDB|Generic)Container\b)"},
      {"dockertest", R"(\bdockertest\.NewPool\(|ory/dockertest)"},
      {"pytest-postgresql", R"(\bpostgresql_(no)?proc\b|pytest_postgresql)"},
      {"an embedded database server", R"(\bEmbeddedPostgres\b|\bMongoMemoryServer\b)"},
      {"a database URL", R"(['"`](postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?)(?:\+\w+)?://)"},
  });
  static const auto stand_ins = signals({
      {"vi.mock", R"(\bvi\.(do)?[mM]ock\()"},
      {"jest.mock", R"(\bjest\.(do)?[mM]ock\()"},
      {"pg-mem", R"(pg-mem|\bnewDb\()"},
      {"mocked clients", R"(\bmockDeep\b|\bprismaMock\b|\bsinon\.(stub|mock)\()"},
      {"unittest.mock", R"(\bmock\.patch\b|@patch\(|\bpatch\.object\(|\b(Magic|Async)Mock\(|\bmocker\.patch\b)"},
      {"SQLite in memory", R"(:memory:|sqlite(\+\w+)?://['"/]?['"])"},
      {"sqlmock", R"(\b(sqlmock|pgxmock|redismock)\.New\w*\()"},
  });
  std::string code = without_comments(tree);
  TestCode out;
  for (const auto& s : evidence)
    if (RE2::PartialMatch(code, *s.re)) out.evidence.push_back(s.label);
  if (reads_database_env(code)) out.evidence.push_back("reads the database URL");
  for (const auto& s : stand_ins) {
    re2::StringPiece m;
    if (!RE2::PartialMatch(code, *s.re, &m)) continue;
    out.stand_ins.push_back(s.label);
    std::size_t at = m.data() - code.data();
    out.first_stand_in = std::min(out.first_stand_in.value_or(at), at);
  }
  std::size_t first = code.find_first_not_of(" \t\r\n");
  out.first_code = first == std::string::npos ? 0 : first;
  return out;
}

bool is_test_setup_path(const std::string& path) {
  static const RE2 setup(R"((?i)(^|/)((vitest|jest)\.(config|setup|workspace)[^/]*|[^/]*(global-?setup|setup-?tests?|test-?setup)[^/]*)\.[cm]?[jt]s$)");
  return RE2::PartialMatch(path, setup);
}

bool is_ci_config(const std::string& path) {
  return path.find(".github/workflows/") != std::string::npos || base_name(path) == ".gitlab-ci.yml";
}

namespace {

// `services:` of a GitHub Actions job (a map) or of GitLab CI (a list of images).
std::optional<std::string> service_container(const YAML::Node& services) {
  if (!services) return std::nullopt;  // a missing key: anything but `!` on it throws
  std::vector<std::string> images;
  if (services.IsMap())
    for (const auto& kv : services) {
      images.push_back(kv.first.Scalar());
      if (kv.second.IsMap()) images.push_back(engine::yaml_string(kv.second["image"]));
    }
  for (const auto& item : engine::yaml_list(services))
    images.push_back(item.IsMap() ? engine::yaml_string(item["name"]) : engine::yaml_string(item));
  for (auto image : images) {
    image = image.substr(0, image.find(':'));
    if (RE2::PartialMatch(image, database_image())) return image;
  }
  return std::nullopt;
}

std::optional<std::string> ci_database(const engine::SourceFile& file, const engine::Documents& documents) {
  const auto& docs = documents.yaml();
  if (docs.empty() || !docs.front().IsMap()) return std::nullopt;
  const YAML::Node& root = docs.front();
  std::vector<YAML::Node> jobs = {root};  // GitLab's top-level `services:` applies to every job
  const YAML::Node github_jobs = root["jobs"];
  for (const auto& kv : github_jobs && github_jobs.IsMap() ? github_jobs : root)
    if (kv.second.IsMap()) jobs.push_back(kv.second);
  for (const auto& job : jobs)
    if (auto image = service_container(job["services"]))
      return "a " + *image + " service container in CI (" + file.path() + ")";
  return std::nullopt;
}

std::optional<std::string> compose_database(const engine::SourceFile& file, const engine::Documents& documents) {
  static const RE2 for_tests(R"((?i)(^|[._-])(test|tests|testing|ci|e2e|integration)([._-]|$))");
  if (!RE2::PartialMatch(base_name(file.path()), for_tests)) return std::nullopt;
  const auto& docs = documents.yaml();
  if (docs.empty() || !docs.front().IsMap()) return std::nullopt;
  const YAML::Node services = docs.front()["services"];
  if (!services || !services.IsMap()) return std::nullopt;
  for (const auto& kv : services) {
    std::string image = kv.second.IsMap() ? engine::yaml_string(kv.second["image"]) : "";
    if (RE2::PartialMatch(image.substr(0, image.find(':')), database_image()))
      return "a " + image + " container in " + file.path();
  }
  return std::nullopt;
}

std::optional<std::string> package_scripts_database(const engine::SourceFile& file, const engine::Documents& documents) {
  static const RE2 starts_db(R"(docker[- ]compose[^&;|]*\bup\b|testcontainers|prisma migrate (reset|deploy)|pg_ctl|embedded-postgres)");
  const auto& json = documents.json();
  if (json.is_discarded() || !json.is_object() || !json.contains("scripts") || !json["scripts"].is_object()) return std::nullopt;
  for (const auto& [name, cmd] : json["scripts"].items())
    if (name.find("test") != std::string::npos && cmd.is_string() && RE2::PartialMatch(cmd.get<std::string>(), starts_db))
      return "its `" + name + "` script (" + file.path() + ")";
  return std::nullopt;
}

// `.env.test`, or pytest's own config (pytest-env) with a database URL.
std::optional<std::string> config_database_url(const engine::SourceFile& file) {
  static const RE2 test_env(R"((?i)(^|[._-])(test|testing|ci)([._-]|$))");
  static const RE2 pytest_config(R"(^(pyproject\.toml|pytest\.ini|setup\.cfg|tox\.ini)$)");
  std::string name = base_name(file.path());
  bool env = engine::is_env_file(file.path()) && RE2::PartialMatch(name, test_env);
  bool pytest = RE2::FullMatch(name, pytest_config) && file.text().find("pytest") != std::string::npos;
  if ((env || pytest) && RE2::PartialMatch(file.text(), database_url())) return "a database URL in " + file.path();
  return std::nullopt;
}

}  // namespace

std::optional<std::string> test_database_config(const engine::SourceFile& file, const engine::Documents& documents) try {
  switch (file.language()) {
    case Language::yaml:
      if (is_ci_config(file.path())) return ci_database(file, documents);
      return engine::is_compose_file(file.path()) ? compose_database(file, documents) : std::nullopt;
    case Language::json:
      return base_name(file.path()) == "package.json" ? package_scripts_database(file, documents) : std::nullopt;
    case Language::text:
    case Language::toml: return config_database_url(file);
    default: return std::nullopt;
  }
} catch (const YAML::Exception&) {
  return std::nullopt;  // a node of an unexpected shape
}

}  // namespace svc::builtin
