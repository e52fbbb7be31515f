#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

#include "checks/core/source_file.h"

namespace svc::engine {

// How deep a syntax tree may nest before a file is left out. Every walk over a tree
// (ours, and tree-sitter's query cursor) recurses or keeps state per level, so a
// crafted file of tens of thousands of nested calls or `1+1+...` would exhaust the
// stack; real code stays far below (medusa, novu and four smaller repositories: at
// most 102 levels, in a bundled Yarn plugin).
inline constexpr int kMaxSyntaxDepth = 500;

// The time one file may take to parse (tree-sitter's own timeout).
inline constexpr std::uint64_t kParseBudgetMicros = 10'000'000;

// Whether the tree below `root` is more than `limit` levels deep (an iterative walk).
bool nested_deeper_than(TSNode root, int limit);

// The grammar compiled in for a language, or nullptr.
const TSLanguage* grammar_for(Language lang);

// A tree-sitter parse of one file. Parse errors are normal (the TypeScript grammar
// leaves error nodes in some valid files): checks work with whatever parsed.
class SyntaxTree {
 public:
  // Null when the file has no grammar, or when `cancel` was set during the parse.
  static std::unique_ptr<SyntaxTree> parse(const SourceFile& file, const std::atomic<std::size_t>* cancel = nullptr);
  ~SyntaxTree();
  SyntaxTree(const SyntaxTree&) = delete;
  SyntaxTree& operator=(const SyntaxTree&) = delete;

  const SourceFile& file() const { return file_; }
  TSNode root() const { return ts_tree_root_node(tree_); }
  std::string_view text(TSNode node) const;
  Position start(TSNode node) const { return file_.position_of(ts_node_start_byte(node)); }
  Position end(TSNode node) const { return file_.position_of(ts_node_end_byte(node)); }

 private:
  SyntaxTree(const SourceFile& file, TSTree* tree) : file_(file), tree_(tree) {}
  const SourceFile& file_;
  TSTree* tree_;
};

// Node type name as a string_view, for comparisons.
inline std::string_view node_type(TSNode node) { return ts_node_type(node); }
// The named child for a grammar field ("function", "arguments"), possibly null.
TSNode field(TSNode node, const char* name);
// For string literals: the content without quotes; nullopt for anything else
// (including template strings with substitutions).
std::optional<std::string> string_value(const SyntaxTree& tree, TSNode node);

}  // namespace svc::engine
