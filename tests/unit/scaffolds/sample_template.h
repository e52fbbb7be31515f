// A small template held in memory, so the engine's tests do not depend on the content
// of the templates shipped in scaffolds/.
#pragma once
#include <string>

#include "scaffolds/engine/template_source.h"

namespace svc::scaffolds::testing {

inline const char* const kSampleManifest = R"(name: sample
version: 2
summary: "A sample service"
language: typescript
variables:
  - name: name
    type: slug
    prompt: "Service name"
  - name: port
    type: port
    default: 3000
    prompt: "HTTP port"
  - name: db
    type: choice
    choices: [postgres, none]
    default: postgres
    prompt: "Database"
  - name: metrics
    type: bool
    default: false
  - name: owner
    type: string
    default: "team a"
files:
  - path: "src/db/**"
    when: {db: postgres}
  - path: "src/memory.ts"
    unless: {db: postgres}
verbatim: [".github/**"]
executable: ["scripts/*.sh"]
owns:
  - table: items
    when: {db: postgres}
next_steps: |
  cd {{name}}
  npm install
)";

inline TemplateSource sample_template() {
  TemplateSource t;
  t.name = "sample";
  t.manifest_path = "scaffolds/sample/template.yaml";
  t.manifest_text = kSampleManifest;
  t.files = {
      {"README.md", "# {{name_title}}\nport {{port}}\n{{#db_postgres}}db{{/db_postgres}}{{^metrics}} no-metrics{{/metrics}}\n<{{owner}}>&\n"},
      {"package.json.mustache", "{\"name\": \"{{name}}\"}\n"},
      {"src/db/client.ts", "export const db = '{{name_snake}}';\n"},
      {"src/memory.ts", "export const memory = true;\n"},
      {".github/workflows/ci.yml", "run: echo ${{ github.sha }} {{name}}\n"},
      {"scripts/dev.sh", "#!/bin/sh\necho {{name}}\n"},
      {"src/{{name_snake}}.ts", "export const {{name_camel}} = '{{name_pascal}}';\n"},
      {"src/metrics.ts", "{{#metrics}}export const metrics = true;{{/metrics}}\n"},
  };
  return t;
}

}  // namespace svc::scaffolds::testing
