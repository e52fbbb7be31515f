// svc-ignore comments, in a file of each comment syntax.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/filters/suppressions.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* path : {"a.ts", "a.py", "Dockerfile", "a.sql", "a.yaml", "README.md"}) {
    svc::engine::SourceFile file(path, svc::engine::classify_path(path), text);
    (void)svc::engine::scan_suppressions(file);
  }
  return 0;
}
