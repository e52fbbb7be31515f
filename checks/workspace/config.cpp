#include "common/input_file.h"
#include "common/yaml_guard.h"
#include "checks/workspace/config.h"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "checks/core/rule_catalog.h"
#include "common/yaml_reader.h"

namespace svc::engine {

ConfigError::ConfigError(const std::string& file, int line, int column, const std::string& message)
    : std::runtime_error(fmt::format("{}:{}:{}: {}", file, line, column, message)) {}

namespace {

class Validator : public YamlReader {
 public:
  Validator(std::string file, const RuleCatalog* catalog, bool skip_local = false)
      : YamlReader([file](int line, int column, const std::string& message) {
          throw ConfigError(file, line, column, message);
        }),
        file_(std::move(file)),
        catalog_(catalog),
        skip_local_(skip_local) {}

  Config run(const YAML::Node& root) const {
    Config c;
    c.file = file_;
    if (root.IsNull()) return c;
    expect(root, YAML::NodeType::Map, "the configuration");
    keys(root, {"discover", "services", "databases", "rules", "rules_dir", "ignore", "template"}, "the configuration");
    if (auto d = root["discover"]) c.discover = boolean(d, "discover");
    if (auto s = root["services"]) c.services = services(s);
    if (!c.discover && c.services.empty())
      fail(root["discover"], "discover: false needs a services: list (it names the only services audited)");
    if (auto d = root["databases"]) c.databases = databases(d);
    if (auto r = root["rules"]) {
      expect(r, YAML::NodeType::Map, "rules");
      c.rules_yaml = r;
      c.rules = rules(r);
    }
    if (auto d = root["rules_dir"]) {
      c.rules_dir = scalar(d, "rules_dir");
      c.rules_dir_mark = d.Mark();
      if (c.rules_dir.empty() || c.rules_dir[0] == '/' || c.rules_dir.find("..") != std::string::npos)
        fail(d, "rules_dir must be a folder inside the repository, relative to it (like .svc/rules)");
    }
    if (auto i = root["ignore"]) c.ignore = scalars(i, "ignore");
    if (auto t = root["template"]) {
      expect(t, YAML::NodeType::Map, "template");
      keys(t, {"name", "version", "answers", "files", "resources"}, "template");
      c.template_info = t;
    }
    return c;
  }

  std::vector<ServiceDecl> services(const YAML::Node& n) const {
    expect(n, YAML::NodeType::Sequence, "services");
    std::vector<ServiceDecl> out;
    std::set<std::string> names;
    for (const auto& s : n) {
      expect(s, YAML::NodeType::Map, "a service");
      keys(s, {"name", "path", "owns", "database"}, "a service");
      ServiceDecl d;
      if (!s["name"]) fail(s, "a service needs a name");
      if (!s["path"]) fail(s, "a service needs a path");
      d.name = scalar(s["name"], "name");
      d.path = scalar(s["path"], "path");
      if (!names.insert(d.name).second) fail(s["name"], fmt::format("service '{}' is declared twice", d.name));
      if (d.path.find("..") != std::string::npos || (!d.path.empty() && d.path[0] == '/'))
        fail(s["path"], "path must be relative to the repository and stay inside it");
      if (s["owns"]) d.owns = scalars(s["owns"], "owns");
      if (s["database"]) d.database = scalar(s["database"], "database");
      out.push_back(std::move(d));
    }
    return out;
  }

  std::vector<DatabaseDecl> databases(const YAML::Node& n) const {
    expect(n, YAML::NodeType::Sequence, "databases");
    std::vector<DatabaseDecl> out;
    for (const auto& db : n) {
      expect(db, YAML::NodeType::Map, "a database");
      keys(db, {"name", "readonly"}, "a database");
      if (!db["name"]) fail(db, "a database needs a name");
      DatabaseDecl d{scalar(db["name"], "name"), false};
      if (auto ro = db["readonly"]) d.readonly = boolean(ro, "readonly");
      out.push_back(std::move(d));
    }
    return out;
  }

  Severity severity(const YAML::Node& n) const {
    auto s = parse_severity(scalar(n, "a severity"));
    if (!s) fail(n, fmt::format("bad severity '{}' (expected off, info, warning or error)", n.Scalar()));
    return *s;
  }

