// A repository's rule file: any text is a rule or a RuleFileError naming file:line:column.
// Its queries are compiled, so the fuzzer reaches tree-sitter's query parser too.
#include <cstddef>
#include <cstdint>
#include <string>

#include "checks/local_rules/rule_file.h"
#include "checks/workspace/config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    svc::engine::load_rule_file(std::string(reinterpret_cast<const char*>(data), size), ".svc/rules/r.yaml");
  } catch (const svc::engine::RuleFileError&) {
  }
  return 0;
}
