#pragma once
// What a run needs to know before it reads any audited file: the configuration and the
// catalog, which holds the repository's own rules (`.svc/rules/*.yaml`, or the folder
// `.svc.yaml` names as `rules_dir:`) besides the built-in ones.
#include <string>
#include <vector>

#include "checks/core/rule_catalog.h"
#include "checks/workspace/config.h"

namespace svc::engine {

inline constexpr const char* kDefaultRulesDir = ".svc/rules";

struct RepositorySetup {
  std::string config_file;  // "" when there is none
  Config config;            // `rules:` checked against `catalog`
  RuleCatalog catalog;      // built-in rules, then the repository's (local/<id>)
  std::string rules_dir;    // the folder searched, relative to the root
  bool config_found = false;  // config_file is ROOT/.svc.yaml (not named with --config)
};

// `config_path` "" means ROOT/.svc.yaml when there is one. With `local_rules` false the
// repository's rules are not loaded (`svc graph` and `svc review` run no rules).
// Throws ConfigError for a broken configuration or rule file.
// With `catalog`, that is the catalog (nothing is read from the rules folder).
RepositorySetup load_repository_setup(const std::string& root, const std::string& config_path,
                                      bool local_rules = true, const RuleCatalog* catalog = nullptr);

// The repository's rule files under `setup.rules_dir`, sorted ("" when the folder is absent).
std::vector<std::string> rule_files(const std::string& root, const std::string& rules_dir);

}  // namespace svc::engine
