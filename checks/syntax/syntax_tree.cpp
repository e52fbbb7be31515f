#include "checks/syntax/syntax_tree.h"

#include <cstring>
#include <optional>
#include <string>

extern "C" {
const TSLanguage* tree_sitter_typescript();
const TSLanguage* tree_sitter_tsx();
const TSLanguage* tree_sitter_javascript();
const TSLanguage* tree_sitter_python();
const TSLanguage* tree_sitter_go();
const TSLanguage* tree_sitter_sql();
const TSLanguage* tree_sitter_json();
}

namespace svc::engine {

const TSLanguage* grammar_for(Language lang) {
  switch (lang) {
    case Language::typescript: return tree_sitter_typescript();
    case Language::tsx: return tree_sitter_tsx();
    case Language::javascript: return tree_sitter_javascript();
    case Language::python: return tree_sitter_python();
    case Language::go: return tree_sitter_go();
    case Language::sql: return tree_sitter_sql();
    case Language::json: return tree_sitter_json();
    default: return nullptr;
  }
}

namespace {
// A parser per thread: TSParser is not thread-safe, and creating one per file is waste.
struct ParserHolder {
  TSParser* parser = ts_parser_new();
  ~ParserHolder() { ts_parser_delete(parser); }
};
}  // namespace

std::unique_ptr<SyntaxTree> SyntaxTree::parse(const SourceFile& file, const std::atomic<std::size_t>* cancel) {
  const TSLanguage* grammar = grammar_for(file.language());
  if (!grammar) return nullptr;
  thread_local ParserHolder holder;
  if (!ts_parser_set_language(holder.parser, grammar)) return nullptr;
  // tree-sitter polls a plain size_t (with an atomic load); std::atomic<size_t> is one.
  static_assert(sizeof(std::atomic<std::size_t>) == sizeof(std::size_t) && std::atomic<std::size_t>::is_always_lock_free);
  ts_parser_set_cancellation_flag(holder.parser, reinterpret_cast<const std::size_t*>(cancel));
  // A budget per file: parsing is about linear (a 2 MiB file takes well under 2 s), so
  // only a pathological input meets it, and then the file is left out, not the run.
  ts_parser_set_timeout_micros(holder.parser, kParseBudgetMicros);
  const std::string& text = file.text();
  TSTree* tree = ts_parser_parse_string(holder.parser, nullptr, text.data(), static_cast<uint32_t>(text.size()));
  if (!tree) return nullptr;
  return std::unique_ptr<SyntaxTree>(new SyntaxTree(file, tree));
}

SyntaxTree::~SyntaxTree() { ts_tree_delete(tree_); }

bool nested_deeper_than(TSNode root, int limit) {
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  int depth = 0;
  bool deeper = false;
  for (;;) {
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      if (++depth > limit) {
        deeper = true;
        break;
      }
      continue;
    }
    bool next = false;
    while (!(next = ts_tree_cursor_goto_next_sibling(&cursor)) && depth > 0) {
      ts_tree_cursor_goto_parent(&cursor);
      --depth;
    }
    if (!next) break;
  }
  ts_tree_cursor_delete(&cursor);
  return deeper;
}

std::string_view SyntaxTree::text(TSNode node) const {
  uint32_t b = ts_node_start_byte(node), e = ts_node_end_byte(node);
  return std::string_view(file_.text()).substr(b, e - b);
}

TSNode field(TSNode node, const char* name) {
  return ts_node_child_by_field_name(node, name, static_cast<uint32_t>(std::strlen(name)));
}

std::optional<std::string> string_value(const SyntaxTree& tree, TSNode node) {
  if (ts_node_is_null(node)) return std::nullopt;
  std::string_view type = node_type(node);
  // Go writes "..." as interpreted_string_literal and `...` as raw_string_literal.
  bool go = type == "interpreted_string_literal" || type == "raw_string_literal";
  if (type != "string" && type != "template_string" && !go) return std::nullopt;
  std::string_view text = tree.text(node);
  if (type == "template_string" && text.find("${") != std::string_view::npos) return std::nullopt;
  // Python strings may carry prefixes (r, b, f); an f-string with fields is not a constant.
  std::size_t q = text.find_first_of("'\"`");
  if (q == std::string_view::npos) return std::nullopt;
  std::string_view prefix = text.substr(0, q);
  if (prefix.find_first_of("fF") != std::string_view::npos && text.find('{') != std::string_view::npos)
    return std::nullopt;
  char quote = text[q];
  std::size_t width = text.substr(q, 3) == std::string(3, quote) ? 3 : 1;
  if (text.size() < q + 2 * width) return std::nullopt;
  return std::string(text.substr(q + width, text.size() - q - 2 * width));
}

}  // namespace svc::engine
