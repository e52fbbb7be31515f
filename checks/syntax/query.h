#pragma once
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

struct QueryError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// One match of a query: its captures by name.
class QueryMatch {
 public:
  // The first node captured under `name`, or a null node.
  TSNode operator[](std::string_view name) const;
  std::vector<TSNode> all(std::string_view name) const;
  uint32_t pattern() const { return pattern_; }

 private:
  friend class Query;
  uint32_t pattern_ = 0;
  std::vector<std::pair<std::string_view, TSNode>> captures_;
};

// A compiled tree-sitter query. The tree-sitter 0.20 core does not evaluate text
// predicates, so #eq?, #not-eq?, #match?, #not-match? and #any-of? are applied here
// (regexes with RE2). Immutable once built: safe to share between threads.
class Query {
 public:
  Query(Language lang, std::string_view source);
  ~Query();
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  void for_each(const SyntaxTree& tree, TSNode node, const std::function<void(const QueryMatch&)>& fn) const;
  uint32_t pattern_count() const;
  // Where pattern `pattern` starts in the query's source text.
  uint32_t pattern_start_byte(uint32_t pattern) const;
  void for_each(const SyntaxTree& tree, const std::function<void(const QueryMatch&)>& fn) const {
    for_each(tree, tree.root(), fn);
  }

 private:
  struct Predicate;
  bool predicates_hold(const SyntaxTree& tree, const TSQueryMatch& m) const;

  TSQuery* query_ = nullptr;
  std::vector<std::string> capture_names_;
  std::vector<std::vector<Predicate>> predicates_;  // per pattern
};

}  // namespace svc::engine