  // An option takes what its default in the rule's YAML is: a list of strings, a
  // mapping of such lists, a whole number, true or false, or a string.
  void option_shape(const YAML::Node& value, const YAML::Node& like, const std::string& what) const {
    auto is_bool = [](const YAML::Node& n) { return n.Scalar() == "true" || n.Scalar() == "false"; };
    auto is_int = [](const YAML::Node& n) {
      const std::string& t = n.Scalar();
      return !t.empty() && t.find_first_not_of("0123456789", t[0] == '-' ? 1 : 0) == std::string::npos;
    };
    switch (like.Type()) {
      case YAML::NodeType::Sequence: {
        expect(value, YAML::NodeType::Sequence, what);
        YAML::Node item = like.size() ? like[0] : YAML::Node("text");  // empty default: a list of strings
        for (const auto& v : value) option_shape(v, item, what + ": each entry");
        return;
      }
      case YAML::NodeType::Map:
        expect(value, YAML::NodeType::Map, what);
        if (like.size() == 0) return;
        for (const auto& kv : value) {
          YAML::Node known = like[kv.first.Scalar()];
          option_shape(kv.second, known ? known : like.begin()->second, fmt::format("{}: '{}'", what, kv.first.Scalar()));
        }
        return;
      case YAML::NodeType::Scalar:
        expect(value, YAML::NodeType::Scalar, what);
        if (is_bool(like) && !is_bool(value)) fail(value, fmt::format("{} must be true or false, not '{}'", what, value.Scalar()));
        if (is_int(like) && !is_int(value)) fail(value, fmt::format("{} must be a whole number, not '{}'", what, value.Scalar()));
        return;
      default:
        return;
    }
  }

  std::map<std::string, RuleSettings> rules(const YAML::Node& n) const {
    expect(n, YAML::NodeType::Map, "rules");
    if (!catalog_) return {};
    std::map<std::string, RuleSettings> out;
    for (const auto& kv : n) {
      std::string id = kv.first.Scalar();
      if (skip_local_ && id.rfind("local/", 0) == 0) continue;
      const RuleInfo* rule = catalog_->find(id);
      if (!rule && id.rfind("local/", 0) == 0)
        fail(kv.first, fmt::format("unknown rule '{}': no rule file in the repository declares it (see `svc rules`)", id));
      if (!rule) fail(kv.first, fmt::format("unknown rule '{}' (see `svc rules`)", id));
      RuleSettings settings;
      const YAML::Node& v = kv.second;
      if (v.IsScalar()) {
        settings.severity = severity(v);
      } else if (v.IsMap()) {
        settings.options = YAML::Node(YAML::NodeType::Map);
        for (const auto& opt : v) {
          std::string key = opt.first.Scalar();
          if (key == "severity") {
            settings.severity = severity(opt.second);
          } else if (key == "fail") {
            settings.fail = boolean(opt.second, "fail");
          } else if (rule->options[key]) {
            option_shape(opt.second, rule->options[key], fmt::format("option '{}' of rule {}", key, id));
            settings.options[key] = opt.second;
          } else {
            std::string known = "severity, fail";
            for (const auto& o : rule->options) known += ", " + o.first.Scalar();
            fail(opt.first, fmt::format("unknown option '{}' for rule {} (expected one of: {})", key, id, known));
          }
        }
      } else {
        fail(v, fmt::format("rule {} takes a severity or a mapping", id));
      }
      out[id] = std::move(settings);
    }
    return out;
  }

 private:
  std::string file_;
  const RuleCatalog* catalog_;  // null: `rules:` is checked later (check_rule_settings)
  bool skip_local_ = false;
};

}  // namespace


namespace {

Config parse_with(const std::string& text, const std::string& display_path, const RuleCatalog* catalog) {
  if (yaml_expands_beyond(text)) throw ConfigError(display_path, 1, 1, fmt::format("YAML aliases here expand to more than {} nodes", kMaxYamlNodes));
  std::vector<YAML::Node> documents;
  try {
    for (auto& node : load_yaml_stream(text))  // never YAML::LoadAll: see there
      if (!node.IsNull() || documents.empty()) documents.push_back(node);
  } catch (const YAML::Exception& e) {
    throw ConfigError(display_path, e.mark.line + 1, e.mark.column + 1, e.msg);
  }
  if (documents.size() > 1) {
    YAML::Mark at = documents[1].Mark();
    throw ConfigError(display_path, at.line + 1, at.column + 1,
                      "a second YAML document: the configuration is one document (remove the `---`)");
  }
  YAML::Node root = documents.empty() ? YAML::Node() : documents[0];
  Validator validator(display_path, catalog);
  validator.unique_keys(root);
  return validator.run(root);
}

InputFile read_config_file(const std::string& path, const std::string& inside) {
  InputFile in = read_input_file(path, inside);
  if (!in.ok()) throw ConfigError(path, 1, 1, "cannot read the configuration file: " + in.error);
  return in;
}

}  // namespace

Config parse_config(const std::string& text, const std::string& display_path, const RuleCatalog& catalog) {
  return parse_with(text, display_path, &catalog);
}

Config load_config(const std::string& path, const RuleCatalog& catalog, const std::string& inside) {
  return parse_config(read_config_file(path, inside).text, path, catalog);
}

Config load_config_layout(const std::string& path, const std::string& inside) {
  return parse_with(read_config_file(path, inside).text, path, nullptr);
}

void check_rule_settings(Config& config, const RuleCatalog& catalog, bool skip_local) {
  if (config.rules_yaml.IsMap()) config.rules = Validator(config.file, &catalog, skip_local).rules(config.rules_yaml);
}

}  // namespace svc::engine
