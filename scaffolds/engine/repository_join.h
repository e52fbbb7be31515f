#pragma once
// A service generated below a repository's root joins the repository: its CI workflow
// goes to the root's .github/workflows/<name>.yml (GitHub reads workflows nowhere else),
// its compose entries into the root compose file when there is one, and its folder into
// the package workspace when there is one. Nothing else of the repository is touched.
#include <map>
#include <string>
#include <vector>

#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/placement.h"
#include "scaffolds/engine/render.h"

namespace svc::scaffolds {

struct RepositoryFile {
  PlannedFile file;          // path relative to the repository root
  std::string description;   // what it does, for the summary after the run
};

// Takes out of `rendered.files` what goes to the repository instead of the service, and
// returns the repository's files to write or edit. Nothing when the service stands
// alone. Throws ScaffoldError when a repository file cannot be read or extended.
std::vector<RepositoryFile> join_repository(const Placement& place, const Manifest& manifest,
                                            const std::string& service_name, RenderedTemplate& rendered);

// The template's files as `svc new` laid them out from `place.root`: the service's under
// its folder, the CI workflow at the root in a monorepo. Compose entries that went into
// the root compose file are left out: `svc upgrade` does not edit that shared file.
std::map<std::string, PlannedFile> layout_from_root(const Placement& place, const Manifest& manifest,
                                                    const std::string& service_name, RenderedTemplate rendered);

// What templates see of the placement.
Surroundings surroundings_of(const Placement& place);

}  // namespace svc::scaffolds
