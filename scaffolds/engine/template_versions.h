#pragma once
// Every released version of a built-in template, offline. The newest is the template's
// folder; an older version N is kept as scaffolds/<name>/versions/N.patch, the git diff
// that turns version N+1 back into N (its template.yaml, files/, resource/ and the
// _shared/ partials), applied with libgit2, and N.absent, the files N+1 added. A version
// costs the binary only the lines it changed (docs/guide/upgrade.md); N.blobs records
// the git blob id of each of its files, so a test proves it rebuilds byte for byte.
#include <map>
#include <string>

#include "scaffolds/engine/template_source.h"

namespace svc::scaffolds {

// Version `version` rebuilt from `newest` (version `newest_version`) and the template's
// raw files (paths as under scaffolds/<name>/, "versions/N.patch" among them). Throws
// ScaffoldError when a version in between is not kept or its patch does not apply.
TemplateSource reconstruct_version(const TemplateSource& newest, int newest_version,
                                   const std::map<std::string, std::string>& raw, int version);

// A built-in template at `version` (its newest when `version` is 0); with
// SVC_TEMPLATE_DIR set, the folder of that name in it when there is one. Throws
// ScaffoldError for an unknown template or version.
TemplateSource embedded_template_version(const std::string& name, int version);

}  // namespace svc::scaffolds
