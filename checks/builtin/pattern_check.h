#pragma once
// `implementation: pattern` (docs/guide/pattern-rules.md). Queries compile lazily,
// per language, the first time a file needs them; tests compile them all up front.
#include "checks/core/rule_catalog.h"

namespace svc::builtin {

// Compiles every query of a pattern rule for every language it names; throws
// std::logic_error naming the rule and language when one does not compile.
void compile_pattern_rule(const engine::RuleInfo& rule);

}  // namespace svc::builtin
