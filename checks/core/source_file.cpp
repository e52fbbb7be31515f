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
         lang == Language::python;
}

SourceFile::SourceFile(std::string path, Language language, std::string text)
    : path_(std::move(path)), language_(language), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i)
    if (text_[i] == '\n' && i + 1 < text_.size()) line_starts_.push_back(i + 1);
}

std::string_view SourceFile::line(int n) const {
  if (n < 1 || n > line_count()) return {};
  std::size_t begin = line_starts_[n - 1];
  std::size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  if (end > begin && text_[end - 1] == '\r') --end;
  return std::string_view(text_).substr(begin, end - begin);
}

Position SourceFile::position_of(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  int line = static_cast<int>(it - line_starts_.begin());
  std::size_t begin = line_starts_[line - 1];
  int column = 1;
  for (std::size_t i = begin; i < offset; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;  // count code points
  return {line, column};
}

std::size_t SourceFile::offset_of(int line, int byte_column) const {
  if (line < 1) return 0;
  if (line > line_count()) return text_.size();
  return std::min(text_.size(), line_starts_[line - 1] + static_cast<std::size_t>(byte_column - 1));
}

bool is_test_path(const std::string& path) {
  static const RE2 test(R"((^|/)(tests?|__tests__|spec|e2e)/|\.(test|spec)\.[cm]?[jt]sx?$)"
                        R"(|(^|/)test_[^/]*\.py$|_test\.py$|(^|/)conftest\.py$)");
  return RE2::PartialMatch(path, test);
}

}  // namespace svc::engine
