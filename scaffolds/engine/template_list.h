#pragma once
// What `svc new --list` prints: each built-in template, its summary, and every variable
// with its flag, type, choices and default.
#include <string>

#include "scaffolds/engine/manifest.h"

namespace svc::scaffolds {

std::string describe_template(const Manifest& manifest);
// Every embedded template (a broken manifest is listed with its error).
std::string describe_embedded_templates();

}  // namespace svc::scaffolds
