// Templates from a folder and from the binary (scaffolds/engine/template_source).
#include <catch2/catch.hpp>

#include "e2e/temp_tree.h"
#include "sample_template.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/template_source.h"

using namespace svc::scaffolds;
using svc::e2e::TempTree;

TEST_CASE("scaffolds: a template folder loads its manifest and every file under files/", "[scaffolds]") {
  TempTree tree;
  tree.write_file("sample/template.yaml", testing::kSampleManifest);
  tree.write_file("sample/files/.github/workflows/ci.yml", "x");
  tree.write_file("sample/files/src/{{name_snake}}.ts", "y");
  TemplateSource t = load_template_folder(tree.path() / "sample");
  CHECK(t.name == "sample");
  CHECK(t.manifest_text == testing::kSampleManifest);
  CHECK(t.files == std::map<std::string, std::string>{{".github/workflows/ci.yml", "x"}, {"src/{{name_snake}}.ts", "y"}});
  CHECK_THROWS_AS(load_template_folder(tree.path() / "missing"), ScaffoldError);
}

TEST_CASE("scaffolds: every built-in template parses and renders with its defaults", "[scaffolds]") {
  for (const auto& name : embedded_template_names()) {
    INFO(name);
    auto source = embedded_template(name);
    REQUIRE(source);
    Manifest m = parse_manifest(source->manifest_text, source->manifest_path, name);
    Answers answers;
    for (const auto& v : m.variables) {
      std::string fallback = v.type == VariableType::choice ? v.choices.front()
                             : v.type == VariableType::boolean ? "false"
                             : v.type == VariableType::integer || v.type == VariableType::port ? "1"
                                                                                               : "demo";
      answers[v.name] = v.default_value.value_or(fallback);
    }
    RenderedTemplate r = render_template(*source, m, answers);
    CHECK(r.files.size() <= source->files.size());
  }
  CHECK_FALSE(embedded_template("no-such-template"));
}
