// Older template versions rebuilt from what each kept back from the next one, so
// `svc upgrade` can render exactly what an old `svc new` wrote.
#include <catch2/catch.hpp>

#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/template_versions.h"

using namespace svc::scaffolds;

namespace {

TemplateSource newest() {
  TemplateSource s;
  s.name = "t";
  s.manifest_text = "version: 3\n";
  s.files = {{"a.txt", "a3"}, {"b.txt", "b (since 2)"}, {"c.txt", "c (since 3)"}};
  s.partials = {{"p.md", "p3"}};
  return s;
}

const std::map<std::string, std::string> kRaw = {
    {"versions/2/template.yaml", "version: 2\n"},
    {"versions/2/files/a.txt", "a2"},
    {"versions/2/absent.txt", "files/c.txt\n"},
    {"versions/1/template.yaml", "version: 1\n"},
    {"versions/1/files/a.txt", "a1"},
    {"versions/1/files/gone.txt", "dropped in 2"},
    {"versions/1/_shared/p.md", "p1"},
    {"versions/1/absent.txt", "files/b.txt\n"},
};

}  // namespace

TEST_CASE("template versions: each older version is the next one with what it kept back", "[scaffolds][upgrade]") {
  TemplateSource v2 = reconstruct_version(newest(), 3, kRaw, 2);
  CHECK(v2.manifest_text == "version: 2\n");
  CHECK(v2.files == std::map<std::string, std::string>{{"a.txt", "a2"}, {"b.txt", "b (since 2)"}});
  CHECK(v2.partials.at("p.md") == "p3");

  TemplateSource v1 = reconstruct_version(newest(), 3, kRaw, 1);
  CHECK(v1.manifest_text == "version: 1\n");
  CHECK(v1.files == std::map<std::string, std::string>{{"a.txt", "a1"}, {"gone.txt", "dropped in 2"}});
  CHECK(v1.partials.at("p.md") == "p1");

  CHECK(reconstruct_version(newest(), 3, kRaw, 3).files == newest().files);
}

TEST_CASE("template versions: a version not kept, or not released, is an error", "[scaffolds][upgrade]") {
  std::map<std::string, std::string> gap = kRaw;
  gap.erase("versions/2/template.yaml");
  CHECK_THROWS_WITH(reconstruct_version(newest(), 3, gap, 1), Catch::Contains("version 2 of the t template is not kept"));
  CHECK_THROWS_WITH(reconstruct_version(newest(), 3, kRaw, 4), Catch::Contains("the t template has no version 4"));
}

TEST_CASE("template versions: the built-in templates' newest version is the template itself", "[scaffolds][upgrade]") {
  for (const char* name : {"hono", "fastapi", "flask"}) {
    TemplateSource newest_version = embedded_template_version(name, 0);
    CHECK(newest_version.files == embedded_template(name)->files);
  }
  CHECK_THROWS_WITH(embedded_template_version("rails", 0), Catch::Contains("unknown template 'rails'"));
}
