#include "scaffolds/engine/stamp.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include <fmt/format.h>
#include <xxhash.h>
#include <yaml-cpp/yaml.h>

#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

// Plain words YAML 1.1 tools would read as booleans or null get quotes.
bool looks_special(const std::string& value) {
  std::string lower = value;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  for (const char* w : {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""})
    if (lower == w) return true;
  return false;
}

void emit_answer(YAML::Emitter& out, const Variable& v, const std::string& value) {
  switch (v.type) {
    case VariableType::integer:
    case VariableType::port:
      out << YAML::Value << std::stoll(value);
      return;
    case VariableType::boolean:
      out << YAML::Value << (value == "true");
      return;
    case VariableType::string:
      out << YAML::Value << YAML::DoubleQuoted << value;
      return;
    default:
      if (looks_special(value)) out << YAML::Value << YAML::DoubleQuoted << value;
      else out << YAML::Value << value;
  }
}

}  // namespace

std::string xxh3_digest(std::string_view bytes) {
  return fmt::format("xxh3:{:016x}", static_cast<unsigned long long>(XXH3_64bits(bytes.data(), bytes.size())));
}

std::string stamp_template_block(const Manifest& m, const Answers& answers,
                                 const std::map<std::string, std::string>& file_hashes,
                                 const std::vector<ResourceRecord>& resources) {
  YAML::Emitter out;
  out << YAML::BeginMap << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << m.name;
  out << YAML::Key << "version" << YAML::Value << m.version;
  out << YAML::Key << "answers" << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (const auto& v : m.variables) {
    out << YAML::Key << v.name;
    emit_answer(out, v, answers.at(v.name));
  }
  out << YAML::EndMap;
  out << YAML::Key << "files" << YAML::Value << YAML::BeginMap;
  for (const auto& [path, hash] : file_hashes) out << YAML::Key << path << YAML::Value << hash;
  out << YAML::EndMap;
  if (!resources.empty()) {
    out << YAML::Key << "resources" << YAML::Value << YAML::BeginSeq;
    for (const auto& r : resources) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << r.name;
      out << YAML::Key << "fields" << YAML::Value << YAML::DoubleQuoted << r.fields;
      if (!r.migration.empty()) {
        out << YAML::Key << "migration" << YAML::Value << YAML::DoubleQuoted << r.migration;
        out << YAML::Key << "previous" << YAML::Value << YAML::DoubleQuoted << r.previous;
        out << YAML::Key << "when" << YAML::Value << YAML::DoubleQuoted << r.when;
      }
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

std::string stamp_yaml(const Manifest& m, const Answers& answers, const RenderedTemplate& rendered) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "services" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << answers.at("name");
  out << YAML::Key << "path" << YAML::Value << ".";
  if (!rendered.owns.empty()) out << YAML::Key << "owns" << YAML::Value << YAML::Flow << rendered.owns;
  out << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
  std::map<std::string, std::string> hashes;
  for (const auto& f : rendered.files) hashes[f.path] = xxh3_digest(f.content);
  return "# Written by `svc new`. `svc audit` reads it; a later `svc upgrade` uses `template:`.\n" +
         std::string(out.c_str()) + "\n" + stamp_template_block(m, answers, hashes, {});
}

std::string restamp(const std::string& text, const std::string& block, const std::vector<std::string>& owns) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  auto top_level = [&](std::size_t i) {
    return !lines[i].empty() && lines[i][0] != ' ' && lines[i][0] != '#' && lines[i][0] != '-';
  };
  // The first service's owns: line, within services:' first item.
  std::string owns_line;
  for (const auto& t : owns) owns_line += (owns_line.empty() ? "" : ", ") + t;
  owns_line = "    owns: [" + owns_line + "]";
  bool in_services = false, in_first = false, done = false;
  for (std::size_t i = 0; i < lines.size() && !done; ++i) {
    if (top_level(i)) in_services = lines[i].rfind("services:", 0) == 0, in_first = false;
    else if (in_services && lines[i].rfind("  - ", 0) == 0) {
      if (in_first) break;
      in_first = true;
    }
    if (!in_first) continue;
    if (lines[i].rfind("    owns:", 0) == 0) {
      if (owns.empty()) lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
      else lines[i] = owns_line;
      done = true;
    } else if (lines[i].rfind("    path:", 0) == 0 && !owns.empty()) {
      // No owns: yet; it follows the path, unless a later line of this item has one.
      std::size_t j = i + 1;
      while (j < lines.size() && lines[j].rfind("    ", 0) == 0 && lines[j].rfind("    owns:", 0) != 0) ++j;
      if (j >= lines.size() || lines[j].rfind("    owns:", 0) != 0) {
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i) + 1, owns_line);
        done = true;
      }
    }
  }
  // The template: block, to the next top-level key.
  std::string out;
  bool replaced = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (top_level(i) && lines[i].rfind("template:", 0) == 0) {
      out += block;
      replaced = true;
      std::size_t end = i + 1;  // one past the block; blank lines after it stay
      // A comment at column 0 belongs to what follows (svc writes none inside the block).
      while (end < lines.size() && !top_level(end) && lines[end].rfind('#', 0) != 0) ++end;
      while (end > i + 1 && lines[end - 1].empty()) --end;
      i = end - 1;
      continue;
    }
    out += lines[i] + "\n";
  }
  if (!replaced) out += block;
  try {
    YAML::Load(out);
  } catch (const YAML::Exception& e) {
    throw ScaffoldError(fmt::format(".svc.yaml would not be YAML after recording the template: {}", e.msg),
                        "restore .svc.yaml from git and run again");
  }
  return out;
}

}  // namespace svc::scaffolds
