// A baseline file: a baseline or a BaselineError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/filters/baseline.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    svc::engine::parse_baseline(std::string(reinterpret_cast<const char*>(data), size), "svc-baseline.json");
  } catch (const svc::engine::BaselineError&) {
  }
  return 0;
}
