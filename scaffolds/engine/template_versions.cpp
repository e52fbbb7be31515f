#include "scaffolds/engine/template_versions.h"

#include <sstream>

#include <fmt/format.h>

#include "scaffolds/engine/embedded.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

const std::string kFiles = "files/", kShared = "_shared/", kResource = "resource/";

// Version `v` from version v+1: the kept files replace theirs, absent ones go.
void step_back(TemplateSource& s, const std::map<std::string, std::string>& raw, int v) {
  std::string prefix = fmt::format("versions/{}/", v);
  auto manifest = raw.find(prefix + "template.yaml");
  if (manifest == raw.end())
    throw ScaffoldError(fmt::format("version {} of the {} template is not kept in this svc", v, s.name),
                        "upgrade with an svc release that still has it, or regenerate the service");
  s.manifest_text = manifest->second;
  s.manifest_path = fmt::format("scaffolds/{}/{}template.yaml", s.name, prefix);
  for (auto it = raw.lower_bound(prefix); it != raw.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    std::string rest = it->first.substr(prefix.size());
    if (rest.rfind(kFiles, 0) == 0) s.files[rest.substr(kFiles.size())] = it->second;
    else if (rest.rfind(kResource, 0) == 0) s.resource_files[rest.substr(kResource.size())] = it->second;
    else if (rest.rfind(kShared, 0) == 0) s.partials[rest.substr(kShared.size())] = it->second;
  }
  if (auto absent = raw.find(prefix + "absent.txt"); absent != raw.end()) {
    std::istringstream lines(absent->second);
    for (std::string line; std::getline(lines, line);) {
      if (line.rfind(kFiles, 0) == 0) s.files.erase(line.substr(kFiles.size()));
      else if (line.rfind(kResource, 0) == 0) s.resource_files.erase(line.substr(kResource.size()));
      else if (line.rfind(kShared, 0) == 0) s.partials.erase(line.substr(kShared.size()));
    }
  }
}

}  // namespace

TemplateSource reconstruct_version(const TemplateSource& newest, int newest_version,
                                   const std::map<std::string, std::string>& raw, int version) {
  if (version > newest_version || version < 1)
    throw ScaffoldError(fmt::format("the {} template has no version {} (the newest is {})", newest.name, version,
                                    newest_version));
  TemplateSource s = newest;
  for (int v = newest_version - 1; v >= version; --v) step_back(s, raw, v);
  return s;
}

TemplateSource embedded_template_version(const std::string& name, int version) {
  std::optional<TemplateSource> newest = embedded_template(name);
  if (!newest)
    throw ScaffoldError(fmt::format("unknown template '{}'", name), "see `svc new --list` for the built-in templates");
  int newest_version = parse_manifest(newest->manifest_text, newest->manifest_path, name).version;
  if (version == 0 || version == newest_version) return *newest;
  std::map<std::string, std::string> raw;
  for (const auto& f : embedded_files())
    if (name == f.template_name) raw[f.path] = std::string(reinterpret_cast<const char*>(f.data), f.size);
  return reconstruct_version(*newest, newest_version, raw, version);
}

}  // namespace svc::scaffolds
