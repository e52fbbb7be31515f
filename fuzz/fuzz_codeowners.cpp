// A CODEOWNERS file (GitHub and GitLab forms), then who owns a few paths, including
// paths made of the input's own words.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/history/codeowners.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  auto owners = svc::history::CodeOwners::parse(text, ".github/CODEOWNERS");
  for (const char* path : {"README.md", "apps/web/src/app/page.tsx", "docs/", "a/b/c/d/e/f/g.ts", ""})
    (void)owners.owners_of(path);
  for (const auto& rule : owners.rules()) (void)owners.owners_of(rule.pattern);
  return 0;
}
