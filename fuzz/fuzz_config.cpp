// .svc.yaml: any text is a configuration or a ConfigError naming file:line:column.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/core/rule_catalog.h"
#include "checks/workspace/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    svc::engine::parse_config(std::string(reinterpret_cast<const char*>(data), size), ".svc.yaml",
                              svc::engine::RuleCatalog::builtin());
  } catch (const svc::engine::ConfigError&) {
  }
  return 0;
}
