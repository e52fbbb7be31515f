#include "checks/builtin/openapi/openapi_evidence.h"

#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>
#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "checks/facts/links/link_facts_yaml.h"

namespace svc::builtin::openapi {
namespace {

using engine::Language;
using engine::SourceFile;

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool starts_with(const std::string& s, std::string_view prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// `x-generated: true`, `x-generator: …`, `x-generated-by: …` at the top or in `info`.
bool marker_key(const std::string& key, const std::string& value) {
  std::string k = lower(key);
  return (starts_with(k, "x-generated") || k == "x-generator") && lower(value) != "false";
}

// A marker phrase in a comment line (`# Code generated … DO NOT EDIT.`, `// @generated`).
std::string comment_marker(const SourceFile& file, const std::vector<std::string>& markers) {
  for (int n = 1; n <= file.line_count(); ++n) {
    std::string line(file.line(n));
    auto b = line.find_first_not_of(" \t");
    if (b == std::string::npos || !(line[b] == '#' || line.compare(b, 2, "//") == 0)) continue;
    std::string l = lower(line);
    for (const auto& m : markers)
      if (l.find(m) != std::string::npos) return m;
  }
  return {};
}

// The relative file of a `$ref` ("./schemas/user.yaml#/User" -> "schemas/user.yaml"
// next to the spec); local (`#/…`) and remote references are not files.
void add_ref(const std::string& spec_path, std::string ref, std::vector<std::string>& out) {
  if (ref.empty() || ref[0] == '#' || ref.find("://") != std::string::npos) return;
  if (auto hash = ref.find('#'); hash != std::string::npos) ref.resize(hash);
  std::string path = engine::join_relative(engine::folder_of(spec_path), ref);
  if (!path.empty()) out.push_back(path);
}

void yaml_refs(const YAML::Node& node, const std::string& spec_path, std::vector<std::string>& out, int depth) {
  if (depth > 64) return;  // `$ref`s sit well above this; it stops pathological nesting
  if (node.IsSequence())
    for (const auto& item : node) yaml_refs(item, spec_path, out, depth + 1);
  if (!node.IsMap()) return;
  for (const auto& kv : node) {
    if (kv.first.IsScalar() && kv.first.Scalar() == "$ref" && kv.second.IsScalar())
      add_ref(spec_path, kv.second.Scalar(), out);
    else
      yaml_refs(kv.second, spec_path, out, depth + 1);
  }
}

void json_refs(const nlohmann::json& node, const std::string& spec_path, std::vector<std::string>& out, int depth) {
  if (depth > 64) return;
  if (node.is_array())
    for (const auto& item : node) json_refs(item, spec_path, out, depth + 1);
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (key == "$ref" && value.is_string()) add_ref(spec_path, value.get<std::string>(), out);
    else json_refs(value, spec_path, out, depth + 1);
  }
}

bool version_like(const std::string& v) { return !v.empty() && std::isdigit(static_cast<unsigned char>(v[0])); }

std::optional<SpecDocument> read_yaml_spec(const SourceFile& file, const engine::Documents& documents) {
  static const RE2 top_key(R"re((?m)^["']?(?:openapi|swagger)["']?[ \t]*:)re");
  if (!RE2::PartialMatch(file.text(), top_key)) return std::nullopt;
  if (documents.yaml().empty()) return std::nullopt;
  const YAML::Node& root = documents.yaml().front();
  if (!root.IsMap()) return std::nullopt;
  SpecDocument doc;
  bool body = false;
  for (const auto& kv : root) {
    if (!kv.first.IsScalar()) continue;
    const std::string& key = kv.first.Scalar();
    std::string value = engine::yaml_string(kv.second);
    if ((key == "openapi" || key == "swagger") && version_like(value)) {
      doc.key = key;
      std::size_t at = file.offset_of(kv.first.Mark().line + 1, kv.first.Mark().column + 1);
      doc.begin = file.position_of(at);
      doc.end = file.position_of(at + key.size());
    }
    body = body || key == "info" || key == "paths" || key == "components" || key == "webhooks";
    if (marker_key(key, value)) doc.marker = key;
    if (key == "info" && kv.second.IsMap())
      for (const auto& info : kv.second)
        if (info.first.IsScalar() && marker_key(info.first.Scalar(), engine::yaml_string(info.second)))
          doc.marker = "info." + info.first.Scalar();
  }
  if (doc.key.empty() || !body) return std::nullopt;
  yaml_refs(root, file.path(), doc.refs, 0);
  return doc;
}

std::optional<SpecDocument> read_json_spec(const SourceFile& file, const engine::Documents& documents,
                                          const std::vector<std::string>& markers) {
  static const RE2 top_key(R"re("(?:openapi|swagger)"\s*:\s*"\d)re");
  if (!RE2::PartialMatch(file.text(), top_key)) return std::nullopt;
  const auto& root = documents.json();
  if (root.is_discarded() || !root.is_object()) return std::nullopt;
  SpecDocument doc;
  for (const char* key : {"openapi", "swagger"}) {
    auto it = root.find(key);
    if (it != root.end() && it->is_string() && version_like(it->get<std::string>())) doc.key = key;
  }
  bool body = root.contains("info") || root.contains("paths") || root.contains("components") ||
              root.contains("webhooks");
  if (doc.key.empty() || !body) return std::nullopt;
  // The first `"openapi":` is the top-level one in any real document.
  std::string quoted = "\"" + doc.key + "\"";
  std::size_t begin = file.text().find(quoted);
  doc.begin = file.position_of(begin);
  doc.end = file.position_of(begin + quoted.size());
  auto scan_markers = [&](const nlohmann::json& obj, const std::string& prefix) {
    for (const auto& [key, value] : obj.items())
      if (marker_key(key, value.is_string() ? value.get<std::string>() : value.dump())) doc.marker = prefix + key;
  };
  scan_markers(root, "");
  if (root.contains("info") && root["info"].is_object()) scan_markers(root["info"], "info.");
  // JSON has no comments; generators that sign their output use `$comment`.
  for (const char* key : {"$comment", "//", "_comment"}) {
    auto it = root.find(key);
    if (it == root.end() || !it->is_string()) continue;
    std::string text = lower(it->get<std::string>());
    for (const auto& m : markers)
      if (text.find(m) != std::string::npos) doc.marker = key;
  }
  json_refs(root, file.path(), doc.refs, 0);
  return doc;
}


// `"./openapi.json"`, `$OUT/openapi.json`, `../docs/openapi.yaml` -> the path that
// names the file: quotes, `./`, `../` and variable prefixes say nothing about it.
std::string clean_name(std::string name) {
  if (auto dollar = name.rfind('$'); dollar != std::string::npos) {
    auto slash = name.find('/', dollar);
    name = slash == std::string::npos ? "" : name.substr(slash + 1);
  }
  while (starts_with(name, "./") || starts_with(name, "../")) name.erase(0, name.find('/') + 1);
  return name;
}

void add_matches(const std::string& text, const RE2& re, std::vector<std::string>& out) {
  re2::StringPiece in(text);
  std::string name;
  while (RE2::FindAndConsume(&in, re, &name))
    if (auto n = clean_name(name); !n.empty()) out.push_back(n);
}

// Targets of shell output: `> openapi.json`, `-o openapi.yaml`, `--output=…`, `tee …`.
void shell_targets(const std::string& text, std::vector<std::string>& out) {
  // Two characters never in a target: quotes and backslashes of JSON-escaped scripts.
  static const RE2 redirect(R"re((?:^|[^=>2&])>>?[ \t]*\\?["']?([^\s;&|'"<>\\()]+\.(?:json|ya?ml))\b)re");
  static const RE2 flag(
      R"re((?:^|[\s"'])(?:-o|-O|--out|--output|--outfile|--out-file|--output-file|--outFile|--file)(?:=|[ \t]+)\\?["']?([^\s;&|'"<>\\()]+\.(?:json|ya?ml))\b)re");
  static const RE2 tee(R"re(\btee[ \t]+(?:-a[ \t]+)?\\?["']?([^\s;&|'"<>\\()]+\.(?:json|ya?ml))\b)re");
  for (const RE2* re : {&redirect, &flag, &tee}) add_matches(text, *re, out);
}

}  // namespace

PositionalWriters::PositionalWriters(const std::vector<std::string>& commands) {
  std::string alternatives;
  for (const auto& command : commands) {
    std::string words;
    re2::StringPiece in(command);
    std::string word;
    static const RE2 next(R"(\s*(\S+))");
    while (RE2::Consume(&in, next, &word)) words += (words.empty() ? "" : "[ \t]+") + RE2::QuoteMeta(word);
    if (!words.empty()) alternatives += (alternatives.empty() ? "" : "|") + words;
  }
  if (alternatives.empty()) return;
  // The command's words, then its arguments up to the end of the command (an operator,
  // a quote closing a JSON-escaped script, a line end).
  re_ = std::make_shared<RE2>(R"((?:^|[\s"'/])(?:)" + alternatives + R"()((?:[ \t]+[^\s;&|'"<>\\()]+)+))");
}

void PositionalWriters::targets(const std::string& text, std::vector<std::string>& out) const {
  if (!re_) return;
  static const RE2 file(R"([^-][^\s]*\.(?:json|ya?ml))");
  re2::StringPiece in(text);
  std::string arguments;
  while (RE2::FindAndConsume(&in, *re_, &arguments)) {
    re2::StringPiece args(arguments);
    std::string word;
    static const RE2 next(R"([ \t]+(\S+))");
    while (RE2::Consume(&args, next, &word))
      if (RE2::FullMatch(word, file))
        if (auto n = clean_name(word); !n.empty()) out.push_back(n);
  }
}

namespace {

bool writes_files(const SourceFile& file) {
  static const RE2 js(
      R"re(\b(?:writeFileSync|writeFile|outputFileSync|outputFile|writeJsonSync|writeJson|writeJSON|createWriteStream)\s*\(|\bBun\.write\s*\(|\bDeno\.writeTextFile)re");
  static const RE2 py(R"re(\bopen\s*\([^)\n]*["'](?:w|wb|wt|w\+|x)["']|\.write_text\s*\(|\.write_bytes\s*\()re");
  return RE2::PartialMatch(file.text(), file.language() == Language::python ? py : js);
}

// Serializes something to stdout: the shell that runs it redirects it to the file.
bool dumps_to_stdout(const SourceFile& file) {
  static const RE2 js(R"re((?:console\.log|process\.stdout\.write)\s*\((?s:.){0,200}?\b(?:JSON\.stringify|stringify|dump)\s*\()re");
  static const RE2 py(R"re((?:\bprint|sys\.stdout\.write)\s*\(\s*(?:json\.dumps|yaml\.(?:safe_)?dump|orjson\.dumps)\s*\(|json\.dump\s*\([^)\n]*sys\.stdout)re");
  return RE2::PartialMatch(file.text(), file.language() == Language::python ? py : js);
}

}  // namespace

std::optional<SpecDocument> read_spec(const SourceFile& file, const engine::Documents& documents,
                                     const std::vector<std::string>& markers) {
  std::optional<SpecDocument> doc;
  if (file.language() == Language::yaml) doc = read_yaml_spec(file, documents);
  else if (file.language() == Language::json) doc = read_json_spec(file, documents, markers);
  if (doc && doc->marker.empty()) doc->marker = comment_marker(file, markers);
  return doc;
}

WriteEvidence scan_writes(const SourceFile& file, const std::vector<std::string>& generator_calls,
                          const PositionalWriters& writers) {
  WriteEvidence out;
  shell_targets(file.text(), out.written);
  writers.targets(file.text(), out.written);
  if (!engine::is_code(file.language())) return out;
  // swag (`swag init`) writes docs.go, swagger.json and swagger.yaml together into one
  // folder, and marks only docs.go: its marker vouches for the documents beside it.
  static const RE2 swag(R"((?m)^// (?:Package \w+ )?Code generated by swaggo/swag\b)");
  if (file.language() == Language::go && RE2::PartialMatch(file.text(), swag)) {
    out.written.push_back("swagger.json");
    out.written.push_back("swagger.yaml");
  }
  bool writes = writes_files(file);
  if (writes) {
    static const RE2 literal(R"re(["'`]([^"'`\s]+\.(?:json|ya?ml))["'`])re");
    add_matches(file.text(), literal, out.written);
  }
  auto call = std::find_if(generator_calls.begin(), generator_calls.end(),
                           [&](const std::string& c) { return file.text().find(c) != std::string::npos; });
  if (call != generator_calls.end() && (writes || dumps_to_stdout(file))) out.exporter_call = *call;
  return out;
}

}  // namespace svc::builtin::openapi
