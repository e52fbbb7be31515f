#include "scaffolds/engine/template_versions.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "scaffolds/engine/embedded.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/template_patch.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

// A template's files keyed as the repository holds them, the paths a freeze's patch names.
std::map<std::string, std::string> repository_layout(const TemplateSource& s) {
  std::string base = "scaffolds/" + s.name + "/";
  std::map<std::string, std::string> out = {{base + "template.yaml", s.manifest_text}};
  for (const auto& [p, bytes] : s.files) out[base + "files/" + p] = bytes;
  for (const auto& [p, bytes] : s.resource_files) out[base + "resource/" + p] = bytes;
  for (const auto& [p, bytes] : s.partials) out["scaffolds/_shared/" + p] = bytes;
  return out;
}

TemplateSource from_layout(const TemplateSource& like, const std::map<std::string, std::string>& files, int v) {
  TemplateSource s;
  s.name = like.name;
  s.manifest_path = fmt::format("scaffolds/{}/template.yaml (version {})", s.name, v);
  std::string base = "scaffolds/" + s.name + "/";
  for (const auto& entry : files) {
    const std::string& path = entry.first;
    const std::string& bytes = entry.second;
    auto under = [&](const std::string& prefix) { return path.rfind(prefix, 0) == 0 ? path.substr(prefix.size()) : ""; };
    if (path == base + "template.yaml") s.manifest_text = bytes;
    else if (auto f = under(base + "files/"); !f.empty()) s.files[f] = bytes;
    else if (auto r = under(base + "resource/"); !r.empty()) s.resource_files[r] = bytes;
    else if (auto p = under("scaffolds/_shared/"); !p.empty()) s.partials[p] = bytes;
  }
  return s;
}

}  // namespace

TemplateSource reconstruct_version(const TemplateSource& newest, int newest_version,
                                   const std::map<std::string, std::string>& raw, int version) {
  if (version > newest_version || version < 1)
    throw ScaffoldError(fmt::format("the {} template has no version {} (the newest is {})", newest.name, version,
                                    newest_version));
  if (version == newest_version) return newest;
  std::map<std::string, std::string> files = repository_layout(newest);
  for (int v = newest_version - 1; v >= version; --v) {
    auto patch = raw.find(fmt::format("versions/{}.patch", v));
    if (patch == raw.end())
      throw ScaffoldError(fmt::format("version {} of the {} template is not kept in this svc", v, newest.name),
                          "upgrade with an svc release that still has it, or regenerate the service");
    files = apply_patch(files, patch->second, fmt::format("version {} of the {} template", v, newest.name));
    // The files version v+1 added are listed rather than carried in the patch.
    if (auto absent = raw.find(fmt::format("versions/{}.absent", v)); absent != raw.end()) {
      std::istringstream lines(absent->second);
      for (std::string line; std::getline(lines, line);) files.erase(line);
    }
  }
  return from_layout(newest, files, version);
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
