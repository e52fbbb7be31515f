#pragma once
// From a template and its answers to the exact files of the service: which files apply,
// their rendered paths and contents, and what the service owns. Nothing touches disk.
#include <map>
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

struct RenderedTemplate {
  std::vector<PlannedFile> files;  // sorted by path
  std::vector<std::string> owns;   // tables from `owns:` whose conditions hold
  std::string next_steps;
};

// Throws ScaffoldError for a template that cannot render (bad Mustache, a path leaving
// the service directory, two files on one path).
RenderedTemplate render_template(const TemplateSource& source, const Manifest& manifest, const Answers& answers,
                                 const Surroundings& where = {});

// Mustache with HTML escaping off: `{{x}}` is the raw text. `{{> name}}` includes
// partials[name], rendered with the same context; a name partials lacks is an error. A
// file whose text holds GitHub's `${{ }}` switches to `<% %>` with `{{=<% %>=}}`.
std::string render_text(const std::string& text, const Manifest& manifest, const Answers& answers,
                        const std::string& what, const std::map<std::string, std::string>& partials = {},
                        const Surroundings& where = {});

// The file the engine writes itself; a template must not ship one.
inline constexpr const char* kStampFile = ".svc.yaml";

}  // namespace svc::scaffolds
