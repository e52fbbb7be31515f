#include "scaffolds/engine/stamp.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>
#include <xxhash.h>
#include <yaml-cpp/yaml.h>

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

std::string stamp_yaml(const Manifest& m, const Answers& answers, const RenderedTemplate& rendered) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "services" << YAML::Value << YAML::BeginSeq << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << answers.at("name");
  out << YAML::Key << "path" << YAML::Value << ".";
  if (!rendered.owns.empty()) out << YAML::Key << "owns" << YAML::Value << YAML::Flow << rendered.owns;
  out << YAML::EndMap << YAML::EndSeq;

  out << YAML::Key << "template" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << m.name;
  out << YAML::Key << "version" << YAML::Value << m.version;
  out << YAML::Key << "answers" << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (const auto& v : m.variables) {
    out << YAML::Key << v.name;
    emit_answer(out, v, answers.at(v.name));
  }
  out << YAML::EndMap;
  out << YAML::Key << "files" << YAML::Value << YAML::BeginMap;
  for (const auto& f : rendered.files) out << YAML::Key << f.path << YAML::Value << xxh3_digest(f.content);
  out << YAML::EndMap << YAML::EndMap << YAML::EndMap;
  return "# Written by `svc new`. `svc audit` reads it; a later `svc upgrade` uses `template:`.\n" +
         std::string(out.c_str()) + "\n";
}

}  // namespace svc::scaffolds
