#include "scaffolds/engine/stamp_read.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/input_file.h"
#include "common/yaml_guard.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/scaffold_error.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

[[noreturn]] void bad(const std::string& path, const YAML::Node& n, const std::string& why) {
  YAML::Mark m = n.Mark();
  throw ScaffoldError(fmt::format("{}:{}:{}: {}", path, m.line + 1, m.column + 1, why),
                      "the template: section is written by `svc new`; restore it from git if it was edited");
}

std::map<std::string, std::string> string_map(const std::string& path, const YAML::Node& n, const char* what) {
  if (!n || !n.IsMap()) bad(path, n ? n : YAML::Node(), fmt::format("template.{} must be a mapping", what));
  std::map<std::string, std::string> out;
  for (const auto& e : n) {
    if (!e.second.IsScalar()) bad(path, e.second, fmt::format("template.{}.{} must be a plain value", what,
                                                              e.first.as<std::string>()));
    out[e.first.as<std::string>()] = e.second.as<std::string>();
  }
  return out;
}

}  // namespace

Stamp read_stamp(const fs::path& service_dir) {
  fs::path file = service_dir / kStampFile;
  std::string path = file.string();
  if (!fs::exists(file))
    throw ScaffoldError(fmt::format("{} has no {}: `svc new` did not generate it", service_dir.string(), kStampFile),
                        "run this in the folder of a service made by `svc new` (or pass that folder)");
  engine::InputFile in = engine::read_input_file(path);
  if (!in.ok()) throw ScaffoldError(fmt::format("cannot read {}: {}", path, in.error));
  if (engine::yaml_expands_beyond(in.text))
    throw ScaffoldError(fmt::format("{}:1:1: YAML aliases here expand to more than {} nodes", path, engine::kMaxYamlNodes));
  YAML::Node root;
  try {
    root = YAML::Load(in.text);
  } catch (const YAML::Exception& e) {
    throw ScaffoldError(fmt::format("{}:{}:{}: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  YAML::Node t = root.IsMap() ? root["template"] : YAML::Node();
  if (!t || !t.IsMap())
    throw ScaffoldError(fmt::format("{} has no template: section: `svc new` did not generate this service", path),
                        "svc upgrade and svc add work on services made by `svc new`");
  Stamp s;
  if (!t["name"] || !t["name"].IsScalar()) bad(path, t, "template.name is missing");
  s.template_name = t["name"].as<std::string>();
  try {
    s.version = t["version"].as<int>();
  } catch (const YAML::Exception&) {
    bad(path, t["version"] ? t["version"] : t, "template.version must be a whole number");
  }
  s.answers = string_map(path, t["answers"], "answers");
  s.files = string_map(path, t["files"], "files");
  if (YAML::Node list = t["resources"]) {
    if (!list.IsSequence()) bad(path, list, "template.resources must be a list");
    for (const auto& item : list) {
      auto field = [&](const char* key) { return item[key] && item[key].IsScalar() ? item[key].as<std::string>() : ""; };
      if (field("name").empty()) bad(path, item, "a template.resources entry needs a name");
      s.resources.push_back({field("name"), field("fields"), field("migration"), field("previous"), field("when")});
    }
  }
  if (YAML::Node services = root["services"]; services && services.IsSequence() && services.size() > 0)
    if (YAML::Node owns = services[0]["owns"]; owns && owns.IsSequence())
      for (const auto& t : owns) s.owns.push_back(t.as<std::string>());
  s.text = in.text;
  return s;
}

}  // namespace svc::scaffolds
