#include "checks/facts/links/link_facts_code.h"

#include "checks/facts/links/link_names.h"
#include "checks/facts/links/link_urls.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {

std::string literal_head(const SyntaxTree& tree, TSNode node) {
  if (auto plain = string_value(tree, node)) return *plain;
  std::string_view text = tree.text(node);
  std::size_t q = text.find_first_of("'\"`");
  if (q == std::string_view::npos) return {};
  bool fstring = text.substr(0, q).find_first_of("fF") != std::string_view::npos;
  char quote = text[q];
  std::size_t width = text.substr(q, 3) == std::string(3, quote) ? 3 : 1;
  std::string_view body = text.substr(q + width);
  std::size_t end = body.find(quote);
  std::size_t cut = quote == '`' ? body.find("${") : fstring ? body.find('{') : std::string_view::npos;
  return std::string(body.substr(0, std::min(cut, end)));
}

void add_url_literal(const SyntaxTree& tree, TSNode node, LinkFacts& out) {
  std::string_view raw = tree.text(node);
  if (raw.find("://") == std::string_view::npos || raw.size() > 2048) return;
  std::string head = literal_head(tree, node);
  auto first = head.find_first_not_of(" \t");
  if (first == std::string::npos) return;
  head = head.substr(first);
  if (looks_like_database_url(head)) {
    out.database_urls.push_back({strip_password(head), span_of(tree, node)});
  } else if (service_url_host(head)) {
    out.service_urls.push_back({strip_password(head.substr(0, 256)), span_of(tree, node)});
  }
}

void add_env_read(std::string_view name, const SourceSpan& span, LinkFacts& out) {
  std::string upper = upper_snake(name);
  if (service_address_stem(upper)) out.env_reads.push_back({std::move(upper), span});
}

}  // namespace svc::engine
