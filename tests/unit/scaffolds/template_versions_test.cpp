// Older template versions rebuilt from what each kept back from the next one, so
// `svc upgrade` can render exactly what an old `svc new` wrote.
#include <catch2/catch.hpp>

#include <sstream>

#include <git2.h>

#include "scaffolds/engine/embedded.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/template_versions.h"

using namespace svc::scaffolds;

namespace {

TemplateSource newest() {
  TemplateSource s;
  s.name = "t";
  s.manifest_text = "version: 3\n";
  s.files = {{"a.txt", "a3\n"}, {"b.txt", "b (since 2)\n"}, {"c.txt", "c (since 3)\n"}};
  s.partials = {{"p.md", "p3\n"}};
  return s;
}

// What freezing writes: the git diff from each version back to the one before.
const std::map<std::string, std::string> kRaw = {
    {"versions/2.patch",
     "diff --git a/scaffolds/t/files/a.txt b/scaffolds/t/files/a.txt\n"
     "--- a/scaffolds/t/files/a.txt\n+++ b/scaffolds/t/files/a.txt\n@@ -1 +1 @@\n-a3\n+a2\n"
     "diff --git a/scaffolds/t/files/c.txt b/scaffolds/t/files/c.txt\ndeleted file mode 100644\n"
     "--- a/scaffolds/t/files/c.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-c (since 3)\n"
     "diff --git a/scaffolds/t/template.yaml b/scaffolds/t/template.yaml\n"
     "--- a/scaffolds/t/template.yaml\n+++ b/scaffolds/t/template.yaml\n@@ -1 +1 @@\n-version: 3\n+version: 2\n"},
    {"versions/1.patch",
     "diff --git a/scaffolds/_shared/p.md b/scaffolds/_shared/p.md\n"
     "--- a/scaffolds/_shared/p.md\n+++ b/scaffolds/_shared/p.md\n@@ -1 +1 @@\n-p3\n+p1\n"
     "diff --git a/scaffolds/t/files/a.txt b/scaffolds/t/files/a.txt\n"
     "--- a/scaffolds/t/files/a.txt\n+++ b/scaffolds/t/files/a.txt\n@@ -1 +1 @@\n-a2\n+a1\n"
     "diff --git a/scaffolds/t/files/b.txt b/scaffolds/t/files/b.txt\ndeleted file mode 100644\n"
     "--- a/scaffolds/t/files/b.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-b (since 2)\n"
     "diff --git a/scaffolds/t/files/gone.txt b/scaffolds/t/files/gone.txt\nnew file mode 100644\n"
     "--- /dev/null\n+++ b/scaffolds/t/files/gone.txt\n@@ -0,0 +1 @@\n+dropped in 2\n"
     "diff --git a/scaffolds/t/template.yaml b/scaffolds/t/template.yaml\n"
     "--- a/scaffolds/t/template.yaml\n+++ b/scaffolds/t/template.yaml\n@@ -1 +1 @@\n-version: 2\n+version: 1\n"},
};

}  // namespace

TEST_CASE("template versions: each older version is the next one with its patch applied", "[scaffolds][upgrade]") {
  TemplateSource v2 = reconstruct_version(newest(), 3, kRaw, 2);
  CHECK(v2.manifest_text == "version: 2\n");
  CHECK(v2.files == std::map<std::string, std::string>{{"a.txt", "a2\n"}, {"b.txt", "b (since 2)\n"}});
  CHECK(v2.partials.at("p.md") == "p3\n");

  TemplateSource v1 = reconstruct_version(newest(), 3, kRaw, 1);
  CHECK(v1.manifest_text == "version: 1\n");
  CHECK(v1.files == std::map<std::string, std::string>{{"a.txt", "a1\n"}, {"gone.txt", "dropped in 2\n"}});
  CHECK(v1.partials.at("p.md") == "p1\n");

  CHECK(reconstruct_version(newest(), 3, kRaw, 3).files == newest().files);
}

TEST_CASE("template versions: a version not kept, or not released, is an error", "[scaffolds][upgrade]") {
  std::map<std::string, std::string> gap = kRaw;
  gap.erase("versions/2.patch");
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

TEST_CASE("template versions: every kept version rebuilds byte for byte as it was released", "[scaffolds][upgrade]") {
  // versions/<N>.blobs holds the git blob id of each file of version N, recorded when
  // it was frozen: a later edit of the template that forgot to re-freeze shows up here.
  git_libgit2_init();
  int checked = 0;
  for (const char* name : {"hono", "fastapi", "flask"}) {
    std::map<std::string, std::string> raw;
    for (const auto& f : embedded_files())
      if (std::string(f.template_name) == name) raw[f.path] = std::string(reinterpret_cast<const char*>(f.data), f.size);
    for (int version = 1;; ++version) {
      auto blobs = raw.find("versions/" + std::to_string(version) + ".blobs");
      if (blobs == raw.end()) break;
      TemplateSource old = embedded_template_version(name, version);
      std::map<std::string, std::string> rebuilt = {{"template.yaml", old.manifest_text}};
      for (const auto& [p, bytes] : old.files) rebuilt["files/" + p] = bytes;
      for (const auto& [p, bytes] : old.resource_files) rebuilt["resource/" + p] = bytes;
      for (const auto& [p, bytes] : old.partials) rebuilt["_shared/" + p] = bytes;
      std::map<std::string, std::string> expected;
      std::istringstream lines(blobs->second);
      for (std::string line; std::getline(lines, line);) expected[line.substr(41)] = line.substr(0, 40);
      std::map<std::string, std::string> actual;
      for (const auto& [p, bytes] : rebuilt) {
        git_oid id;
        REQUIRE(git_odb_hash(&id, bytes.data(), bytes.size(), GIT_OBJECT_BLOB) == 0);
        actual[p] = git_oid_tostr_s(&id);
      }
      INFO(name << " version " << version);
      CHECK(actual == expected);
      ++checked;
    }
  }
  git_libgit2_shutdown();
  CHECK(checked >= 3);  // every built-in template keeps at least its version 1
}
