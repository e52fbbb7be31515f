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

#include "checks/syntax/query.h"

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

// Several queries of one rule run as one: tree-sitter then walks a file's tree once
// instead of once per query. Compiled per language on first use, like LazyQuery.
class QueryBatch {
 public:
  explicit QueryBatch(std::string rule) : rule_(std::move(rule)) {}
  // Adds a query for `languages`; returns its index. Only before the first for_each.
  std::size_t add(std::set<Language> languages, std::string source);
  std::size_t size() const { return sources_.size(); }
  // Compiles the queries for `lang` now (a broken one throws, naming the rule).
  void prepare(Language lang) const;
  // Every match of the file's language, query by query in the order they were added,
  // each query's matches in document order.
  void for_each(const SyntaxTree& tree, const std::function<void(std::size_t query, const QueryMatch&)>& fn) const;

 private:
  struct Compiled {
    std::unique_ptr<Query> query;    // null when no query applies to the language
    std::vector<std::size_t> owner;  // per pattern of `query`: the index it was added as
  };
  struct Slot {
    std::once_flag once;
    Compiled compiled;
  };
  Compiled compile(Language lang) const;

  std::string rule_;
  std::vector<std::pair<std::set<Language>, std::string>> sources_;
  mutable std::array<Slot, static_cast<std::size_t>(Language::text) + 1> slots_;
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
