#include <catch2/catch.hpp>

#include "checks/core/source_file.h"

using namespace svc::engine;

TEST_CASE("languages are classified by file name", "[source]") {
  CHECK(classify_path("a/Dockerfile") == Language::dockerfile);
  CHECK(classify_path("Dockerfile.prod") == Language::dockerfile);
  CHECK(classify_path("api.Dockerfile") == Language::dockerfile);
  CHECK(classify_path("x/web.dockerfile") == Language::dockerfile);
  CHECK(classify_path("Containerfile") == Language::dockerfile);
  CHECK(classify_path("src/app.tsx") == Language::tsx);
  CHECK(classify_path("src/app.mjs") == Language::javascript);
  CHECK(classify_path("main.py") == Language::python);
  CHECK(classify_path("logo.png") == Language::unknown);
}

TEST_CASE("positions are 1-based lines and code-point columns", "[source]") {
  SourceFile f("x", Language::text, "ab\n\xC3\xA9t\xC3\xA9 x\nlast");
  CHECK(f.line_count() == 3);
  CHECK(f.line(2) == "\xC3\xA9t\xC3\xA9 x");
  auto p = f.position_of(f.text().find('x'));
  CHECK(p.line == 2);
  CHECK(p.column == 5);  // é t é ' ' x: two-byte characters count once
  CHECK(f.position_of(0).column == 1);
  CHECK(f.line(4).empty());
}
