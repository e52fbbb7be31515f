#include <catch2/catch.hpp>

#include "checks/workspace/config.h"
#include "checks/core/rule_catalog.h"

using svc::engine::ConfigError;
using svc::engine::parse_config;
using svc::engine::RuleCatalog;
using svc::engine::Severity;

namespace {
std::string error_of(const std::string& yaml) {
  try {
    parse_config(yaml, ".svc.yaml", RuleCatalog::builtin());
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("a complete configuration loads", "[config]") {
  auto c = parse_config(R"(services:
  - name: orders
    path: services/orders
    owns: [orders, order_items]
    database: orders_db
databases:
  - name: analytics
    readonly: true
rules:
  suppression-unused: off
  suppression-no-reason: {severity: warning}
ignore: ["legacy/**"]
template:
  name: hono
  version: 1
)", ".svc.yaml", RuleCatalog::builtin());
  REQUIRE(c.services.size() == 1);
  CHECK(c.services[0].owns == std::vector<std::string>{"orders", "order_items"});
  CHECK(c.databases[0].readonly);
  CHECK(c.rules.at("suppression-unused").severity == Severity::off);
  CHECK(c.rules.at("suppression-no-reason").severity == Severity::warning);
  CHECK(c.ignore == std::vector<std::string>{"legacy/**"});
}

TEST_CASE("an empty configuration is valid", "[config]") {
  CHECK(parse_config("", ".svc.yaml", RuleCatalog::builtin()).services.empty());
  CHECK(parse_config("# nothing yet\n", ".svc.yaml", RuleCatalog::builtin()).rules.empty());
}

TEST_CASE("configuration mistakes name file, line and column", "[config]") {
  CHECK(error_of("servces: []\n") ==
        ".svc.yaml:1:1: unknown key 'servces' in the configuration (expected one of: services, databases, rules, "
        "ignore, template)");
  CHECK(error_of("rules:\n  suppression-unused: loud\n") ==
        ".svc.yaml:2:23: bad severity 'loud' (expected off, info, warning or error)");
  CHECK(error_of("rules:\n  no-such-rule: off\n") == ".svc.yaml:2:3: unknown rule 'no-such-rule' (see `svc rules`)");
  CHECK(error_of("ignore: legacy\n") == ".svc.yaml:1:9: ignore must be a list");
  CHECK(error_of("services:\n  - name: a\n    path: ../elsewhere\n") ==
        ".svc.yaml:3:11: path must be relative to the repository and stay inside it");
  CHECK(error_of("databases:\n  - name: a\n    readonly: maybe\n") == ".svc.yaml:3:15: readonly must be true or false");
  CHECK(error_of("rules:\n  suppression-unused: {colour: red}\n").find(".svc.yaml:2:24: unknown option 'colour'") == 0);
}

TEST_CASE("broken YAML syntax is located too", "[config]") {
  std::string e = error_of("rules:\n  a: [unclosed\n");
  CHECK(e.rfind(".svc.yaml:", 0) == 0);
  CHECK(e.find("no error") == std::string::npos);
}
