#pragma once
// YAML aliases share a node, so a kilobyte of `&a [*b, *b, ...]` stands for billions
// of nodes; anything that walks the document (every reader of ours does) then never
// ends. Every YAML text svc reads is measured first, from the parser's events, without
// building the expansion.
#include <cstddef>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

namespace svc::engine {

// Nodes a YAML document may stand for once its aliases are expanded.
inline constexpr std::size_t kMaxYamlNodes = 1'000'000;

// Every document of a YAML stream, as YAML::LoadAll gives them (it throws
// YAML::Exception for a broken stream). yaml-cpp 0.7's LoadAll never returns on some
// inputs (a lone `,`, found by fuzzing): it keeps finding empty documents. The stream is
// first walked by events and its documents counted against the `---` and `...` lines
// that can begin them; one that runs past them is read document by document instead.
std::vector<YAML::Node> load_yaml_stream(const std::string& text);

// The documents of a stream as texts, each padded with the newlines before it so
// positions keep their lines (at most kMaxYamlDocuments): for a stream that cannot be
// read whole, a broken one or one that would not end.
inline constexpr std::size_t kMaxYamlDocuments = 1000;
std::vector<std::string> yaml_document_texts(const std::string& text);

// Whether `text` stands for more than `limit` nodes with its aliases expanded (counted
// over all its documents). Text the parser rejects is not counted: its reader reports it.
bool yaml_expands_beyond(const std::string& text, std::size_t limit = kMaxYamlNodes);

}  // namespace svc::engine
