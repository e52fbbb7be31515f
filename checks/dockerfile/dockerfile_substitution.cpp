#include "checks/dockerfile/dockerfile_substitution.h"

namespace svc::engine::docker {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// maybe_unset: an ARG declared without a default, or a name a stage never declares:
// unset unless the build passes it (--build-arg) or the base image's ENV sets it.
enum class State { set, unset, unknown, maybe_unset };

struct Lookup {
  State state = State::unset;
  std::string value;
};

// A small recursive-descent reader of one word, modelled on BuildKit's shell lexer.
class Expander {
 public:
  Expander(std::string_view text, const Scope& scope, char escape) : text_(text), scope_(scope), escape_(escape) {}

  std::optional<std::string> run() {
    std::string out = word(0);
    if (unknown_) return std::nullopt;
    return out;
  }

 private:
  static constexpr int kMaxDepth = 32;  // nested ${...:-${...}}; deeper is treated as unknown
  // `ARG X2=${X1}${X1}`, `ARG X3=${X2}${X2}`, ... doubles a value per line: 26 lines took
  // gigabytes. A longer value is unknown, and so is everything built from it.
  static constexpr std::size_t kMaxValueBytes = 64 * 1024;

  bool more() const { return pos_ < text_.size(); }

  // Reads up to `stop` (outside quotes), or to the end when stop is 0.
  std::string word(char stop) {
    std::string out;
    while (more()) {
      char c = text_[pos_];
      if (stop && c == stop) return out;
      ++pos_;
      if (c == '\'') out += single_quoted();
      else if (c == '"') out += double_quoted();
      else if (c == escape_) { if (more()) out += text_[pos_++]; }
      else if (c == '$') out += dollar();
      else out += c;
      if (out.size() > kMaxValueBytes) return give_up();
    }
    return out;
  }

  std::string single_quoted() {
    std::string out;
    while (more() && text_[pos_] != '\'') out += text_[pos_++];
    if (more()) ++pos_;
    return out;
  }

  std::string double_quoted() {
    std::string out;
    while (more()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      char next = more() ? text_[pos_] : 0;
      if (c == escape_ && (next == '"' || next == '$' || next == escape_)) out += text_[pos_++];
      else if (c == '$') out += dollar();
      else out += c;
      if (out.size() > kMaxValueBytes) return give_up();
    }
    return out;
  }

  // A name, or only digits when it starts with one ($1 is a positional parameter).
  std::string name() {
    std::size_t b = pos_;
    bool digits = more() && text_[pos_] >= '0' && text_[pos_] <= '9';
    while (more() && is_name_char(text_[pos_]) && (!digits || (text_[pos_] >= '0' && text_[pos_] <= '9'))) ++pos_;
    return std::string(text_.substr(b, pos_ - b));
  }

  Lookup lookup(const std::string& n) const {
    for (const Values* values : {&scope_.env, &scope_.args}) {
      auto it = values->find(n);
      if (it == values->end()) continue;
      if (!it->second) return {values == &scope_.args ? State::maybe_unset : State::unknown, ""};
      return {State::set, *it->second};
    }
    return {scope_.undeclared_is_empty ? State::unset : State::maybe_unset, ""};
  }

  std::string value_of(const std::string& n) {
    Lookup v = lookup(n);
    if (v.state == State::unknown || v.state == State::maybe_unset) unknown_ = true;
    return v.value;
  }

  std::string dollar() {
    if (!more()) return "$";
    if (text_[pos_] != '{') {
      std::string n = name();
      return n.empty() ? "$" : value_of(n);
    }
    ++pos_;
    return braced();
  }

  // After `${`: NAME}, or NAME followed by a modifier and a word up to `}`.
  std::string braced() {
    std::string n = name();
    if (n.empty() || !more() || depth_ >= kMaxDepth) return give_up();
    char op = text_[pos_++];
    if (op == '}') return value_of(n);
    bool colon = op == ':';
    if (colon) {
      if (!more()) return give_up();
      op = text_[pos_++];
    }
    bool outer_unknown = unknown_;
    unknown_ = false;
    ++depth_;
    std::string alt = word('}');
    --depth_;
    bool alt_unknown = unknown_;
    unknown_ = outer_unknown;
    if (!more()) return give_up();  // no closing brace
    ++pos_;
    return apply(lookup(n), colon, op, alt, alt_unknown);
  }

  std::string apply(const Lookup& v, bool colon, char op, const std::string& alt, bool alt_unknown) {
    if (op != '-' && op != '+' && op != '?') return give_up();
    // `${U:-root}` where U has no value in the file: built as the file says (no
    // --build-arg, and a base image that does not happen to set U), the word is the
    // default. Judging that build is what makes `USER ${U:-root}` a root user.
    if (v.state == State::maybe_unset && op == '-') return use_default(alt, alt_unknown);
    if (v.state == State::unknown || v.state == State::maybe_unset) return give_up();
    bool set = v.state == State::set;
    bool present = colon ? set && !v.value.empty() : set;
    auto use_alt = [&] {
      unknown_ = unknown_ || alt_unknown;
      return alt;
    };
    if (op == '-') return present ? v.value : use_alt();
    if (op == '+') return present ? use_alt() : std::string();
    if (!present) unknown_ = true;  // `${X:?msg}` fails the build when X is missing
    return v.value;
  }

  std::string use_default(const std::string& alt, bool alt_unknown) {
    unknown_ = unknown_ || alt_unknown;
    return alt;
  }

  std::string give_up() {
    unknown_ = true;
    pos_ = text_.size();
    return "";
  }

  std::string_view text_;
  const Scope& scope_;
  char escape_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool unknown_ = false;
};

}  // namespace

std::optional<std::string> expand(std::string_view word, const Scope& scope, char escape) {
  return Expander(word, scope, escape).run();
}

}  // namespace svc::engine::docker
