#pragma once
// template.yaml: what a template asks, which files it writes under which answers, and
// what the generated service records. Parsed and validated before any answer is taken.
#include <map>
#include <string>
#include <vector>

#include "scaffolds/engine/variables.h"

namespace svc::scaffolds {

// `when: {db: postgres}`: every listed variable has the listed (normalised) value.
using Condition = std::map<std::string, std::string>;

struct Conditional {
  Condition when;    // empty: always true
  Condition unless;  // empty: never blocks
};

struct FileRule : Conditional {
  std::string glob;  // relative to files/, before or after .mustache stripping
};

struct OwnedTable : Conditional {
  std::string table;
};

// `resource:` what `svc add resource` renders from resource/ and where it wires it in.
struct ResourceInsert : Conditional {
  std::string path;    // a file of the service
  std::string marker;  // text on the line the rendered `text` goes just above
  std::string text;
};

struct ResourceJsonAppend : Conditional {
  std::string path;   // a JSON file of the service
  std::string array;  // JSON pointer to the array, e.g. /entries
  std::string value;  // rendered, then parsed as JSON
};

struct ResourceSpec {
  bool present = false;
  std::vector<FileRule> files;  // conditions on resource/ files, as `files:` for the service
  std::string migrations;       // glob of the migration files: the next number follows the highest
  std::vector<ResourceInsert> inserts;
  std::vector<ResourceJsonAppend> json_appends;
  std::vector<OwnedTable> owns;  // tables the resource adds to .svc.yaml (Mustache allowed)
  std::string next_steps;
  // Names the generated code cannot take: resource names (plural or singular, as slugs or
  // snake_case) that clash with the template's own modules, and field names that are
  // keywords or reserved by its libraries.
  std::vector<std::string> reserved, reserved_fields;
  // The longest resource name (plural, snake_case) whose generated lines fit the
  // service's line-length lint; 0: no limit.
  int max_name_length = 0;
};

struct Manifest {
  std::string name;
  int version = 1;
  std::string summary;
  std::string language;
  std::vector<Variable> variables;  // asked in this order; the first is `name`
  std::vector<FileRule> files;
  std::vector<std::string> verbatim;
  std::vector<std::string> executable;
  std::vector<OwnedTable> owns;
  std::string next_steps;
  // `monorepo:` the rendered files that go to the repository, not the service, when the
  // service lands below a repository's root: the CI workflow (to
  // .github/workflows/<name>.yml) and the compose file (merged into the root one).
  std::string ci_workflow, compose;
  ResourceSpec resource;

  const Variable* find(const std::string& variable) const;
  std::vector<std::string> variable_names() const;
};

// Throws ScaffoldError "path:line:column: reason" for anything a template author must fix.
Manifest parse_manifest(const std::string& text, const std::string& display_path, const std::string& folder_name);

// Whether `c` holds for `answers`: all of `when` match and not all of `unless` do.
bool condition_holds(const Conditional& c, const Answers& answers);

}  // namespace svc::scaffolds
