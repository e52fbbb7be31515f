#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/dockerfile/dockerfile.h"

// How Docker splits an instruction's arguments: flags, words, JSON exec form,
// NAME=value pairs and heredoc markers.
namespace svc::engine::docker {

// Splits on whitespace outside quotes; quotes and escapes stay in the words.
std::vector<std::string> split_words(std::string_view text, char escape);
// Removes quotes and escapes of one word (no variable expansion).
std::string unquote(std::string_view word, char escape);
// Takes the leading `--name[=value]` words into `flags`; returns the rest.
std::string_view extract_flags(std::string_view text, std::vector<Flag>& flags);
// Fills form/command/exec of `ins` from the text of a command instruction.
void parse_command(std::string_view text, Instruction& ins);
// ENV, ARG and LABEL pairs; `legacy_form` allows `ENV NAME value with spaces`.
std::vector<Assignment> parse_assignments(std::string_view text, char escape, bool legacy_form);
// A word such as `<<EOF`, `<<-"EOF"` or `2<<EOF`: the heredoc it opens.
std::optional<Heredoc> heredoc_marker(std::string_view word);

std::string to_upper(std::string_view text);
std::string_view trim(std::string_view text);

}  // namespace svc::engine::docker
