// Answer checks and derived names of scaffolds/engine/variables.
#include <catch2/catch.hpp>

#include "scaffolds/engine/variables.h"

using namespace svc::scaffolds;

TEST_CASE("scaffolds: a slug is lowercase letters, digits and single dashes", "[scaffolds]") {
  for (const char* ok : {"orders", "billing-api", "a1", "x"}) CHECK(is_slug(ok));
  for (const char* bad : {"", "Orders", "1orders", "-orders", "orders-", "my--svc", "my_svc", "my svc", "../x"})
    CHECK_FALSE(is_slug(bad));
  CHECK(is_slug(std::string(63, 'a')));
  CHECK_FALSE(is_slug(std::string(64, 'a')));
}

TEST_CASE("scaffolds: answers are checked and normalised by type", "[scaffolds]") {
  Variable port{"port", VariableType::port, {}, std::nullopt, "", ""};
  CHECK(check_value(port, "8080").value == "8080");
  CHECK(check_value(port, "+80").value == "80");
  for (const char* bad : {"0", "65536", "80x", "", "-1"}) CHECK_FALSE(check_value(port, bad).ok());
  CHECK(check_value(port, "0").error.find("1 to 65535") != std::string::npos);

  Variable db{"db", VariableType::choice, {"postgres", "none"}, std::nullopt, "", ""};
  CHECK(check_value(db, "none").ok());
  CHECK(check_value(db, "mysql").error == "'mysql' is not one of: postgres, none");

  Variable flag{"metrics", VariableType::boolean, {}, std::nullopt, "", ""};
  CHECK(check_value(flag, "yes").value == "true");
  CHECK(check_value(flag, "off").value == "false");
  CHECK_FALSE(check_value(flag, "maybe").ok());

  Variable count{"count", VariableType::integer, {}, std::nullopt, "", ""};
  CHECK(check_value(count, "-3").value == "-3");
  CHECK_FALSE(check_value(count, "three").ok());
}

TEST_CASE("scaffolds: names derived from a slug", "[scaffolds]") {
  DerivedNames d = derive_names("my-svc-2");
  CHECK(d.snake == "my_svc_2");
  CHECK(d.camel == "mySvc2");
  CHECK(d.pascal == "MySvc2");
  CHECK(d.title == "My Svc 2");
  CHECK(derive_names("orders").pascal == "Orders");
}
