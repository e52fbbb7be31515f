// `svc add resource` with a small template of its own: names and fields as templates see
// them, files rendered under conditions, edits at markers, the migration journal and
// .svc.yaml, and refusals that write nothing.
#include <catch2/catch.hpp>

#include <sstream>

#include "e2e/temp_tree.h"
#include "scaffolds/engine/add_resource.h"
#include "scaffolds/engine/scaffold_error.h"
#include "tree_snapshot.h"

using namespace svc::scaffolds;
using svc::e2e::TempTree;

namespace {

const char* const kManifest = R"(name: mini
version: 1
summary: "a template that can add resources"
language: typescript
variables:
  - name: name
    type: slug
  - name: db
    type: choice
    choices: [postgres, none]
    default: postgres
resource:
  files:
    - path: "migrations/**"
      when: {db: postgres}
  migrations: "migrations/*.sql"
  inserts:
    - path: src/app.ts
      marker: "svc:resource-routes"
      text: "app.route('/v1/{{resource}}', {{resource_camel}});"
  json_append:
    - path: migrations/journal.json
      array: /entries
      value: '{"idx": {{migration_index}}, "tag": "{{migration_number}}_{{resource_snake}}"}'
      when: {db: postgres}
  owns:
    - table: "{{resource_snake}}"
      when: {db: postgres}
  next_steps: "npm test  # {{resource_singular_title}}"
  reserved: [events, health]
  reserved_fields: [class, metadata]
  max_name_length: 20
)";

TemplateSource mini() {
  TemplateSource t;
  t.name = "mini";
  t.manifest_path = "mini/template.yaml";
  t.manifest_text = kManifest;
  t.resource_files = {
      {"src/routes/{{resource}}.ts",
       "export type {{resource_singular_pascal}} = {\n{{#fields}}  {{name_camel}}: {{#type_number}}number{{/type_number}}"
       "{{#type_string}}string{{/type_string}}{{#nullable}} | null{{/nullable}};\n{{/fields}}};\n"},
      {"migrations/{{migration_number}}_{{resource_snake}}.sql",
       "-- after {{previous_migration}}\nCREATE TABLE {{resource_snake}} ();\n"},
  };
  return t;
}

// A service as `svc new` of `mini` would leave it.
void make_service(const TempTree& tree, const std::string& db = "postgres") {
  tree.write_file("svc/.svc.yaml", "services:\n  - name: shop\n    path: .\n    owns: [items]\ntemplate:\n  name: mini\n"
                                   "  version: 1\n  answers: {name: shop, db: " + db + "}\n  files: {}\n");
  tree.write_file("svc/src/app.ts", "const app = new Hono()\n  // svc:resource-routes\nexport default app;\n");
  tree.write_file("svc/migrations/0000_init.sql", "CREATE TABLE items ();\n");
  tree.write_file("svc/migrations/0001_jobs.sql", "CREATE TABLE jobs ();\n");
  tree.write_file("svc/migrations/journal.json", "{\n  \"entries\": [\n    {\n      \"idx\": 0\n    }\n  ]\n}\n");
}

AddResourceResult run(const TempTree& tree, const std::string& name, const std::string& fields, bool dry = false) {
  AddResourceRequest r;
  r.dir = tree.path() / "svc";
  r.name = name;
  r.fields = fields;
  r.dry_run = dry;
  r.source = mini();
  std::ostringstream out;
  return add_resource(r, out);
}

}  // namespace

TEST_CASE("add resource: names, fields, migration number, markers, journal and owned table", "[scaffolds][add]") {
  TempTree tree;
  make_service(tree);
  AddResourceResult r = run(tree, "line-item", "name:string,unit_price:number?");
  CHECK(r.names.plural == "line-items");
  CHECK(tree.read_file("svc/src/routes/line-items.ts") ==
        "export type LineItem = {\n  name: string;\n  unitPrice: number | null;\n};\n");
  CHECK(tree.read_file("svc/migrations/0002_line_items.sql") == "-- after 0001\nCREATE TABLE line_items ();\n");
  CHECK(tree.read_file("svc/src/app.ts") ==
        "const app = new Hono()\napp.route('/v1/line-items', lineItems);\n  // svc:resource-routes\nexport default app;\n");
  CHECK(tree.read_file("svc/migrations/journal.json") ==
        "{\n  \"entries\": [\n    {\n      \"idx\": 0\n    },\n    {\n      \"idx\": 2,\n      \"tag\": \"0002_line_items\"\n    }\n  ]\n}\n");
  CHECK(tree.read_file("svc/.svc.yaml").find("owns: [items, line_items]") != std::string::npos);
  CHECK(r.next_steps == "npm test  # Line Item");
}

