#pragma once
// A rule a team keeps in its repository (docs/guide/custom-rules.md): the built-in
// pattern format, checked field by field when it is loaded, so that a mistake stops the
// run at its file:line:column instead of silently matching nothing. A rule file is data:
// tree-sitter queries and RE2 expressions, never code.
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/core/rule_catalog.h"

namespace svc::engine {

inline constexpr const char* kLocalRulePrefix = "local/";

// One inline fixture of a rule (`tests:`): files by path, written to a scratch folder.
struct InlineFixture {
  std::string name;
  std::vector<std::pair<std::string, std::string>> files;  // path, text
};

// Parses and checks one rule file. `display` names it in errors (a path relative to the
// audited folder). Throws ConfigError: "file:line:column: rule local/<id>: what is wrong".
RuleInfo load_rule_file(const std::string& text, const std::string& display);

// The `tests:` of a rule loaded by load_rule_file (checked there).
std::vector<InlineFixture> inline_fixtures(const RuleInfo& rule);

}  // namespace svc::engine
