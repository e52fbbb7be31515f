// Globs over '/'-separated paths, used by .svc.yaml route paths, template `when:` globs,
// `svc review --candidate` and CODEOWNERS patterns.
#include <catch2/catch.hpp>

#include <string>

#include "common/path_glob.h"

using svc::engine::path_glob_matches;

TEST_CASE("path glob: * and ? stay within a segment, ** spans segments", "[glob]") {
  CHECK(path_glob_matches("src/*.ts", "src/app.ts"));
  CHECK_FALSE(path_glob_matches("src/*.ts", "src/lib/app.ts"));
  CHECK(path_glob_matches("src/a?c.ts", "src/abc.ts"));
  CHECK_FALSE(path_glob_matches("src/a?c.ts", "src/ac.ts"));
  CHECK(path_glob_matches("**/metrics", "/metrics"));
  CHECK(path_glob_matches("**/metrics", "internal/v1/metrics"));
  CHECK(path_glob_matches("apps/web/**/billing/**", "apps/web/src/app/billing/page.tsx"));
  CHECK_FALSE(path_glob_matches("apps/web/**/billing/**", "apps/web/src/app/catalog/page.tsx"));
  CHECK(path_glob_matches("a/**", "a"));
  CHECK(path_glob_matches("*a*b*", "xxaxxbxx"));
  CHECK_FALSE(path_glob_matches("*a*b*", "xxbxxaxx"));
  CHECK(path_glob_matches("", ""));
  CHECK_FALSE(path_glob_matches("a", ""));
}

TEST_CASE("path glob: many stars do not make matching exponential", "[glob]") {
  // Found by fuzz_codeowners: 80 stars against a segment that does not match used to
  // try every way of splitting it.
  std::string stars(80, '*');
  CHECK_FALSE(path_glob_matches(stars + "[x", "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz"));
  CHECK(path_glob_matches(stars + "z", "abcdefghijklmnopqrstuvwxyz"));
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "**/";
  CHECK_FALSE(path_glob_matches(deep + "nope", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z"));
  CHECK(path_glob_matches(deep + "z", "a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z"));
}
