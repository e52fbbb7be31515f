#include "checks/core/source_file.h"

#include <algorithm>

#include <re2/re2.h>

namespace svc::engine {

std::string_view to_string(Language lang) {
  switch (lang) {
    case Language::typescript: return "typescript";
    case Language::tsx: return "tsx";
    case Language::javascript: return "javascript";
    case Language::python: return "python";
    case Language::go: return "go";
    case Language::sql: return "sql";
    case Language::dockerfile: return "dockerfile";
    case Language::yaml: return "yaml";
    case Language::json: return "json";
    case Language::toml: return "toml";
    case Language::prisma: return "prisma";
    case Language::text: return "text";
    case Language::unknown: break;
  }
  return "unknown";
}

std::vector<Language> rule_languages_named(std::string_view name) {
  for (Language l : {Language::typescript, Language::tsx, Language::javascript, Language::python, Language::go,
                     Language::sql, Language::dockerfile, Language::yaml, Language::json, Language::toml,
                     Language::prisma, Language::text})
    if (to_string(l) == name) return l == Language::typescript ? std::vector<Language>{l, Language::tsx} : std::vector<Language>{l};
  return {};
}

namespace {
bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
}  // namespace

Language classify_path(std::string_view path) {
  auto slash = path.rfind('/');
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name == "Dockerfile" || name == "Containerfile" || starts_with(name, "Dockerfile.") ||
      name.ends_with(".Dockerfile") || name.ends_with(".dockerfile"))
    return Language::dockerfile;
  if (name.ends_with(".d.ts")) return Language::typescript;
  struct Ext { std::string_view ext; Language lang; };
  static constexpr Ext table[] = {
      {".ts", Language::typescript}, {".mts", Language::typescript}, {".cts", Language::typescript},
      {".tsx", Language::tsx},       {".js", Language::javascript},  {".jsx", Language::javascript},
      {".mjs", Language::javascript}, {".cjs", Language::javascript}, {".py", Language::python},
      {".go", Language::go},
      {".sql", Language::sql},       {".yaml", Language::yaml},      {".yml", Language::yaml},
      {".json", Language::json},     {".toml", Language::toml},      {".prisma", Language::prisma}, {".txt", Language::text},
      {".cfg", Language::text},      {".ini", Language::text},       {".env", Language::text},
  };
  for (const auto& e : table)
    if (name.ends_with(e.ext)) return e.lang;
  if (name == ".env" || starts_with(name, ".env.")) return Language::text;
  return Language::unknown;
}

bool is_code(Language lang) {
  return lang == Language::typescript || lang == Language::tsx || lang == Language::javascript ||
         lang == Language::python || lang == Language::go;
}

SourceFile::SourceFile(std::string path, Language language, std::string text)
    : path_(std::move(path)), language_(language), text_(std::move(text)) {
  line_starts_.push_back(0);
  code_points_before_.reserve(text_.size() / kCodePointBlock + 1);
  std::uint32_t code_points = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (i % kCodePointBlock == 0) code_points_before_.push_back(code_points);
    unsigned char c = static_cast<unsigned char>(text_[i]);
    if ((c & 0xC0) != 0x80) ++code_points;
    if (c == '\n' && i + 1 < text_.size()) line_starts_.push_back(i + 1);
  }
}

// Code points before `offset`: the block's count, then at most a block's bytes.
std::size_t SourceFile::code_points_to(std::size_t offset) const {
  std::size_t block = offset / kCodePointBlock;
  if (block >= code_points_before_.size()) block = code_points_before_.empty() ? 0 : code_points_before_.size() - 1;
  std::size_t count = code_points_before_.empty() ? 0 : code_points_before_[block];
  for (std::size_t i = block * kCodePointBlock; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++count;
  return count;
}

std::string_view SourceFile::line(int n) const {
  if (n < 1 || n > line_count()) return {};
  std::size_t begin = line_starts_[n - 1];
  // The next line's start is just past this line's newline: no search along the line.
  std::size_t end = n < line_count() ? line_starts_[n] - 1 : text_.size();
  if (end == text_.size() && end > begin && text_[end - 1] == '\n') --end;
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

Position SourceFile::position_of(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  int line = static_cast<int>(it - line_starts_.begin());
  std::size_t begin = line_starts_[line - 1];
  // Columns count code points. Counted from the line's start, a position on a 2 MiB
  // minified line cost 2 MiB: from the nearest block, at most kCodePointBlock bytes.
  int column = 1 + static_cast<int>(code_points_to(offset) - code_points_to(begin));
  return {line, column};
}

std::size_t SourceFile::offset_of(int line, int byte_column) const {
  if (line < 1) return 0;
  if (line > line_count()) return text_.size();
  return std::min(text_.size(), line_starts_[line - 1] + static_cast<std::size_t>(byte_column - 1));
}

std::string SourceFile::snippet(int n) const {
  std::string_view l = line(n);
  return l.size() > kMaxSnippetBytes ? std::string() : std::string(l);
}

bool is_test_path(const std::string& path) {
  static const RE2 test(R"((^|/)(tests?|__tests__|spec|e2e)/|\.(test|spec)\.[cm]?[jt]sx?$)"
                        R"(|(^|/)test_[^/]*\.py$|_test\.py$|(^|/)conftest\.py$|_test\.go$|(^|/)testdata/)");
  return RE2::PartialMatch(path, test);
}

}  // namespace svc::engine
