#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace svc::engine {

enum class Language {
  unknown, typescript, tsx, javascript, python, go, sql, dockerfile, yaml, json, toml, prisma, text
};

std::string_view to_string(Language lang);
// What a rule's `languages:` entry names, by to_string(): `typescript` covers TSX too.
// Empty for a name that is no language.
std::vector<Language> rule_languages_named(std::string_view name);
// Classifies by file name alone; content is never needed to pick a language.
Language classify_path(std::string_view relative_path);
bool is_code(Language lang);  // a language tree-sitter parses into a syntax tree

struct Position {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in Unicode code points
};

struct SourceSpan {
  Position begin, end;
};

// Tests, specs and their fixtures (`tests/`, `*.test.ts`, `test_*.py`, conftest.py,
// `*_test.go`, Go's `testdata/`):
// they never count as serving routes or owning tables.
bool is_test_path(const std::string& path);

inline constexpr std::size_t kMaxSnippetBytes = 1024;

// One readable UTF-8 text file of the workspace, loaded once and shared read-only
// by every check that looks at it.
class SourceFile {
 public:
  SourceFile(std::string path, Language language, std::string text);

  const std::string& path() const { return path_; }  // relative to the root, '/'-separated
  Language language() const { return language_; }
  const std::string& text() const { return text_; }

  int line_count() const { return static_cast<int>(line_starts_.size()); }
  std::string_view line(int line_number) const;  // 1-based, without the newline
  // The line for a report's snippet: "" when it is longer than kMaxSnippetBytes (a
  // minified bundle's one line), which no reader wants repeated under every finding.
  std::string snippet(int line_number) const;
  Position position_of(std::size_t byte_offset) const;
  std::size_t offset_of(int line, int byte_column_1based = 1) const;

 private:
  static constexpr std::size_t kCodePointBlock = 256;
  std::size_t code_points_to(std::size_t offset) const;

  std::string path_;
  Language language_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
  std::vector<std::uint32_t> code_points_before_;  // code points before each kCodePointBlock-byte block
};

}  // namespace svc::engine
