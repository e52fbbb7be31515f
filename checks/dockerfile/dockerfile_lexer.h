#pragma once
#include <string>
#include <vector>

#include "checks/dockerfile/dockerfile.h"
#include "checks/core/source_file.h"

namespace svc::engine::docker {

// One instruction as Docker's line reader sees it, before its arguments are parsed.
struct RawInstruction {
  std::string text;  // keyword and arguments; continuations joined, comment lines dropped
  std::size_t begin = 0, end = 0;
  int line = 1, end_line = 1;
  std::vector<Heredoc> heredocs;
};

struct LexedFile {
  char escape = '\\';
  std::string syntax;
  std::vector<RawInstruction> instructions;
  std::vector<std::string> problems;
};

// Parser directives, comments, line continuations and heredoc bodies, the way
// BuildKit reads them.
LexedFile lex(const SourceFile& file);

}  // namespace svc::engine::docker
