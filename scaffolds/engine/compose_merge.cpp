#include "scaffolds/engine/compose_merge.h"

#include <sstream>
#include <vector>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/yaml_guard.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

// The top-level keys a template's compose file may contribute: the rest of a compose
// file (name, include, x-*) belongs to the repository.
const char* const kMergedKeys[] = {"services", "volumes", "networks"};

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool blank_or_comment(const std::string& line) {
  std::size_t i = line.find_first_not_of(" \t");
  return i == std::string::npos || line[i] == '#';
}

std::size_t indent_of(const std::string& line) { return line.find_first_not_of(' '); }

// A top-level key's block: the line `key:` and the lines up to the next top-level line.
struct Block {
  std::size_t header = 0;  // index of the `key:` line
  std::size_t end = 0;     // one past the block's last content line (trailing blanks stay after)
  std::size_t child_indent = 2;
  bool found = false;
};

Block find_block(const std::vector<std::string>& lines, const std::string& key, const std::string& display_path) {
  Block b;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& l = lines[i];
    if (l.rfind(key + ":", 0) != 0) continue;
    std::string rest = l.substr(key.size() + 1);
    std::size_t v = rest.find_first_not_of(" \t");
    if (v != std::string::npos && rest[v] != '#')
      throw ScaffoldError(fmt::format("{}:{}: `{}` is written inline; svc new adds entries as lines of a block",
                                      display_path, i + 1, key),
                          fmt::format("write `{}:` with one entry per line, or add the service yourself "
                                      "(svc new --dry-run shows the entries)", key));
    b.header = i;
    b.found = true;
    b.end = i + 1;
    bool indent_known = false;
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      if (blank_or_comment(lines[j])) continue;
      if (indent_of(lines[j]) == 0) break;
      if (!indent_known) b.child_indent = indent_of(lines[j]), indent_known = true;
      b.end = j + 1;
    }
    return b;
  }
  return b;
}

YAML::Node load_compose(const std::string& text, const std::string& display_path) {
  if (engine::yaml_expands_beyond(text))
    throw ScaffoldError(fmt::format("{}: YAML aliases here expand to more than {} nodes", display_path,
                                    engine::kMaxYamlNodes));
  try {
    YAML::Node root = YAML::Load(text);
    if (root.IsNull()) return YAML::Node(YAML::NodeType::Map);
    if (!root.IsMap()) throw ScaffoldError(fmt::format("{}: a compose file is a mapping", display_path));
    return root;
  } catch (const YAML::Exception& e) {
    throw ScaffoldError(fmt::format("{}:{}:{}: {}", display_path, e.mark.line + 1, e.mark.column + 1, e.msg),
                        "fix the compose file, or generate with --dir outside this repository");
  }
}

// The children of `key` in the template's file, re-indented to `indent`.
std::vector<std::string> children(const std::vector<std::string>& lines, const Block& b, std::size_t indent) {
  std::vector<std::string> out;
  for (std::size_t i = b.header + 1; i < b.end; ++i) {
    const std::string& l = lines[i];
    std::size_t own = indent_of(l);
    if (own == std::string::npos) {
      out.push_back("");
      continue;
    }
    std::size_t strip = std::min(own, b.child_indent);
    out.push_back(std::string(indent, ' ') + l.substr(strip));
  }
  return out;
}

}  // namespace

std::string merge_compose(const std::string& existing, const std::string& addition, const std::string& display_path) {
  YAML::Node root = load_compose(existing, display_path);
  YAML::Node add = load_compose(addition, "the template's compose file");
  std::vector<std::string> lines = lines_of(existing), add_lines = lines_of(addition);
  for (const char* key : kMergedKeys) {
    if (!add[key] || !add[key].IsMap()) continue;
    for (const auto& entry : add[key]) {
      std::string name = entry.first.as<std::string>();
      if (root[key] && root[key].IsMap() && root[key][name])
        throw ScaffoldError(fmt::format("{} already defines {}.{}", display_path, key, name),
                            "pick another service name, or remove that entry first");
    }
    Block from = find_block(add_lines, key, "the template's compose file");
    Block to = find_block(lines, key, display_path);
    std::vector<std::string> added = children(add_lines, from, to.found ? to.child_indent : 2);
    if (to.found) {
      lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(to.end), added.begin(), added.end());
    } else {
      if (!lines.empty() && !lines.back().empty()) lines.push_back("");
      lines.push_back(std::string(key) + ":");
      lines.insert(lines.end(), added.begin(), added.end());
    }
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  // The edit is checked as Compose will read it: every name that was there and every
  // name added, under its key.
  YAML::Node merged = load_compose(out, display_path + " (as edited)");
  for (const char* key : kMergedKeys) {
    for (const YAML::Node& source : {root, add}) {
      if (!source[key] || !source[key].IsMap()) continue;
      for (const auto& entry : source[key])
        if (!merged[key] || !merged[key][entry.first.as<std::string>()])
          throw ScaffoldError(fmt::format("{}: adding the service would lose {}.{}", display_path, key,
                                          entry.first.as<std::string>()),
                              "add the service to the compose file yourself (svc new --dry-run shows the entries)");
    }
  }
  return out;
}

}  // namespace svc::scaffolds