TEST_CASE("add resource: without a database no migration, journal or table", "[scaffolds][add]") {
  TempTree tree;
  make_service(tree, "none");
  run(tree, "widgets", "");
  CHECK(tree.read_file("svc/src/routes/widgets.ts") == "export type Widget = {\n  name: string;\n};\n");
  CHECK_FALSE(std::filesystem::exists(tree.path() / "svc/migrations/0002_widgets.sql"));
  CHECK(tree.read_file("svc/.svc.yaml").find("owns: [items]\n") != std::string::npos);
}

TEST_CASE("add resource: refusals write nothing", "[scaffolds][add]") {
  TempTree tree;
  make_service(tree);
  run(tree, "widgets", "");
  auto before = testing::snapshot(tree.path());
  CHECK_THROWS_WITH(run(tree, "widget", ""), Catch::Contains("file(s) of the resource exist already"));
  CHECK_THROWS_WITH(run(tree, "Gadgets", ""), Catch::Contains("'Gadgets' is not a resource name"));
  CHECK_THROWS_WITH(run(tree, "gadgets", "price:money"), Catch::Contains("price has the unknown type 'money'"));
  CHECK_THROWS_WITH(run(tree, "gadgets", "id:uuid"), Catch::Contains("'id' is added by the template itself"));
  CHECK_THROWS_WITH(run(tree, "gadgets", "a:int,a:int"), Catch::Contains("'a' is given twice"));
  CHECK_THROWS_WITH(run(tree, "event", ""), Catch::Contains("'events' is a name the mini template's own code uses"));
  CHECK_THROWS_WITH(run(tree, "gadgets", "class:string"), Catch::Contains("'class' cannot be a field of a mini service"));
  CHECK_THROWS_WITH(run(tree, "purchase-order-line-items", ""), Catch::Contains("longer than the mini template's"));
  tree.write_file("svc/src/app.ts", "const app = new Hono()\n");
  before = testing::snapshot(tree.path());
  CHECK_THROWS_WITH(run(tree, "gadgets", ""), Catch::Contains("src/app.ts has no line with the marker"));
  CHECK(testing::snapshot(tree.path()) == before);
}

TEST_CASE("add resource: a dry run writes nothing", "[scaffolds][add]") {
  TempTree tree;
  make_service(tree);
  auto before = testing::snapshot(tree.path());
  run(tree, "widgets", "", true);
  CHECK(testing::snapshot(tree.path()) == before);
}

TEST_CASE("resource names: plural and singular both ways", "[scaffolds][add]") {
  CHECK(resource_names("categories").singular == "category");
  CHECK(resource_names("category").plural == "categories");
  CHECK(resource_names("boxes").singular == "box");
  CHECK(resource_names("box").plural == "boxes");
  CHECK(resource_names("addresses").singular == "address");
  CHECK(resource_names("key").plural == "keys");
  CHECK(resource_names("bus").plural == "buses");
  CHECK(resource_names("buses").singular == "bus");
  CHECK(resource_names("status").plural == "statuses");
  CHECK(resource_names("statuses").singular == "status");
}

TEST_CASE("add resource: .svc.yaml records the resource, and keeps the team's configuration", "[scaffolds][add]") {
  TempTree tree;
  make_service(tree);
  std::string config = "\n# the team's\nrules:\n  api-unversioned-route: off\n";
  tree.write_file("svc/.svc.yaml", tree.read_file("svc/.svc.yaml") + config);
  run(tree, "line-items", "name:string,unit_price:number?");
  std::string stamp = tree.read_file("svc/.svc.yaml");
  CHECK(stamp.find("  resources:\n    - {name: line-items, fields: \"name:string,unit_price:number?\", migration: \"0002\", "
                   "previous: \"0001\", when: \"") != std::string::npos);
  CHECK(stamp.find(config) != std::string::npos);
  CHECK(stamp.find("owns: [items, line_items]") != std::string::npos);
}
