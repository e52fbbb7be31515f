// Partials (`{{> name}}`) from scaffolds/_shared/: inclusion with the same context,
// standalone partial lines, missing partials, and _shared never taken for a template.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>

#include "e2e/temp_tree.h"
#include "sample_template.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/template_list.h"
#include "scaffolds/engine/template_source.h"

using namespace svc::scaffolds;
using svc::e2e::TempTree;

namespace {

Answers answers(std::map<std::string, std::string> overrides = {}) {
  Answers a = {{"name", "my-svc"}, {"port", "3000"}, {"db", "postgres"}, {"metrics", "false"}, {"owner", "team a"}};
  for (auto& [k, v] : overrides) a[k] = v;
  return a;
}

Manifest sample_manifest() { return parse_manifest(testing::kSampleManifest, "template.yaml", "sample"); }

std::string render(const std::string& text, const std::map<std::string, std::string>& partials,
                   const Answers& a = answers()) {
  return render_text(text, sample_manifest(), a, "files/t.py", partials);
}

}  // namespace

TEST_CASE("scaffolds: a partial is included and rendered with the file's context", "[scaffolds]") {
  std::map<std::string, std::string> partials = {{"python/name.py", "NAME = '{{name_snake}}'"}};
  CHECK(render("a {{> python/name.py}} b\n", partials) == "a NAME = 'my_svc' b\n");
  CHECK(render("x {{>python/name.py}}\n", partials) == "x NAME = 'my_svc'\n");
}

TEST_CASE("scaffolds: sections inside a partial follow the answers and drop their lines", "[scaffolds]") {
  std::map<std::string, std::string> partials = {
      {"db.txt", "start\n{{#db_postgres}}\npg {{port}}\n{{/db_postgres}}\n{{^db_postgres}}\nnone\n{{/db_postgres}}\nend\n"}};
  CHECK(render("{{> db.txt}}\n", partials) == "start\npg 3000\nend\n");
  CHECK(render("{{> db.txt}}\n", partials, answers({{"db", "none"}})) == "start\nnone\nend\n");
}

TEST_CASE("scaffolds: a standalone partial line is replaced by the partial's content", "[scaffolds]") {
  std::map<std::string, std::string> partials = {{"k6/body.js", "line 1\nline 2\n"}, {"inner", "in\n"},
                                                 {"outer", "o1\n{{> inner}}\no2\n"}};
  CHECK(render("before\n{{> k6/body.js}}\nafter\n", partials) == "before\nline 1\nline 2\nafter\n");
  CHECK(render("{{> k6/body.js}}\n", partials) == "line 1\nline 2\n");
  CHECK(render("x\n{{> k6/body.js}}", partials) == "x\nline 1\nline 2\n");
  CHECK(render("{{> outer}}\n", partials) == "o1\nin\no2\n");  // partials include partials
  CHECK(render("{{#db_postgres}}\n{{> inner}}\n{{/db_postgres}}\n", partials, answers({{"db", "none"}})) == "");
}

TEST_CASE("scaffolds: a missing partial names the file and the partial", "[scaffolds]") {
  std::string message;
  try {
    render("x\n{{> python/missing.py}}\n", {{"python/other.py", ""}});
  } catch (const ScaffoldError& e) {
    message = e.what();
  }
  CHECK(message.find("files/t.py") != std::string::npos);
  CHECK(message.find("python/missing.py") != std::string::npos);
  CHECK_THROWS_AS(render("{{> loop}}\n", {{"loop", "{{> loop}}\n"}}), ScaffoldError);
}

TEST_CASE("scaffolds: a template folder loads the partials of its sibling _shared folder", "[scaffolds]") {
  TempTree tree;
  tree.write_file("sample/template.yaml", testing::kSampleManifest);
  tree.write_file("sample/files/src/app.py", "{{> python/app.py}}\n");
  tree.write_file("_shared/python/app.py", "APP = '{{name}}'\n");
  TemplateSource t = load_template_folder(tree.path() / "sample");
  CHECK(t.partials == std::map<std::string, std::string>{{"python/app.py", "APP = '{{name}}'\n"}});
  RenderedTemplate r = render_template(t, sample_manifest(), answers());
  auto app = std::find_if(r.files.begin(), r.files.end(), [](const auto& f) { return f.path == "src/app.py"; });
  REQUIRE(app != r.files.end());
  CHECK(app->content == "APP = 'my-svc'\n");
}

TEST_CASE("scaffolds: _shared is embedded as partials, never listed as a template", "[scaffolds]") {
  auto names = embedded_template_names();
  CHECK(std::find(names.begin(), names.end(), std::string(kSharedFolder)) == names.end());
  CHECK_FALSE(embedded_template(kSharedFolder));
  CHECK(describe_embedded_templates().find(kSharedFolder) == std::string::npos);
  for (const auto& name : names) {
    auto source = embedded_template(name);
    REQUIRE(source);
    for (const auto& [path, bytes] : source->partials) CHECK(path.rfind("files/", 0) != 0);
  }
}
