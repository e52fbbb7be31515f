#pragma once
// One `svc add resource` run in a service `svc new` generated: the template (at the
// service's version, with its recorded answers) renders its resource/ files for the new
// resource, wires them in at the template's markers, appends its migration to the
// journal, records the new table in .svc.yaml, and writes all of it or nothing.
#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "scaffolds/engine/resource_names.h"
#include "scaffolds/engine/template_source.h"
#include "scaffolds/engine/writer.h"

namespace svc::scaffolds {

struct AddResourceRequest {
  std::filesystem::path dir;  // the service's folder (holds .svc.yaml)
  std::string name;           // NAME, plural or singular
  std::string fields;         // --fields
  bool dry_run = false;
  bool color = false;
  WriteOptions write;
  // The template at the service's version; empty: the built-in one .svc.yaml names (tests
  // pass their own).
  std::optional<TemplateSource> source;
};

struct AddResourceResult {
  std::string service, template_name;
  ResourceNames names;
  std::vector<PlanEntry> plan;  // new files and edited ones, relative to the service
  std::string next_steps;
  WriteSummary summary;
};

// Throws ScaffoldError (nothing written) for a folder `svc new` did not make, a template
// without resources, a bad name or field, a file that exists, or a missing marker.
AddResourceResult add_resource(const AddResourceRequest& request, std::ostream& out);

}  // namespace svc::scaffolds
