#include "checks/dockerfile/dockerfile_lexer.h"
#include "common/ascii.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "checks/dockerfile/dockerfile_arguments.h"

namespace svc::engine::docker {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string_view trim_left(std::string_view s) {
  auto b = s.find_first_not_of(" \t");
  return b == std::string_view::npos ? std::string_view{} : s.substr(b);
}

bool is_comment(std::string_view line) {
  std::string_view t = trim_left(line);
  return !t.empty() && t[0] == '#';
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool opens_heredocs(std::string_view keyword) {
  return keyword == "RUN" || keyword == "COPY" || keyword == "ADD";
}

class Lexer {
 public:
  explicit Lexer(const SourceFile& file) : file_(file) {}

  LexedFile run() {
    bool directives_open = true;
    while (n_ <= file_.line_count()) {
      std::string_view line = text(n_);
      // Directives only count at the very top; the first other line ends them.
      if (directives_open && read_directive(line)) {
        ++n_;
        continue;
      }
      directives_open = false;
      if (trim_left(line).empty() || is_comment(line)) {
        ++n_;
        continue;
      }
      read_instruction();
    }
    return std::move(out_);
  }

 private:
  std::string_view text(int n) const {
    std::string_view line = file_.line(n);
    if (n == 1 && line.substr(0, kBom.size()) == kBom) line.remove_prefix(kBom.size());
    return line;
  }

  std::size_t start(int n) const {
    std::size_t at = file_.offset_of(n);
    return n == 1 && file_.line(1).substr(0, kBom.size()) == kBom ? at + kBom.size() : at;
  }

  std::size_t line_end(int n) const { return start(n) + text(n).size(); }

  // `# escape=`` or `# syntax=docker/dockerfile:1`. Unknown directives are plain
  // comments and, as in BuildKit, end the directive block.
  bool read_directive(std::string_view line) {
    std::string_view t = trim_left(line);
    if (t.empty() || t[0] != '#') return false;
    t = trim(t.substr(1));
    std::size_t k = 0;
    while (k < t.size() && is_name_char(t[k])) ++k;
    std::string key = ascii_lower(t.substr(0, k));
    std::string_view rest = trim(t.substr(k));
    if (key.empty() || rest.empty() || rest[0] != '=') return false;
    std::string_view value = trim(rest.substr(1));
    if (value.empty() || (key != "escape" && key != "syntax" && key != "check")) return false;
    if (!seen_.insert(key).second) {
      out_.problems.push_back(fmt::format("line {}: the {} directive is given twice", n_, key));
    } else if (key == "escape") {
      if (value == "\\" || value == "`") out_.escape = value[0];
      else out_.problems.push_back(fmt::format("line {}: invalid escape character '{}'", n_, value));
    } else if (key == "syntax") {
      out_.syntax = std::string(value);
    }
    return true;
  }

  // Removes a trailing escape character (plus blanks after it); true if there was one.
  bool strip_continuation(std::string& s) const {
    auto last = s.find_last_not_of(" \t");
    if (last == std::string::npos || s[last] != out_.escape) return false;
    s.resize(last);
    return true;
  }

  void read_instruction() {
    RawInstruction raw;
    std::string_view first = text(n_);
    std::size_t lead = first.size() - trim_left(first).size();
    raw.begin = start(n_) + lead;
    raw.line = raw.end_line = n_;
    raw.text = std::string(first.substr(lead));
    bool more = strip_continuation(raw.text);
    ++n_;
    // BuildKit drops comment lines and blank lines inside a continuation.
    while (more && n_ <= file_.line_count()) {
      std::string_view next = text(n_++);
      if (is_comment(next) || trim_left(next).empty()) continue;
      std::string piece(next);
      more = strip_continuation(piece);
      raw.text += piece;
      raw.end_line = n_ - 1;
    }
    raw.end = line_end(raw.end_line);
    read_heredocs(raw);
    out_.instructions.push_back(std::move(raw));
  }

  void read_heredocs(RawInstruction& raw) {
    if (raw.text.find("<<") == std::string::npos) return;
    std::vector<std::string> words = split_words(raw.text, '\\');
    if (words.empty() || !opens_heredocs(to_upper(words[0]))) return;
    for (std::size_t i = 1; i < words.size(); ++i) {
      std::optional<Heredoc> doc = heredoc_marker(words[i]);
      if (!doc) continue;
      read_heredoc_body(*doc);
      if (!doc->terminated)
        out_.problems.push_back(fmt::format("line {}: unterminated heredoc <<{}", raw.line, doc->delimiter));
      raw.heredocs.push_back(std::move(*doc));
    }
  }

  void read_heredoc_body(Heredoc& doc) {
    doc.begin = n_ <= file_.line_count() ? start(n_) : file_.text().size();
    doc.end = doc.begin;
    while (n_ <= file_.line_count()) {
      std::string_view line = text(n_);
      doc.end = line_end(n_++);
      std::string_view candidate = line;
      if (doc.strip_tabs) candidate.remove_prefix(std::min(candidate.find_first_not_of('\t'), candidate.size()));
      if (candidate == doc.delimiter) {
        doc.terminated = true;
        return;
      }
      doc.body.append(line).push_back('\n');
    }
  }

  const SourceFile& file_;
  LexedFile out_;
  int n_ = 1;
  std::set<std::string> seen_;
};

}  // namespace

LexedFile lex(const SourceFile& file) { return Lexer(file).run(); }

}  // namespace svc::engine::docker
