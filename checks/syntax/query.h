#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <tree_sitter/api.h>

#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

// A query that does not compile. `offset` is the byte of the query text where
// tree-sitter stopped, so a rule file can point at the line.
struct QueryError : std::runtime_error {
  explicit QueryError(const std::string& what, uint32_t at = 0) : std::runtime_error(what), offset(at) {}
  uint32_t offset;
};

// A query stopped because the file's time budget for its rule ran out (see QueryBudget).
struct QueryTimeout : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// While one lives on a thread, queries run on that thread stop with QueryTimeout once
// `micros` have passed: a rule's query is bounded in time per file, whoever wrote it.
// Thread-local so checks need not carry a clock through their interface.
class QueryBudget {
 public:
  explicit QueryBudget(std::uint64_t micros);
  ~QueryBudget();
  QueryBudget(const QueryBudget&) = delete;
  QueryBudget& operator=(const QueryBudget&) = delete;

 private:
  std::int64_t previous_;
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
  // Every capture name the query uses, without the '@'.
  const std::vector<std::string>& capture_names() const { return capture_names_; }
  // The capture names pattern `pattern` uses.
  std::vector<std::string> pattern_captures(uint32_t pattern) const;
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
