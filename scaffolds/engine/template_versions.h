#pragma once
// Every released version of a built-in template, offline. The newest is the template's
// folder; an older version N is kept as what changed back from N+1, under
// scaffolds/<name>/versions/<N>/:
//   template.yaml   the manifest of version N
//   files/...       each file of N whose bytes differ from N+1's (or that N+1 dropped)
//   resource/...    the same for what `svc add resource` renders
//   _shared/...     the same for the shared partials
//   absent.txt      paths ("files/x", "resource/z", "_shared/y") that N+1 has and N had not
// so a version costs the binary only the files it changed (docs/guide/upgrade.md).
#include <map>
#include <string>

#include "scaffolds/engine/template_source.h"

namespace svc::scaffolds {

// Version `version` rebuilt from `newest` (version `newest_version`) and the template's
// raw files (paths as under scaffolds/<name>/, "versions/N/..." among them). Throws
// ScaffoldError when a version in between is not kept.
TemplateSource reconstruct_version(const TemplateSource& newest, int newest_version,
                                   const std::map<std::string, std::string>& raw, int version);

// A built-in template at `version` (its newest when `version` is 0); with
// SVC_TEMPLATE_DIR set, the folder of that name in it when there is one. Throws
// ScaffoldError for an unknown template or version.
TemplateSource embedded_template_version(const std::string& name, int version);

}  // namespace svc::scaffolds
