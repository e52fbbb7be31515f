// Turns the lexer's logical lines into instructions and stages, and resolves ARG
// and ENV values with Docker's scoping: global ARGs (before the first FROM) are
// seen by FROM lines, and inside a stage only after a bare `ARG NAME`; ENV passes
// to stages built `FROM <alias>`, ARG does not.
#include "checks/dockerfile/dockerfile.h"
#include "common/ascii.h"

#include <algorithm>
#include <set>

#include <fmt/format.h>

#include "checks/dockerfile/dockerfile_arguments.h"
#include "checks/dockerfile/dockerfile_lexer.h"
#include "checks/dockerfile/dockerfile_substitution.h"

namespace svc::engine::docker {
namespace {

bool known_keyword(const std::string& kw) {
  static const std::set<std::string, std::less<>> known = {
      "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
      "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR"};
  return known.count(kw) > 0;
}

void parse_healthcheck(std::string_view rest, Instruction& ins) {
  rest = trim(rest);
  auto gap = rest.find_first_of(" \t");
  std::string sub = to_upper(rest.substr(0, gap));
  if (sub != "CMD" && sub != "NONE") return;
  ins.subcommand = sub;
  if (sub == "CMD") parse_command(gap == std::string_view::npos ? "" : rest.substr(gap), ins);
}

Instruction build_instruction(RawInstruction& raw, char escape) {
  Instruction ins;
  ins.begin = raw.begin;
  ins.end = raw.end;
  ins.line = raw.line;
  ins.end_line = raw.end_line;
  ins.heredocs = std::move(raw.heredocs);
  std::string_view text = trim(raw.text);
  auto gap = text.find_first_of(" \t");
  ins.keyword = to_upper(text.substr(0, gap));
  std::string_view rest = gap == std::string_view::npos ? "" : trim(text.substr(gap));
  rest = extract_flags(rest, ins.flags);
  ins.arguments = std::string(rest);
  if (ins.is("CMD") || ins.is("ENTRYPOINT") || ins.is("RUN")) parse_command(rest, ins);
  else if (ins.is("HEALTHCHECK")) parse_healthcheck(rest, ins);
  else if (ins.is("ENV") || ins.is("LABEL")) ins.assignments = parse_assignments(rest, escape, true);
  else if (ins.is("ARG")) ins.assignments = parse_assignments(rest, escape, false);
  return ins;
}

// Walks the instructions in order, keeping the variable scopes Docker would.
class Builder {
 public:
  explicit Builder(Dockerfile& df) : df_(df) {
    // BuildKit predefines these for FROM lines; their values depend on the build.
    for (const char* name : {"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT", "TARGETPLATFORM",
                             "TARGETOS", "TARGETARCH", "TARGETVARIANT"})
      global_.args[name] = std::nullopt;
    global_.undeclared_is_empty = true;
  }

  void add(Instruction ins) {
    if (!known_keyword(ins.keyword))
      df_.problems.push_back(fmt::format("line {}: unknown instruction {}", ins.line, ins.keyword));
    if (ins.is("FROM")) start_stage(ins);
    else if (df_.stages.empty()) before_first_from(ins);
    else in_stage(ins);
    df_.instructions.push_back(std::move(ins));
  }

 private:
  std::optional<std::string> expand_here(std::string_view word) const {
    return expand(trim(word), stage_, df_.escape);
  }

  void start_stage(Instruction& ins) {
    Stage st;
    st.index = static_cast<int>(df_.stages.size());
    st.from = df_.instructions.size();
    std::vector<std::string> words = split_words(ins.arguments, df_.escape);
    if (words.empty()) {
      df_.problems.push_back(fmt::format("line {}: FROM names no image", ins.line));
    } else {
      st.image = words[0];
      st.resolved_image = expand(words[0], global_, df_.escape);
    }
    if (words.size() >= 3 && ascii_lower(words[1]) == "as") st.name = ascii_lower(unquote(words[2], df_.escape));
    else if (words.size() > 1) df_.problems.push_back(fmt::format("line {}: FROM takes `image [AS name]`", ins.line));
    st.parent = stage_named(st.resolved_image);
    ins.stage = st.index;
    stage_ = Scope{st.parent >= 0 ? stage_env_[st.parent] : Values{}, {}, false};
    stage_env_.push_back(stage_.env);
    df_.stages.push_back(std::move(st));
  }

  int stage_named(const std::optional<std::string>& image) const {
    if (!image) return -1;
    std::string wanted = ascii_lower(*image);
    for (const auto& s : df_.stages)
      if (!s.name.empty() && s.name == wanted) return s.index;
    return -1;
  }

