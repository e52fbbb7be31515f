#pragma once
// Tree-sitter queries written in a rule's YAML. Each is compiled for a language the
// first time a file of that language needs it, so a rule's TypeScript queries cost
// nothing on a Python-only tree; one text is compiled once however often it is used.
#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/engine/query.h"

namespace svc::engine {

class LazyQuery {
 public:
  LazyQuery(std::string rule, std::string source) : rule_(std::move(rule)), source_(std::move(source)) {}
  // Throws std::logic_error naming the rule and language when the query is broken.
  const Query& get(Language lang) const;

 private:
  struct Slot {
    std::once_flag once;
    std::unique_ptr<Query> query;
  };
  std::string rule_, source_;
  mutable std::array<Slot, static_cast<std::size_t>(Language::text) + 1> slots_;
};

// Query texts of one rule, so YAML anchors that repeat a text share its compilation.
class QueryPool {
 public:
  explicit QueryPool(std::string rule) : rule_(std::move(rule)) {}
  std::shared_ptr<LazyQuery> get(const std::string& source);

 private:
  std::string rule_;
  std::map<std::string, std::shared_ptr<LazyQuery>> queries_;
};

// `languages: [typescript, python]` (typescript includes tsx); `fallback` when absent.
std::set<Language> yaml_languages(const YAML::Node& list, const std::vector<Language>& fallback = {});

// One `{languages, query}` entry of a rule's YAML.
struct YamlQuery {
  std::set<Language> languages;
  std::shared_ptr<LazyQuery> query;

  bool applies(Language lang) const { return languages.count(lang) > 0; }
  // Every match in the tree, if the entry applies to its language.
  void for_each(const SyntaxTree& tree, const std::function<void(const QueryMatch&)>& fn) const;
};

// The entries of a YAML list of `{languages, query}`.
std::vector<YamlQuery> yaml_queries(const YAML::Node& list, QueryPool& pool);

}  // namespace svc::engine
