#include "checks/facts/next/next_facts.h"

#include <re2/re2.h>

#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

std::string_view to_string(TouchKind kind) {
  switch (kind) {
    case TouchKind::queue: return "queue";
    case TouchKind::http: return "http";
    case TouchKind::mail: return "mail";
  }
  return "";
}

std::string_view to_string(ProcedureType type) {
  switch (type) {
    case ProcedureType::query: return "query";
    case ProcedureType::mutation: return "mutation";
    case ProcedureType::subscription: return "subscription";
  }
  return "";
}

bool wants_next_facts(const SourceFile& file) {
  Language l = file.language();
  if ((l != Language::typescript && l != Language::tsx && l != Language::javascript) || is_test_path(file.path()))
    return false;
  // Before parsing: a directive, a segment config export, or something of tRPC's.
  static const RE2 mentions(
      R"(['"]use server['"]|export\s+const\s+(maxDuration|runtime|dynamic|revalidate|preferredRegion|fetchCache|)"
      R"(dynamicParams|config)\b|[pP]rocedure\b|[rR]outer\s*\(\s*\{|@trpc/)");
  std::string_view text = file.text();
  return RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), mentions);
}

void extract_next_facts(const SyntaxTree& tree, NextFacts& out) {
  extract_server_actions(tree, out);
  extract_segment_config(tree, out);
  extract_trpc(tree, out);
}

}  // namespace svc::engine
