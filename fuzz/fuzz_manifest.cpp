// A template's template.yaml: a manifest or a ScaffoldError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/scaffold_error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    svc::scaffolds::parse_manifest(std::string(reinterpret_cast<const char*>(data), size), "template.yaml", "fuzz");
  } catch (const svc::scaffolds::ScaffoldError&) {
  }
  return 0;
}
