#include "scaffolds/engine/template_versions.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "scaffolds/engine/embedded.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/scaffold_error.h"

namespace fs = std::filesystem;

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

namespace {

// SVC_TEMPLATE_DIR=scaffolds (a folder of template folders): a template's author tries
// `svc upgrade` and `svc add resource` on the folder being edited, without a rebuild.
std::optional<std::pair<TemplateSource, std::map<std::string, std::string>>> from_template_dir(const std::string& name) {
  const char* dir = std::getenv("SVC_TEMPLATE_DIR");
  if (!dir || !*dir) return std::nullopt;
  fs::path folder = fs::path(dir) / name;
  if (!fs::is_regular_file(folder / "template.yaml")) return std::nullopt;
  TemplateSource source = load_template_folder(folder);
  std::map<std::string, std::string> raw;
  fs::path versions = folder / "versions";
  std::error_code ec;
  if (fs::is_directory(versions, ec))
    for (const auto& e : fs::recursive_directory_iterator(versions, ec)) {
      if (!e.is_regular_file()) continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::ostringstream bytes;
      bytes << in.rdbuf();
      raw[e.path().lexically_relative(folder).generic_string()] = bytes.str();
    }
  return std::make_pair(std::move(source), std::move(raw));
}

}  // namespace

TemplateSource embedded_template_version(const std::string& name, int version) {
  if (auto local = from_template_dir(name)) {
    int newest_version = parse_manifest(local->first.manifest_text, local->first.manifest_path, name).version;
    if (version == 0 || version == newest_version) return local->first;
    return reconstruct_version(local->first, newest_version, local->second, version);
  }
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