  void before_first_from(Instruction& ins) {
    if (!ins.is("ARG")) {
      df_.problems.push_back(fmt::format("line {}: {} before the first FROM", ins.line, ins.keyword));
      return;
    }
    for (auto& a : ins.assignments) {
      if (a.has_value) a.value = expand(a.raw_value, global_, df_.escape);
      global_.args[a.name] = a.value;
    }
  }

  void in_stage(Instruction& ins) {
    Stage& st = df_.stages.back();
    ins.stage = st.index;
    st.instructions.push_back(df_.instructions.size());
    if (ins.is("ENV") || ins.is("LABEL")) {
      // All values of one ENV see the variables as they were before it.
      for (auto& a : ins.assignments)
        if (a.has_value) a.value = expand_here(a.raw_value);
      for (const auto& a : ins.assignments) {
        if (!ins.is("ENV") || !a.has_value) continue;
        stage_.env[a.name] = a.value;
        stage_env_.back()[a.name] = a.value;
      }
    } else if (ins.is("ARG")) {
      for (auto& a : ins.assignments) {
        if (a.has_value) a.value = expand_here(a.raw_value);
        else if (auto g = global_.args.find(a.name); g != global_.args.end()) a.value = g->second;
        stage_.args[a.name] = a.value;
      }
    } else if (ins.is("USER") || ins.is("WORKDIR") || ins.is("STOPSIGNAL")) {
      ins.resolved = expand_here(ins.arguments);
    }
  }

  Dockerfile& df_;
  Scope global_;
  Scope stage_;
  std::vector<Values> stage_env_;  // each stage's ENV so far, for stages built on it
};

}  // namespace

const Flag* Instruction::flag(std::string_view name) const {
  for (const auto& f : flags)
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<const Stage*> Dockerfile::stage_chain(const Stage& stage) const {
  std::vector<const Stage*> chain;
  for (const Stage* s = &stage; s;) {
    chain.push_back(s);
    // A parent always comes earlier, so the walk ends.
    s = s->parent >= 0 && s->parent < s->index ? &stages[s->parent] : nullptr;
  }
  std::reverse(chain.begin(), chain.end());
  return chain;
}

const Instruction* Dockerfile::last_in_chain(const Stage& stage, std::string_view keyword) const {
  auto chain = stage_chain(stage);
  for (auto s = chain.rbegin(); s != chain.rend(); ++s)
    for (auto i = (*s)->instructions.rbegin(); i != (*s)->instructions.rend(); ++i)
      if (instructions[*i].is(keyword)) return &instructions[*i];
  return nullptr;
}

StartCommand Dockerfile::start_command(const Stage& stage) const {
  StartCommand sc;
  for (const Stage* s : stage_chain(stage)) {
    bool cmd_set_here = false;
    for (std::size_t i : s->instructions) {
      const Instruction& ins = instructions[i];
      if (ins.is("CMD")) {
        sc.cmd = &ins;
        cmd_set_here = true;
      } else if (ins.is("ENTRYPOINT")) {
        sc.entrypoint = &ins;
        if (!cmd_set_here) sc.cmd = nullptr;
      }
    }
  }
  return sc;
}

std::string normalized_image(std::string_view image) {
  std::string out = ascii_lower(trim(image));
  if (auto at = out.find('@'); at != std::string::npos) out.resize(at);
  for (std::string_view prefix : {"docker.io/", "index.docker.io/", "registry-1.docker.io/"})
    if (out.rfind(prefix, 0) == 0) out.erase(0, prefix.size());
  if (out.rfind("library/", 0) == 0) out.erase(0, 8);
  return out;
}

std::optional<std::vector<std::string>> simple_command_words(std::string_view command) {
  // Quotes are fine; anything the shell would interpret is not a plain command.
  if (command.find_first_of("&|;<>$`(){}*?~#\\\n") != std::string_view::npos) return std::nullopt;
  std::vector<std::string> words;
  for (const auto& w : split_words(command, '\\')) words.push_back(unquote(w, '\\'));
  // `NAME=value app` sets a variable for the app: that needs a shell too.
  if (words.empty() || words[0].find('=') != std::string::npos) return std::nullopt;
  return words;
}

std::unique_ptr<Dockerfile> parse(const SourceFile& file) {
  auto df = std::make_unique<Dockerfile>();
  LexedFile lexed = lex(file);
  df->escape = lexed.escape;
  df->syntax = std::move(lexed.syntax);
  df->problems = std::move(lexed.problems);
  Builder builder(*df);
  try {
    for (auto& raw : lexed.instructions) builder.add(build_instruction(raw, df->escape));
  } catch (const std::exception& e) {  // a safety net: a bad file must not stop the audit
    df->problems.push_back(fmt::format("the Dockerfile parser gave up: {}", e.what()));
  }
  return df;
}

}  // namespace svc::engine::docker
