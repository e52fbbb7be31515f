// template.yaml parsing and validation (scaffolds/engine/manifest).
#include <catch2/catch.hpp>

#include "sample_template.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/scaffold_error.h"

using namespace svc::scaffolds;

namespace {

std::string error_of(const std::string& yaml, const std::string& folder = "t") {
  try {
    parse_manifest(yaml, "t/template.yaml", folder);
  } catch (const ScaffoldError& e) {
    return e.what();
  }
  return "";
}

const std::string kHead = "name: t\nversion: 1\nsummary: s\nlanguage: python\n";

}  // namespace

TEST_CASE("scaffolds: the sample manifest parses with its variables, rules and owns", "[scaffolds]") {
  Manifest m = parse_manifest(testing::kSampleManifest, "sample/template.yaml", "sample");
  CHECK(m.name == "sample");
  CHECK(m.version == 2);
  REQUIRE(m.variables.size() == 5);
  CHECK(m.variable_names() == std::vector<std::string>{"name", "port", "db", "metrics", "owner"});
  CHECK(m.find("port")->default_value == "3000");
  CHECK(m.find("metrics")->default_value == "false");
  REQUIRE(m.files.size() == 2);
  CHECK(m.files[0].when == Condition{{"db", "postgres"}});
  CHECK(m.files[1].unless == Condition{{"db", "postgres"}});
  CHECK(m.owns.at(0).table == "items");
  CHECK(m.verbatim == std::vector<std::string>{".github/**"});
}

TEST_CASE("scaffolds: manifest mistakes are located file:line:column", "[scaffolds]") {
  CHECK(error_of(kHead + "variables:\n  - name: name\n    type: slug\n", "other") ==
        "t/template.yaml:1:7: name 't' must equal the template's folder name 'other'");
  CHECK(error_of(kHead + "variables:\n  - name: port\n    type: port\n").find("the first variable must be `name`") !=
        std::string::npos);
  CHECK(error_of(kHead + "variables:\n  - name: name\n    type: slug\n  - name: p\n    type: port\n    default: 70000\n") ==
        "t/template.yaml:10:14: bad default: '70000' is not a port: use a number from 1 to 65535");
  CHECK(error_of(kHead + "variables:\n  - name: name\n    type: slug\nfiles:\n  - path: x\n    when: {db: postgres}\n")
            .find("t/template.yaml:10:12: condition on unknown variable 'db'") == 0);
  CHECK(error_of(kHead + "variables:\n  - name: name\n    type: slug\n    colour: red\n")
            .find("t/template.yaml:8:5: unknown key 'colour' in a variable") == 0);
  CHECK(error_of(kHead + "variables:\n  - name: name\n    type: slug\n  - name: db\n    type: choice\n")
            .find("choice variable 'db' needs choices") != std::string::npos);
  CHECK(error_of(kHead + "variables:\n  - name: name\n    type: slugg\n").find("unknown type 'slugg'") != std::string::npos);
}

TEST_CASE("scaffolds: when needs every key to match, unless blocks only when all match", "[scaffolds]") {
  Conditional c;
  c.when = {{"db", "postgres"}, {"queue", "bullmq"}};
  CHECK(condition_holds(c, {{"db", "postgres"}, {"queue", "bullmq"}}));
  CHECK_FALSE(condition_holds(c, {{"db", "postgres"}, {"queue", "none"}}));
  Conditional u;
  u.unless = {{"db", "postgres"}, {"queue", "bullmq"}};
  CHECK_FALSE(condition_holds(u, {{"db", "postgres"}, {"queue", "bullmq"}}));
  CHECK(condition_holds(u, {{"db", "postgres"}, {"queue", "none"}}));
}
