#pragma once
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/core/source_file.h"

namespace svc::engine::docker {

// `--name=value` before an instruction's arguments (FROM --platform, COPY --from,
// HEALTHCHECK --interval, ...). Docker accepts these on every instruction.
struct Flag {
  std::string name;   // without the dashes
  std::string value;  // quotes removed; "" for a bare `--link`
};

// `<<EOF` ... `EOF` after RUN, COPY or ADD.
struct Heredoc {
  std::string delimiter;
  bool strip_tabs = false;  // <<-EOF
  bool quoted = false;      // <<'EOF' / <<"EOF": Docker does not expand the body
  bool terminated = false;  // false when the file ended first
  std::string body;         // the lines between, each ending in '\n'
  std::size_t begin = 0, end = 0;  // bytes of the body and terminator in the file
};

// One `NAME=value` of ENV, ARG or LABEL, or the legacy `ENV NAME value`.
struct Assignment {
  std::string name;
  std::string raw_value;             // as written, quotes and all
  bool has_value = false;            // false for a bare `ARG NAME`
  std::optional<std::string> value;  // after substitution; nullopt when unknown
};

// How CMD, ENTRYPOINT, RUN and HEALTHCHECK CMD give their command. Like Docker, a
// malformed JSON array is shell form.
enum class CommandForm { none, exec, shell };

struct Instruction {
  std::string keyword;    // upper-case: FROM, RUN, CMD, ...
  std::string arguments;  // after keyword and flags; continuations joined, comment lines dropped
  std::vector<Flag> flags;
  std::string subcommand;  // HEALTHCHECK: "CMD" or "NONE" (upper-case), "" otherwise
  CommandForm form = CommandForm::none;
  std::string command;            // the command text of a command instruction
  std::vector<std::string> exec;  // the items of an exec-form array
  std::vector<Assignment> assignments;  // ENV, ARG, LABEL
  std::vector<Heredoc> heredocs;
  // USER, WORKDIR and STOPSIGNAL after ARG/ENV substitution; nullopt when a
  // variable's value cannot be known from the file (build arg, base image ENV).
  std::optional<std::string> resolved;
  int stage = -1;                 // index into Dockerfile::stages; -1 before the first FROM
  std::size_t begin = 0, end = 0;  // bytes: keyword to the end of its last line, heredocs excluded
  int line = 1, end_line = 1;

  bool is(std::string_view kw) const { return keyword == kw; }
  const Flag* flag(std::string_view name) const;
};

struct Stage {
  int index = 0;
  std::string image;                          // the FROM image as written
  std::optional<std::string> resolved_image;  // after global ARG substitution
  std::string name;                           // the AS alias, lower-case; "" when none
  int parent = -1;  // the earlier stage that `image` names, -1 for a registry image
  std::size_t from = 0;                   // index of its FROM in Dockerfile::instructions
  std::vector<std::size_t> instructions;  // the stage's instructions after FROM, in order

  // What to show a user: the resolved image when known, else as written.
  const std::string& display_image() const { return resolved_image ? *resolved_image : image; }
};

// The effective start command of a stage, following Docker's inheritance: a stage's
// ENTRYPOINT clears a CMD inherited from its base stage but not one set in the stage.
struct StartCommand {
  const Instruction* entrypoint = nullptr;
  const Instruction* cmd = nullptr;
};

struct Dockerfile {
  char escape = '\\';
  std::string syntax;  // the `# syntax=` directive, "" when absent
  std::vector<Instruction> instructions;
  std::vector<Stage> stages;
  std::vector<std::string> problems;  // what Docker would reject; parsing goes on regardless

  const Stage* final_stage() const { return stages.empty() ? nullptr : &stages.back(); }
  const Instruction& from_of(const Stage& stage) const { return instructions[stage.from]; }
  // `stage` and the stages it is built on through `FROM <alias>`, root first.
  std::vector<const Stage*> stage_chain(const Stage& stage) const;
  // The last instruction with `keyword` in the chain of `stage`: what the image inherits.
  const Instruction* last_in_chain(const Stage& stage, std::string_view keyword) const;
  StartCommand start_command(const Stage& stage) const;
};

// Never throws: garbage input gives an empty or partial model plus `problems`.
std::unique_ptr<Dockerfile> parse(const SourceFile& file);

// An image reference in the form patterns are matched against: lower-case, without
// digest or Docker Hub prefix ("docker.io/library/node:22@sha256:..." -> "node:22").
std::string normalized_image(std::string_view image);

// The words of a shell-form command that is one plain command, quotes removed;
// nullopt when it uses shell syntax (pipes, &&, ;, redirections, variables, globs).
std::optional<std::vector<std::string>> simple_command_words(std::string_view command);

}  // namespace svc::engine::docker
