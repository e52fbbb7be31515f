#pragma once
// A pattern rule's options reach its queries as `${name}`: a list becomes quoted
// strings one after another (`(#any-of? @pkg ${banned})`), a single value its text inside
// a quoted string (`(#match? @fn "^${prefix}")`). In `prefilter:`, an entry that is just
// `${name}` stands for each value of the list. `.svc.yaml` overrides the defaults as it
// does for built-in rules, so one rule file serves teams that differ only in a list.
#include <string>

#include <yaml-cpp/yaml.h>

#include "checks/core/rule_catalog.h"

namespace svc::engine {

// `rule` with `${name}` replaced by `options`' values in its queries and prefilter.
// Names an option does not define are left as they are (the rule file's check reports them).
RuleInfo with_options(const RuleInfo& rule, const YAML::Node& options);

// `text` with `${name}` replaced as in a query; `unknown` gets the first undefined name.
std::string substitute_options(const std::string& text, const YAML::Node& options, std::string* unknown = nullptr);

}  // namespace svc::engine
