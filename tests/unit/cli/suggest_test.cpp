#include <catch2/catch.hpp>

#include "cli/suggest.h"

TEST_CASE("closest_match suggests a near spelling and nothing for a far one", "[cli]") {
  std::vector<std::string> names = {"audit", "rules", "explain", "help"};
  CHECK(svc::cli::closest_match("audt", names) == "audit");
  CHECK(svc::cli::closest_match("rule", names) == "rules");
  CHECK_FALSE(svc::cli::closest_match("deploy", names).has_value());
}
