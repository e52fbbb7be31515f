#pragma once
// How the signal extractors record what they see: a note kept short enough to read in a
// table row, and the span of the node that shows it. Order and duplicates are settled
// once, in extract_signal_facts.
#include <string>
#include <string_view>

#include <tree_sitter/api.h>

#include "checks/facts/signals/signal_facts.h"
#include "checks/syntax/code_syntax.h"

namespace svc::engine {

inline constexpr std::size_t kMaxNoteChars = 80;

inline std::string short_note(std::string_view note) {
  if (note.size() <= kMaxNoteChars) return std::string(note);
  std::size_t cut = kMaxNoteChars - 3;
  while (cut > 0 && (static_cast<unsigned char>(note[cut]) & 0xC0) == 0x80) --cut;  // not inside a UTF-8 sequence
  return std::string(note.substr(0, cut)) + "...";
}

inline void add_signal(SignalFacts& out, SignalKind kind, std::string_view note, SourceSpan span) {
  out.signals.push_back({kind, short_note(note), span});
}

inline void add_signal(SignalFacts& out, SignalKind kind, std::string_view note, const SyntaxTree& tree, TSNode at) {
  add_signal(out, kind, note, span_of(tree, at));
}

// A file-level signal on one line.
inline SourceSpan line_span(int line) { return {{line, 1}, {line, 1}}; }

// Extractors by kind of file (signal_facts.cpp picks one).
void extract_js_signals(const SyntaxTree& tree, SignalFacts& out);
void extract_python_signals(const SyntaxTree& tree, SignalFacts& out);
void extract_document_signals(const SourceFile& file, const SyntaxTree* tree,  // notebooks, go, JSON, YAML
                              SignalFacts& out);
bool document_wants_signals(const SourceFile& file);

}  // namespace svc::engine
