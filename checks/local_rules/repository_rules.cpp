#include "checks/local_rules/repository_rules.h"

#include <algorithm>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "checks/local_rules/rule_file.h"
#include "common/input_file.h"

namespace fs = std::filesystem;

namespace svc::engine {

std::vector<std::string> rule_files(const std::string& root, const std::string& rules_dir) {
  std::vector<std::string> out;
  std::error_code ec;
  fs::path dir = fs::path(root) / rules_dir;
  if (!fs::is_directory(dir, ec)) return out;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string ext = entry.path().extension().string();
    if ((ext == ".yaml" || ext == ".yml") && entry.is_regular_file(ec))
      out.push_back((fs::path(rules_dir) / entry.path().filename()).generic_string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

RepositorySetup load_repository_setup(const std::string& root, const std::string& config_path, bool local_rules,
                                      const RuleCatalog* catalog) {
  RepositorySetup s;
  std::error_code ec;
  s.config_file = config_path;
  s.config_found = config_path.empty() && fs::exists(fs::symlink_status(fs::path(root) / ".svc.yaml", ec));
  if (s.config_found) s.config_file = (fs::path(root) / ".svc.yaml").string();
  if (!s.config_file.empty()) s.config = load_config_layout(s.config_file, s.config_found ? root : "");
  s.rules_dir = s.config.rules_dir.empty() ? kDefaultRulesDir : s.config.rules_dir;
  if (catalog) {
    s.catalog = *catalog;
    check_rule_settings(s.config, s.catalog);
    return s;
  }
  std::vector<RuleInfo> local;
  if (local_rules) {
    if (!s.config.rules_dir.empty() && !fs::is_directory(fs::path(root) / s.rules_dir, ec))
      throw ConfigError(s.config.file, s.config.rules_dir_mark.line + 1, s.config.rules_dir_mark.column + 1,
                        fmt::format("rules_dir: no folder {} in {}", s.rules_dir, root));
    std::map<std::string, std::string> declared;  // id -> file
    for (const auto& file : rule_files(root, s.rules_dir)) {
      // Errors name the file as the user can open it; the rule keeps its path in the repository.
      std::string shown = (fs::path(root) / file).lexically_normal().generic_string();
      InputFile in = read_input_file((fs::path(root) / file).string(), root);
      if (!in.ok()) throw RuleFileError(shown, 1, 1, "cannot read the rule file: " + in.error);
      RuleInfo rule = load_rule_file(in.text, shown);
      rule.source = file;
      if (auto [it, fresh] = declared.emplace(rule.id, file); !fresh) {
        YAML::Mark at = rule.spec["id"].Mark();
        throw RuleFileError(shown, at.line + 1, at.column + 1,
                          fmt::format("rule {}: {} declares it too (ids are unique)", rule.id, it->second));
      }
      local.push_back(std::move(rule));
    }
  }
  s.catalog = RuleCatalog::with_local(std::move(local));
  check_rule_settings(s.config, s.catalog, !local_rules);
  return s;
}

}  // namespace svc::engine
