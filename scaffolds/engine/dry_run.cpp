#include "scaffolds/engine/dry_run.h"

#include <sstream>

#include <dtl/dtl.hpp>
#include <fmt/format.h>

namespace svc::scaffolds {
namespace {

const char* const kBold = "\x1b[1m";
const char* const kGreen = "\x1b[32m";
const char* const kRed = "\x1b[31m";
const char* const kCyan = "\x1b[36m";
const char* const kReset = "\x1b[0m";

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

const char* state_label(FileState s) {
  switch (s) {
    case FileState::create: return "new";
    case FileState::unchanged: return "unchanged";
    case FileState::overwrite: return "changed";
    case FileState::edit: return "edited";
    case FileState::remove: return "removed";
  }
  return "";
}

std::string paint(const std::string& text, const char* code, bool color) {
  return color ? code + text + kReset : text;
}

std::string colored_diff(const std::string& diff, bool color) {
  if (!color) return diff;
  std::string out;
  for (const auto& line : split_lines(diff)) {
    const char* code = line.rfind("---", 0) == 0 || line.rfind("+++", 0) == 0 ? kBold
                       : line.rfind("@@", 0) == 0                              ? kCyan
                       : !line.empty() && line[0] == '+'                       ? kGreen
                       : !line.empty() && line[0] == '-'                       ? kRed
                                                                               : nullptr;
    out += (code ? paint(line, code, true) : line) + "\n";
  }
  return out;
}

// The files as an indented tree, folders first introduced by their own line.
void print_tree(std::ostream& out, const std::string& target, const std::vector<PlanEntry>& plan, bool color) {
  out << paint(target + "/", kBold, color) << '\n';
  std::vector<std::string> open;  // folders of the previous line
  for (const auto& e : plan) {
    std::vector<std::string> parts;
    std::istringstream in(e.file.path);
    for (std::string p; std::getline(in, p, '/');) parts.push_back(p);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) ++common;
    open.resize(common);
    for (std::size_t i = common; i + 1 < parts.size(); ++i) {
      out << std::string(2 * (i + 1), ' ') << parts[i] << "/\n";
      open.push_back(parts[i]);
    }
    std::string note = fmt::format("({}{})", state_label(e.state), e.file.executable ? ", executable" : "");
    out << std::string(2 * parts.size(), ' ') << parts.back() << "  "
        << paint(note, e.state == FileState::overwrite ? kRed : kGreen, color && e.state != FileState::unchanged) << '\n';
  }
}

}  // namespace

std::string unified_diff(const std::string& path, const std::string& before, const std::string& after) {
  dtl::Diff<std::string, std::vector<std::string>> diff(split_lines(before), split_lines(after));
  diff.compose();
  diff.composeUnifiedHunks();
  std::ostringstream out;
  out << "--- a/" << path << "\n+++ b/" << path << "\n";
  diff.printUnifiedFormat(out);
  return out.str();
}

void print_dry_run(std::ostream& out, const std::string& target, const std::vector<PlanEntry>& plan, bool color) {
  int counts[5] = {0, 0, 0, 0, 0};
  for (const auto& e : plan) ++counts[static_cast<int>(e.state)];
  std::string edited = counts[3] ? fmt::format(", {} edited", counts[3]) : "";
  out << fmt::format("Dry run: nothing is written. {} new, {} changed{}, {} unchanged file(s) in {}\n\n", counts[0],
                     counts[2], edited, counts[1], target);
  print_tree(out, target, plan, color);
  for (const auto& e : plan) {
    if (e.state == FileState::create) {
      out << '\n' << paint(fmt::format("=== {} (new)", e.file.path), kBold, color) << '\n' << e.file.content;
      if (!e.file.content.empty() && e.file.content.back() != '\n') out << "\n\\ No newline at end of file\n";
    } else if (e.state == FileState::overwrite || e.state == FileState::edit || e.state == FileState::remove) {
      out << '\n' << paint(fmt::format("=== {} ({})", e.file.path, state_label(e.state)), kBold, color) << '\n'
          << colored_diff(unified_diff(e.file.path, e.current, e.file.content), color);
    }
  }
}

}  // namespace svc::scaffolds
