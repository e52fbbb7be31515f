#pragma once
// From a template and its answers to the exact files of the service: which files apply,
// their rendered paths and contents, and what the service owns. Nothing touches disk.
#include <map>
#include <variant>
#include <string>
#include <vector>

#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/template_source.h"

namespace svc::scaffolds {

struct PlannedFile {
  std::string path;  // relative to the service directory, '/'-separated
  std::string content;
  bool executable = false;
  // A file of the repository the service joins (its compose file, its workspace list),
  // edited on purpose: it needs no --force.
  bool repository_edit = false;
};

// Where the service lands, as templates see it: `monorepo` (a bool), `service_dir` (the
// service's folder from the repository root, "." alone) and `compose_context` (the
// service's folder from the compose file it joins, "." when that file is its own).
struct Surroundings {
  bool monorepo = false;
  std::string service_dir = ".";
  std::string compose_context = ".";
};

// Values beyond the answers, for `svc add resource`: the resource's names, and lists of
// records (its fields) for sections such as {{#fields}}...{{/fields}}.
struct ExtraValues {
  using Value = std::variant<std::string, bool>;
  using Record = std::map<std::string, Value>;
  std::map<std::string, Value> values;
  std::map<std::string, std::vector<Record>> lists;
};

struct RenderedTemplate {
  std::vector<PlannedFile> files;  // sorted by path
  std::vector<std::string> owns;   // tables from `owns:` whose conditions hold
  std::string next_steps;
};

// Throws ScaffoldError for a template that cannot render (bad Mustache, a path leaving
// the service directory, two files on one path).
RenderedTemplate render_template(const TemplateSource& source, const Manifest& manifest, const Answers& answers,
                                 const Surroundings& where = {});

// What resource/ holds, rendered for `svc add resource` under `resource.files` rules, with
// the resource's names and fields (`extra`). Paths are relative to the service.
std::vector<PlannedFile> render_resource_files(const TemplateSource& source, const Manifest& manifest,
                                               const Answers& answers, const ExtraValues& extra);

// Mustache with HTML escaping off: `{{x}}` is the raw text. `{{> name}}` includes
// partials[name], rendered with the same context; a name partials lacks is an error. A
// file whose text holds GitHub's `${{ }}` switches to `<% %>` with `{{=<% %>=}}`.
std::string render_text(const std::string& text, const Manifest& manifest, const Answers& answers,
                        const std::string& what, const std::map<std::string, std::string>& partials = {},
                        const Surroundings& where = {}, const ExtraValues* extra = nullptr);

// The file the engine writes itself; a template must not ship one.
inline constexpr const char* kStampFile = ".svc.yaml";

}  // namespace svc::scaffolds
