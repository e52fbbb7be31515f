#pragma once
// YAML aliases share a node, so a kilobyte of `&a [*b, *b, ...]` stands for billions
// of nodes; anything that walks the document (every reader of ours does) then never
// ends. Every YAML text svc reads is measured first, from the parser's events, without
// building the expansion.
#include <cstddef>
#include <string>
#include <vector>

namespace svc::engine {

// Nodes a YAML document may stand for once its aliases are expanded.
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

// The documents of a YAML stream as texts, each padded with the newlines before it so
// positions keep their lines; a line starting with `---` begins a document. yaml-cpp
// 0.7's LoadAll and its event loop never end on some inputs (a lone `,`, found by
// fuzzing), so streams are split here and each document is read on its own.
std::vector<std::string> yaml_document_texts(const std::string& text);

// Whether `text` stands for more than `limit` nodes with its aliases expanded (counted
// over all its documents). Text the parser rejects is not counted: its reader reports it.
bool yaml_expands_beyond(const std::string& text, std::size_t limit = kMaxYamlNodes);

}  // namespace svc::engine
