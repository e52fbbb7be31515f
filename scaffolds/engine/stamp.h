#pragma once
// The generated service's .svc.yaml: the service and the tables it owns for `svc audit`,
// and the template, answers and per-file hashes a later upgrade compares against.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/resource_names.h"

namespace svc::scaffolds {

// "xxh3:" and the XXH3-64 of `bytes` in 16 lowercase hex digits.
std::string xxh3_digest(std::string_view bytes);

// `files` are the template's files as rendered (not .svc.yaml itself).
std::string stamp_yaml(const Manifest& manifest, const Answers& answers, const RenderedTemplate& rendered);

// The top-level `template:` block alone: name, version, answers, the hash of each file
// as generated (path -> "xxh3:..."), and the resources `svc add resource` added.
std::string stamp_template_block(const Manifest& manifest, const Answers& answers,
                                 const std::map<std::string, std::string>& file_hashes,
                                 const std::vector<ResourceRecord>& resources);

// A service's .svc.yaml (also the team's configuration: its other keys, comments and
// services stay as they are) with the `template:` block replaced by `block` and the
// first service's `owns:` by `owns`. Throws ScaffoldError when the result is not YAML.
std::string restamp(const std::string& text, const std::string& block, const std::vector<std::string>& owns);

}  // namespace svc::scaffolds
