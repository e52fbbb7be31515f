#pragma once
// The generated service's .svc.yaml: the service and the tables it owns for `svc audit`,
// and the template, answers and per-file hashes a later upgrade compares against.
#include <string>
#include <string_view>
#include <vector>

#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/render.h"

namespace svc::scaffolds {

// "xxh3:" and the XXH3-64 of `bytes` in 16 lowercase hex digits.
std::string xxh3_digest(std::string_view bytes);

// `files` are the template's files as rendered (not .svc.yaml itself).
std::string stamp_yaml(const Manifest& manifest, const Answers& answers, const RenderedTemplate& rendered);

}  // namespace svc::scaffolds
