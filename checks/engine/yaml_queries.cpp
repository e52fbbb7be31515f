#include "checks/engine/yaml_queries.h"

#include <stdexcept>

#include <fmt/format.h>

namespace svc::engine {

const Query& LazyQuery::get(Language lang) const {
  Slot& slot = slots_[static_cast<std::size_t>(lang)];
  std::call_once(slot.once, [&] {
    try {
      slot.query = std::make_unique<Query>(lang, source_);
    } catch (const QueryError& e) {
      throw std::logic_error(fmt::format("rules/{}.yaml: query for {}: {}", rule_, to_string(lang), e.what()));
    }
  });
  return *slot.query;
}

std::shared_ptr<LazyQuery> QueryPool::get(const std::string& source) {
  auto& slot = queries_[source];
  if (!slot) slot = std::make_shared<LazyQuery>(rule_, source);
  return slot;
}

std::set<Language> yaml_languages(const YAML::Node& list, const std::vector<Language>& fallback) {
  if (!list) return {fallback.begin(), fallback.end()};
  std::set<Language> out;
  for (const auto& item : list) {
    std::string name = item.as<std::string>();
    for (Language l : {Language::typescript, Language::tsx, Language::javascript, Language::python, Language::sql})
      if (to_string(l) == name) out.insert(l);
    if (name == "typescript") out.insert(Language::tsx);
  }
  return out;
}

void YamlQuery::for_each(const SyntaxTree& tree, const std::function<void(const QueryMatch&)>& fn) const {
  Language lang = tree.file().language();
  if (applies(lang)) query->get(lang).for_each(tree, fn);
}

std::vector<YamlQuery> yaml_queries(const YAML::Node& list, QueryPool& pool) {
  std::vector<YamlQuery> out;
  for (const auto& entry : list)
    out.push_back({yaml_languages(entry["languages"]), pool.get(entry["query"].as<std::string>())});
  return out;
}

}  // namespace svc::engine
