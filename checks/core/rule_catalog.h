#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "checks/core/severity.h"
#include "checks/core/source_file.h"

namespace svc::engine {

// Everything a rule says about itself, read from its YAML. Severity and message
// live only there.
struct RuleInfo {
  std::string id;
  std::string name;            // UpperCamelCase, for SARIF
  Severity severity = Severity::warning;
  std::string summary;         // one line
  std::string description;     // a paragraph
  std::string message;         // fmt template with named fields, e.g. "runs as {user}"
  std::string implementation;  // builtin check name, or "engine" for the suppression rules
  std::vector<Language> languages;   // files the per-file part looks at
  std::vector<std::string> prefilter;  // a file is parsed only if it contains one of these
  // ... and, when set, matches this RE2 pattern too: for rules whose literals are
  // common words but whose matches need a shape (`, 404)`).
  std::shared_ptr<const re2::RE2> prefilter_regex;
  std::vector<std::string> needs;      // facts the rule needs from code ("routes")
  YAML::Node options;          // defaults of the options `.svc.yaml` may override
  YAML::Node spec;             // the whole YAML, for checks said in it (`patterns:`)
  std::string doc;             // docs/rules/<id>.md, or a repository rule's `docs:`
  std::string help_uri;        // "" when there is none (a repository rule without `help_uri:`)
  // A rule from the audited repository (`local/<id>`): the file it came from, relative
  // to the audited folder, and its text (the result cache's key holds it). "" for built-ins.
  std::string source;
  std::string source_text;
  bool local() const { return !source.empty(); }
};

class RuleCatalog {
 public:
  static const RuleCatalog& builtin();  // parsed once from the embedded YAML
  // The built-in rules followed by a repository's own, for one run. The ids of `local`
  // are `local/<id>`, so none can stand for a built-in rule.
  static RuleCatalog with_local(std::vector<RuleInfo> local);
  const std::vector<RuleInfo>& rules() const { return rules_; }
  const RuleInfo* find(const std::string& id) const;
  std::vector<std::string> ids() const;

 private:
  std::vector<RuleInfo> rules_;
};

inline constexpr const char* kRepositoryUrl = SVC_REPOSITORY_URL;  // set by CMake

}  // namespace svc::engine
