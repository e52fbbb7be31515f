#include "unit/facts/signals/signals_of.h"

#include <catch2/catch.hpp>

#include "checks/syntax/syntax_tree.h"

namespace svc::test {

std::vector<engine::Signal> signals_of(const std::string& path, const std::string& text) {
  engine::SourceFile file(path, engine::classify_path(path), text);
  if (!engine::wants_signal_facts(file)) return {};
  auto tree = engine::SyntaxTree::parse(file);
  if (engine::grammar_for(file.language())) REQUIRE(tree);
  engine::SignalFacts out;
  engine::extract_signal_facts(file, tree.get(), out);
  return out.signals;
}

std::vector<std::string> notes_of(const std::vector<engine::Signal>& signals, engine::SignalKind kind) {
  std::vector<std::string> out;
  for (const auto& s : signals)
    if (s.kind == kind) out.push_back(s.note);
  return out;
}

std::string describe(const std::vector<engine::Signal>& signals) {
  std::string out;
  for (const auto& s : signals)
    out += std::string(engine::to_string(s.kind)) + " " + std::to_string(s.span.begin.line) + " " + s.note + "\n";
  return out;
}

}  // namespace svc::test
