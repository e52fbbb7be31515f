#include <fmt/format.h>

#include "common/input_file.h"
#include "scaffolds/engine/template_source.h"

#include <fstream>
#include <set>
#include <sstream>

#include "scaffolds/engine/embedded.h"
#include "scaffolds/engine/scaffold_error.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

const std::string kFilesPrefix = "files/", kResourcePrefix = "resource/";

// A template's file: a regular file, and a symlink only to somewhere inside `folder`
// (a template must not pull /etc/shadow into a new service).
std::string read_bytes(const fs::path& p, const fs::path& folder) {
  engine::InputFile in = engine::read_input_file(p.string(), folder.string());
  if (!in.ok()) throw ScaffoldError(fmt::format("cannot read {}: {}", p.string(), in.error));
  return std::move(in.text);
}

// Every regular file under `root`, keyed by its '/'-separated path relative to it.
std::map<std::string, std::string> read_tree(const fs::path& root) {
  std::map<std::string, std::string> out;
  if (!fs::is_directory(root)) return out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    out[entry.path().lexically_relative(root).generic_string()] = read_bytes(entry.path(), root);
  }
  return out;
}

}  // namespace

std::vector<std::string> embedded_template_names() {
  std::set<std::string> names;
  for (const auto& f : embedded_files())
    if (std::string(f.path) == "template.yaml") names.insert(f.template_name);
  return {names.begin(), names.end()};
}

std::optional<TemplateSource> embedded_template(const std::string& name) {
  TemplateSource source;
  source.name = name;
  source.manifest_path = "scaffolds/" + name + "/template.yaml";
  bool found = false;
  for (const auto& f : embedded_files()) {
    std::string path = f.path;
    std::string bytes(reinterpret_cast<const char*>(f.data), f.size);
    if (std::string(f.template_name) == kSharedFolder) {
      source.partials[path] = std::move(bytes);
      continue;
    }
    if (name != f.template_name) continue;
    if (path == "template.yaml") {
      source.manifest_text = std::move(bytes);
      found = true;
    } else if (path.rfind(kFilesPrefix, 0) == 0) {
      source.files[path.substr(kFilesPrefix.size())] = std::move(bytes);
    } else if (path.rfind(kResourcePrefix, 0) == 0) {
      source.resource_files[path.substr(kResourcePrefix.size())] = std::move(bytes);
    }
  }
  if (!found) return std::nullopt;
  return source;
}

TemplateSource load_template_folder(const fs::path& folder) {
  TemplateSource source;
  source.name = folder.filename().string();
  if (source.name.empty()) source.name = folder.parent_path().filename().string();
  source.manifest_path = (folder / "template.yaml").string();
  if (!fs::is_regular_file(source.manifest_path))
    throw ScaffoldError(source.manifest_path + " does not exist", "a template folder holds template.yaml and files/");
  source.manifest_text = read_bytes(source.manifest_path, folder);
  source.files = read_tree(folder / "files");
  source.resource_files = read_tree(folder / "resource");
  fs::path parent = folder.filename().empty() ? folder.parent_path().parent_path() : folder.parent_path();
  source.partials = read_tree(parent / kSharedFolder);
  return source;
}

}  // namespace svc::scaffolds
