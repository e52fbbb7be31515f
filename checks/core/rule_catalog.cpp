#include "checks/core/rule_catalog.h"

#include <stdexcept>

#include <fmt/format.h>

#include "checks/core/embedded.h"

namespace svc::engine {
namespace {

std::vector<std::string> strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (node) for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

RuleInfo parse_rule(const EmbeddedRule& e) {
  YAML::Node y = YAML::Load(std::string(e.yaml));
  RuleInfo r;
  r.id = y["id"].as<std::string>();
  if (r.id != e.id) throw std::runtime_error(fmt::format("rules/{}.yaml declares id {}", e.id, r.id));
  r.name = y["name"].as<std::string>();
  auto sev = parse_severity(y["severity"].as<std::string>());
  if (!sev || *sev == Severity::off) throw std::runtime_error("bad severity in rules/" + r.id + ".yaml");
  r.severity = *sev;
  r.summary = y["summary"].as<std::string>();
  r.description = y["description"].as<std::string>();
  r.message = y["message"].as<std::string>();
  r.implementation = y["implementation"].as<std::string>();
  for (const auto& l : strings(y["languages"])) {
    auto named = rule_languages_named(l);
    if (named.empty()) throw std::runtime_error("unknown language in rule YAML: " + l);
    r.languages.insert(r.languages.end(), named.begin(), named.end());
  }
  r.prefilter = strings(y["prefilter"]);
  if (auto re = y["prefilter_regex"]) {
    RE2::Options options;
    options.set_log_errors(false);
    auto compiled = std::make_shared<RE2>(re.as<std::string>(), options);
    if (!compiled->ok()) throw std::runtime_error(fmt::format("rules/{}.yaml: prefilter_regex: {}", r.id, compiled->error()));
    r.prefilter_regex = compiled;
  }
  r.needs = strings(y["needs"]);
  r.options = y["options"] ? y["options"] : YAML::Node(YAML::NodeType::Map);
  r.spec = y;
  r.doc = std::string(e.doc);
  r.help_uri = fmt::format("{}/blob/main/docs/rules/{}.md", kRepositoryUrl, r.id);
  return r;
}

}  // namespace

const RuleCatalog& RuleCatalog::builtin() {
  static const RuleCatalog catalog = [] {
    RuleCatalog c;
    for (const auto& e : embedded_rules()) c.rules_.push_back(parse_rule(e));
    return c;
  }();
  return catalog;
}

RuleCatalog RuleCatalog::with_local(std::vector<RuleInfo> local) {
  RuleCatalog c = builtin();
  for (auto& r : local) c.rules_.push_back(std::move(r));
  return c;
}

const RuleInfo* RuleCatalog::find(const std::string& id) const {
  for (const auto& r : rules_)
    if (r.id == id) return &r;
  return nullptr;
}

std::vector<std::string> RuleCatalog::ids() const {
  std::vector<std::string> out;
  for (const auto& r : rules_) out.push_back(r.id);
  return out;
}

}  // namespace svc::engine
