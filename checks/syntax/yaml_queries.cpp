#include "checks/syntax/yaml_queries.h"

#include <algorithm>
#include <cstdint>
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

std::size_t QueryBatch::add(std::set<Language> languages, std::string source) {
  sources_.push_back({std::move(languages), std::move(source)});
  return sources_.size() - 1;
}

// One source text of the queries for `lang`, each pattern traced back to its query by
// where it starts. A query that does not compile is found alone, to name it.
QueryBatch::Compiled QueryBatch::compile(Language lang) const {
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> starts;  // (offset in text, query index)
  for (std::size_t i = 0; i < sources_.size(); ++i) {
    if (!sources_[i].first.count(lang)) continue;
    starts.push_back({text.size(), i});
    text += sources_[i].second + "\n";
  }
  Compiled out;
  if (starts.empty()) return out;
  try {
    out.query = std::make_unique<Query>(lang, text);
  } catch (const QueryError&) {
    for (const auto& [offset, i] : starts) LazyQuery(rule_, sources_[i].second).get(lang);  // throws, naming it
    throw;
  }
  for (uint32_t p = 0; p < out.query->pattern_count(); ++p) {
    uint32_t at = out.query->pattern_start_byte(p);
    auto it = std::upper_bound(starts.begin(), starts.end(), std::pair<std::size_t, std::size_t>{at, SIZE_MAX});
    out.owner.push_back(std::prev(it)->second);
  }
  return out;
}

void QueryBatch::prepare(Language lang) const {
  Slot& slot = slots_[static_cast<std::size_t>(lang)];
  std::call_once(slot.once, [&] { slot.compiled = compile(lang); });
}

void QueryBatch::for_each(const SyntaxTree& tree,
                          const std::function<void(std::size_t query, const QueryMatch&)>& fn) const {
  Language lang = tree.file().language();
  prepare(lang);
  const Slot& slot = slots_[static_cast<std::size_t>(lang)];
  if (!slot.compiled.query) return;
  std::vector<std::pair<std::size_t, QueryMatch>> matches;
  slot.compiled.query->for_each(tree, [&](const QueryMatch& m) {
    matches.push_back({slot.compiled.owner[m.pattern()], m});
  });
  std::stable_sort(matches.begin(), matches.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [query, m] : matches) fn(query, m);
}

std::set<Language> yaml_languages(const YAML::Node& list, const std::vector<Language>& fallback) {
  if (!list) return {fallback.begin(), fallback.end()};
  std::set<Language> out;
  for (const auto& item : list) {
    for (Language l : rule_languages_named(item.as<std::string>()))
      if (grammar_for(l)) out.insert(l);
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
