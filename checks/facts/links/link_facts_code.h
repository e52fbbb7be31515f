#pragma once
// What the JavaScript/TypeScript and Python link extractors share.
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

#include "checks/facts/links/link_facts.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::engine {

void extract_js_links(const SyntaxTree& tree, LinkFacts& out);
void extract_python_links(const SyntaxTree& tree, LinkFacts& out);

// The constant head of a string literal: the whole of a plain string, the text before
// the first substitution of a template or f-string (`http://orders:3000/v1/${id}`
// still names its host).
std::string literal_head(const SyntaxTree& tree, TSNode string_node);

// Records a literal that is a database URL or an HTTP URL naming an internal host.
void add_url_literal(const SyntaxTree& tree, TSNode string_node, LinkFacts& out);

// Records a read of an environment variable or settings field, if its name says it
// holds another service's address.
void add_env_read(std::string_view name, const SourceSpan& span, LinkFacts& out);

}  // namespace svc::engine
