// From answers to files (scaffolds/engine/render): conditions, verbatim, .mustache
// stripping, executables, empty files, derived names and path checks.
#include <catch2/catch.hpp>

#include <map>

#include "sample_template.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/scaffold_error.h"

using namespace svc::scaffolds;

namespace {

Answers answers(std::map<std::string, std::string> overrides = {}) {
  Answers a = {{"name", "my-svc"}, {"port", "3000"}, {"db", "postgres"}, {"metrics", "false"}, {"owner", "team a"}};
  for (auto& [k, v] : overrides) a[k] = v;
  return a;
}

std::map<std::string, PlannedFile> render(const TemplateSource& t, const Answers& a) {
  Manifest m = parse_manifest(t.manifest_text, t.manifest_path, t.name);
  std::map<std::string, PlannedFile> out;
  for (auto& f : render_template(t, m, a).files) out[f.path] = f;
  return out;
}

std::string render_error(const TemplateSource& t) {
  try {
    render(t, answers());
  } catch (const ScaffoldError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("scaffolds: when/unless pick the files for the answers", "[scaffolds]") {
  auto with_db = render(testing::sample_template(), answers());
  CHECK(with_db.count("src/db/client.ts"));
  CHECK_FALSE(with_db.count("src/memory.ts"));
  auto without = render(testing::sample_template(), answers({{"db", "none"}}));
  CHECK_FALSE(without.count("src/db/client.ts"));
  CHECK(without.count("src/memory.ts"));
}

TEST_CASE("scaffolds: context has variables, choice booleans and derived names, unescaped", "[scaffolds]") {
  auto files = render(testing::sample_template(), answers());
  CHECK(files.at("README.md").content == "# My Svc\nport 3000\ndb no-metrics\n<team a>&\n");
  CHECK(files.at("src/db/client.ts").content == "export const db = 'my_svc';\n");
  CHECK(files.at("src/my_svc.ts").content == "export const mySvc = 'MySvc';\n");  // path rendered too
  auto other = render(testing::sample_template(), answers({{"db", "none"}, {"metrics", "true"}}));
  CHECK(other.at("README.md").content == "# My Svc\nport 3000\n\n<team a>&\n");
}

TEST_CASE("scaffolds: verbatim files are copied, .mustache is stripped, scripts are executable", "[scaffolds]") {
  auto files = render(testing::sample_template(), answers());
  CHECK(files.at(".github/workflows/ci.yml").content == "run: echo ${{ github.sha }} {{name}}\n");
  CHECK(files.count("package.json"));
  CHECK_FALSE(files.count("package.json.mustache"));
  CHECK(files.at("package.json").content == "{\"name\": \"my-svc\"}\n");
  CHECK(files.at("scripts/dev.sh").executable);
  CHECK_FALSE(files.at("README.md").executable);
}

TEST_CASE("scaffolds: a file that renders to whitespace only is not written", "[scaffolds]") {
  CHECK_FALSE(render(testing::sample_template(), answers()).count("src/metrics.ts"));
  CHECK(render(testing::sample_template(), answers({{"metrics", "true"}})).count("src/metrics.ts"));
}

TEST_CASE("scaffolds: owns and next steps follow the answers", "[scaffolds]") {
  TemplateSource t = testing::sample_template();
  Manifest m = parse_manifest(t.manifest_text, t.manifest_path, t.name);
  RenderedTemplate r = render_template(t, m, answers());
  CHECK(r.owns == std::vector<std::string>{"items"});
  CHECK(r.next_steps == "cd my-svc\nnpm install\n");
  CHECK(render_template(t, m, answers({{"db", "none"}})).owns.empty());
}

TEST_CASE("scaffolds: rendered paths must stay inside the service", "[scaffolds]") {
  TemplateSource t = testing::sample_template();
  t.files = {{"../{{name}}.txt", "x"}};
  CHECK(render_error(t).find("renders to '../my-svc.txt'") != std::string::npos);
  t.files = {{"{{missing}}/x.txt", "x"}};
  CHECK(render_error(t).find("which is not a relative path") != std::string::npos);
  t.files = {{".git/hooks/post-checkout", "x"}};
  CHECK(render_error(t).find("inside .git") != std::string::npos);
  t.files = {{".svc.yaml", "x"}};
  CHECK(render_error(t).find("would write .svc.yaml") != std::string::npos);
  t.files = {{"a.txt", "x"}, {"a.txt.mustache", "y"}};
  CHECK(render_error(t).find("both render to a.txt") != std::string::npos);
  t.files = {{"a.txt", "{{#db}}unclosed"}};
  CHECK(render_error(t).find("cannot render files/a.txt") == 0);
}

TEST_CASE("scaffolds: a section tag alone on its line leaves no line behind", "[scaffolds]") {
  Manifest m = parse_manifest(testing::sample_template().manifest_text, "template.yaml", "sample");
  std::string text =
      "first\n"
      "  {{#db_postgres}}\n"
      "db: {{db}}\n"
      "  {{/db_postgres}}\n"
      "{{^db_postgres}}\n"
      "no db\n"
      "{{/db_postgres}}\n"
      "{{! a comment line }}\n"
      "last {{#db_postgres}}inline{{/db_postgres}}\n";
  CHECK(render_text(text, m, answers(), "t") == "first\ndb: postgres\nlast inline\n");
  CHECK(render_text(text, m, answers({{"db", "none"}}), "t") == "first\nno db\nlast \n");
}

TEST_CASE("scaffolds: blank lines around standalone section lines are kept", "[scaffolds]") {
  Manifest m = parse_manifest(testing::sample_template().manifest_text, "template.yaml", "sample");
  std::string text = "x\n{{#db_postgres}}\nB\n{{/db_postgres}}\n\ny\n";
  CHECK(render_text(text, m, answers(), "t") == "x\nB\n\ny\n");
  CHECK(render_text(text, m, answers({{"db", "none"}}), "t") == "x\n\ny\n");
  std::string leading_blank = "x\n{{#db_postgres}}\n\nB\n{{/db_postgres}}\ny";
  CHECK(render_text(leading_blank, m, answers(), "t") == "x\n\nB\ny");
  std::string first_line = "{{#db_postgres}}\nB\n{{/db_postgres}}\n{{^db_postgres}}\nC\n{{/db_postgres}}\n";
  CHECK(render_text(first_line, m, answers(), "t") == "B\n");
  CHECK(render_text(first_line, m, answers({{"db", "none"}}), "t") == "C\n");
}

TEST_CASE("scaffolds: a GitHub workflow switches to <% %> and sees where the service lands", "[scaffolds]") {
  Manifest m = parse_manifest(testing::sample_template().manifest_text, "template.yaml", "sample");
  std::string text =
      "{{=<% %>=}}\n"
      "on:\n"
      "  push:\n"
      "<%#monorepo%>\n"
      "    paths: [\"<%service_dir%>/**\"]\n"
      "<%/monorepo%>\n"
      "jobs:\n"
      "  test:\n"
      "    runs-on: ${{ matrix.os }}  # <%name%>\n";
  CHECK(render_text(text, m, answers(), "t") == "on:\n  push:\njobs:\n  test:\n    runs-on: ${{ matrix.os }}  # my-svc\n");
  Surroundings below{true, "services/my-svc", "services/my-svc"};
  CHECK(render_text(text, m, answers(), "t", {}, below) ==
        "on:\n  push:\n    paths: [\"services/my-svc/**\"]\njobs:\n  test:\n    runs-on: ${{ matrix.os }}  # my-svc\n");
}
