#include <catch2/catch.hpp>

#include "checks/filters/suppressions.h"

using namespace svc::engine;

namespace {
std::vector<Suppression> scan(Language lang, std::string text) {
  return scan_suppressions(SourceFile("f", lang, std::move(text)));
}
}  // namespace

TEST_CASE("directives are found in every comment syntax", "[suppressions]") {
  CHECK(scan(Language::python, "# svc-ignore docker-root-user: why\nx = 1\n").at(0).target_line == 2);
  CHECK(scan(Language::typescript, "foo(); // svc-ignore a-rule: why\n").at(0).target_line == 1);
  CHECK(scan(Language::typescript, "/* svc-ignore a-rule: why */\nfoo();\n").at(0).reason == "why");
  CHECK(scan(Language::sql, "-- svc-ignore a-rule: legacy table\nSELECT 1;\n").at(0).rules ==
        std::vector<std::string>{"a-rule"});
  CHECK(scan(Language::text, "<!-- svc-ignore a, b: why -->\n").at(0).rules == std::vector<std::string>{"a", "b"});
}

TEST_CASE("a directive outside a comment is not one", "[suppressions]") {
  CHECK(scan(Language::typescript, "const s = 'svc-ignore a-rule: x';\n").empty());
}

TEST_CASE("stacked directives cover the first line below them", "[suppressions]") {
  auto s = scan(Language::python, "# svc-ignore a: one\n# svc-ignore b: two\ncode()\n");
  REQUIRE(s.size() == 2);
  CHECK(s[0].target_line == 3);
  CHECK(s[1].target_line == 3);
}

TEST_CASE("whole-file directives and missing reasons", "[suppressions]") {
  auto s = scan(Language::python, "# svc-ignore-file a-rule\n");
  REQUIRE(s.size() == 1);
  CHECK(s[0].whole_file);
  CHECK(s[0].reason.empty());
}
