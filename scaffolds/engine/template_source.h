#pragma once
// A template's raw files: its manifest text and everything under files/. They come from
// the binary (what `svc new` uses), or from a folder or memory (tests, template authors).
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svc::scaffolds {

struct TemplateSource {
  std::string name;           // the folder name; the manifest's `name:` must equal it
  std::string manifest_path;  // how messages name template.yaml
  std::string manifest_text;
  std::map<std::string, std::string> files;  // path under files/ -> bytes
  // What `svc add resource` renders: path under resource/ -> bytes.
  std::map<std::string, std::string> resource_files;
  // Parts any template file includes with `{{> name}}`: path under scaffolds/_shared/ -> bytes.
  std::map<std::string, std::string> partials;
};

// The folder of shared parts beside the templates; it holds no template.yaml, so it is
// never listed or picked as a template.
inline constexpr const char* kSharedFolder = "_shared";

// Names of the templates built into the binary, sorted.
std::vector<std::string> embedded_template_names();
std::optional<TemplateSource> embedded_template(const std::string& name);

// Reads scaffolds/<name>/ from disk, with the partials of a sibling _shared/ folder;
// throws ScaffoldError when template.yaml is missing.
TemplateSource load_template_folder(const std::filesystem::path& folder);

}  // namespace svc::scaffolds
