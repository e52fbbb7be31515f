#include "checks/dockerfile/dockerfile_arguments.h"
#include "common/ascii.h"

#include <nlohmann/json.hpp>

namespace svc::engine::docker {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads one flag word starting at `i`, removing quotes and backslash escapes as
// BuildKit does (flags always use a backslash, whatever the escape directive says).
std::string read_flag_word(std::string_view text, std::size_t& i) {
  std::string word;
  char quote = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (!quote && is_space(c)) break;
    if (quote && c == quote) {
      quote = 0;
      continue;
    }
    if (!quote && (c == '\'' || c == '"')) {
      quote = c;
      continue;
    }
    if (c == '\\' && i + 1 < text.size()) c = text[++i];
    word += c;
  }
  return word;
}

}  // namespace

std::string to_upper(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

std::vector<std::string> split_words(std::string_view text, char escape) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  char quote = 0;
  auto flush = [&] {
    if (in_word && (quoted || !word.empty())) words.push_back(word);
    word.clear();
    in_word = quoted = false;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quote) {
      // Inside single quotes nothing is escaped.
      if (c == escape && quote != '\'' && i + 1 < text.size()) {
        word += c;
        c = text[++i];
      } else if (c == quote) {
        quote = 0;
      }
      word += c;
      continue;
    }
    if (is_space(c)) {
      flush();
      continue;
    }
    in_word = true;
    if (c == '\'' || c == '"') quote = c, quoted = true;
    if (c == escape) {
      if (i + 1 == text.size()) continue;
      word += c;
      c = text[++i];
    }
    word += c;
  }
  flush();
  return words;
}

std::string unquote(std::string_view word, char escape) {
  std::string out;
  char quote = 0;
  for (std::size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    bool has_next = i + 1 < word.size();
    if (quote == '\'') {
      if (c == '\'') quote = 0;
      else out += c;
    } else if (quote == '"') {
      char next = has_next ? word[i + 1] : 0;
      if (c == '"') quote = 0;
      else if (c == escape && (next == '"' || next == '$' || next == escape)) out += word[++i];
      else out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == escape) {
      if (has_next) out += word[++i];
    } else {
      out += c;
    }
  }
  return out;
}

std::string_view extract_flags(std::string_view text, std::vector<Flag>& flags) {
  std::size_t i = 0;
  for (;;) {
    while (i < text.size() && is_space(text[i])) ++i;
    if (text.substr(i, 2) != "--") return text.substr(i);
    std::string word = read_flag_word(text, i);
    if (word == "--") return trim(text.substr(i));  // `--` ends the flags
    std::string body = word.substr(2);
    auto eq = body.find('=');
    if (eq == std::string::npos) flags.push_back({body, ""});
    else flags.push_back({body.substr(0, eq), body.substr(eq + 1)});
  }
}

void parse_command(std::string_view text, Instruction& ins) {
  std::string_view t = trim(text);
  ins.command = std::string(t);
  ins.exec.clear();
  if (t.empty()) {
    ins.form = CommandForm::none;
    return;
  }
  if (t.front() == '[') {
    auto json = nlohmann::json::parse(t.begin(), t.end(), nullptr, /*allow_exceptions=*/false);
    if (!json.is_discarded() && json.is_array()) {
      // A valid array of non-strings is a build error in Docker, not shell form.
      ins.form = CommandForm::exec;
      for (const auto& item : json) ins.exec.push_back(item.is_string() ? item.get<std::string>()
                                         : item.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
    }
  }
  ins.form = CommandForm::shell;
}

std::vector<Assignment> parse_assignments(std::string_view text, char escape, bool legacy_form) {
  std::vector<std::string> words = split_words(text, escape);
  std::vector<Assignment> out;
  if (words.empty()) return out;
  if (legacy_form && words[0].find('=') == std::string::npos) {
    // `ENV NAME value with spaces`: the value is the rest of the line.
    std::string_view t = trim(text);
    auto gap = t.find_first_of(" \t");
    Assignment a{std::string(t.substr(0, gap)), "", gap != std::string_view::npos, std::nullopt};
    if (a.has_value) a.raw_value = std::string(trim(t.substr(gap)));
    out.push_back(std::move(a));
    return out;
  }
  for (const auto& word : words) {
    auto eq = word.find('=');
    if (eq == std::string::npos) out.push_back({word, "", false, std::nullopt});
    else out.push_back({word.substr(0, eq), word.substr(eq + 1), true, std::nullopt});
  }
  return out;
}

std::optional<Heredoc> heredoc_marker(std::string_view word) {
  std::size_t i = 0;
  while (i < word.size() && is_digit(word[i])) ++i;  // `2<<EOF` names a file descriptor
  if (word.substr(i, 2) != "<<") return std::nullopt;
  i += 2;
  Heredoc doc;
  doc.strip_tabs = i < word.size() && word[i] == '-';
  if (doc.strip_tabs) ++i;
  std::string_view rest = word.substr(i);
  if (rest.empty() || rest.find('<') != std::string_view::npos) return std::nullopt;  // `<<<` is not one
  doc.quoted = rest.find_first_of("'\"") != std::string_view::npos;
  doc.delimiter = unquote(rest, '\\');
  if (doc.delimiter.empty()) return std::nullopt;
  return doc;
}

}  // namespace svc::engine::docker
