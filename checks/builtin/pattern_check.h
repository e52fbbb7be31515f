#pragma once
// `implementation: pattern` (docs/guide/pattern-rules.md). Queries compile lazily,
// per language, the first time a file needs them; tests compile them all up front.
#include <memory>

#include "checks/core/rule_catalog.h"
#include "checks/engine/check.h"

namespace svc::builtin {

// Compiles every query of a pattern rule for every language it names; throws
// std::logic_error naming the rule and language when one does not compile.
void compile_pattern_rule(const engine::RuleInfo& rule);

// The check of `implementation: pattern`; a C++ check whose rule also has `patterns:`
// (api-error-leak) runs them through one of these.
std::unique_ptr<engine::Check> make_pattern();

}  // namespace svc::builtin
