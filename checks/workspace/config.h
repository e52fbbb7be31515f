#pragma once
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/core/severity.h"

namespace svc::engine {

class RuleCatalog;

// A problem in `.svc.yaml`, located for the user: "file:line:column: message".
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& file, int line, int column, const std::string& message);
};

// A problem in one of the repository's own rule files (docs/guide/custom-rules.md),
// located the same way and naming the rule.
class RuleFileError : public ConfigError {
 public:
  using ConfigError::ConfigError;
};

struct ServiceDecl {
  std::string name;
  std::string path;
  std::vector<std::string> owns;
  std::string database;
};

struct DatabaseDecl {
  std::string name;
  bool readonly = false;
};

struct RuleSettings {
  std::optional<Severity> severity;
  // `fail: false`: findings are reported but never fail `svc audit`; `fail: true`: any
  // finding fails it whatever its severity. Unset: the severity against --fail-on.
  std::optional<bool> fail;
  YAML::Node options;  // only keys the rule's YAML declares under `options:`
};

struct Config {
  std::string file;  // "" when no config file was found
  // `services:` refines what discovery finds (same path) and adds what it missed;
  // `discover: false` makes the list the only services.
  bool discover = true;
  std::vector<ServiceDecl> services;
  std::vector<DatabaseDecl> databases;
  std::map<std::string, RuleSettings> rules;
  std::vector<std::string> ignore;
  YAML::Node template_info;
  // `rules_dir:`: where the repository keeps its own rules, relative to the audited
  // folder ("" for the default, .svc/rules).
  std::string rules_dir;
  YAML::Mark rules_dir_mark;  // where it is written, for errors about the folder
  // `rules:` as written, kept until the catalog is known (the repository's own rules
  // are found through rules_dir): check_rule_settings() turns it into `rules`.
  YAML::Node rules_yaml;
};

// Loads and validates; throws ConfigError. Unknown keys, wrong types, unknown rule ids
// and bad severities are all errors: a typo must never silently disable a check.
// `inside`: the audited folder, for a .svc.yaml found there (it may not lead out of it
// through a symlink); "" for a file the user named with --config.
Config load_config(const std::string& path, const RuleCatalog& catalog, const std::string& inside = "");
Config parse_config(const std::string& text, const std::string& display_path,
                    const RuleCatalog& catalog);
// The same in two steps, for a run whose catalog depends on the file's `rules_dir:`:
// everything but `rules:`, then `rules:` against the catalog (both throw ConfigError).
Config load_config_layout(const std::string& path, const std::string& inside = "");
// `skip_local`: the repository's own rules were not loaded (`svc graph`), so their
// settings are left unchecked rather than called unknown.
void check_rule_settings(Config& config, const RuleCatalog& catalog, bool skip_local = false);

}  // namespace svc::engine
