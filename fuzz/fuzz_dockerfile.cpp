// The Dockerfile parser, on any bytes: no crash, no hang, bounded memory.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/dockerfile/dockerfile.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  svc::engine::SourceFile file("Dockerfile", svc::engine::Language::dockerfile,
                               std::string(reinterpret_cast<const char*>(data), size));
  auto parsed = svc::engine::docker::parse(file);
  if (parsed)
    for (const auto& stage : parsed->stages) (void)parsed->start_command(stage);
  return 0;
}
