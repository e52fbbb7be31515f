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
        ".svc.yaml:1:1: unknown key 'servces' in the configuration (expected one of: discover, services, databases, rules, "
        "rules_dir, ignore, template)");
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

TEST_CASE("a rule option must have the shape of its default", "[config]") {
  CHECK(error_of("rules:\n  logging-unstructured:\n    structured_loggers: {pino: yes}\n") ==
        ".svc.yaml:3:25: option 'structured_loggers' of rule logging-unstructured must be a list");
  CHECK(error_of("rules:\n  api-unversioned-route:\n    exempt_paths: /internal\n") ==
        ".svc.yaml:3:19: option 'exempt_paths' of rule api-unversioned-route must be a list");
  CHECK(error_of("rules:\n  docker-root-user:\n    extra_nonroot_images: [a, [b]]\n") ==
        ".svc.yaml:3:31: option 'extra_nonroot_images' of rule docker-root-user: each entry must be a single value");
  CHECK(error_of("rules:\n  auth-jwt-long-lived:\n    max_minutes: soon\n") ==
        ".svc.yaml:3:18: option 'max_minutes' of rule auth-jwt-long-lived must be a whole number, not 'soon'");
  CHECK(error_of("rules:\n  openapi-hand-written:\n    generators: {\"@acme/spec\": export}\n") ==
        ".svc.yaml:3:32: option 'generators' of rule openapi-hand-written: '@acme/spec' must be a list");
  // What the defaults allow still loads: other entries of a mapping, an empty list.
  auto c = parse_config(
      "rules:\n  openapi-hand-written:\n    generators: {\"@acme/spec\": [writeSpec]}\n"
      "  db-cross-service-access:\n    ignore_tables: []\n  arch-shared-utils-service:\n    min_callers: 3\n",
      ".svc.yaml", RuleCatalog::builtin());
  CHECK(c.rules.at("arch-shared-utils-service").options["min_callers"].as<int>() == 3);
}
