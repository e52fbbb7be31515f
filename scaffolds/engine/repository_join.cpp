#include "scaffolds/engine/repository_join.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/input_file.h"
#include "scaffolds/engine/compose_merge.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/workspace_join.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

// Removes the rendered file at `path` from `rendered` and returns it.
std::optional<PlannedFile> take(RenderedTemplate& rendered, const std::string& path) {
  auto it = std::find_if(rendered.files.begin(), rendered.files.end(), [&](const auto& f) { return f.path == path; });
  if (path.empty() || it == rendered.files.end()) return std::nullopt;
  PlannedFile f = std::move(*it);
  rendered.files.erase(it);
  return f;
}

std::optional<std::string> read_root_file(const Placement& place, const std::string& path) {
  fs::path p = place.root / path;
  if (!fs::is_regular_file(p)) return std::nullopt;
  engine::InputFile in = engine::read_input_file(p.string(), place.root.string());
  if (!in.ok()) throw ScaffoldError(fmt::format("cannot read {}: {}", p.string(), in.error));
  return std::move(in.text);
}

std::string compose_names(const std::string& addition) {
  std::vector<std::string> names;
  try {
    YAML::Node doc = YAML::Load(addition);
    if (doc["services"] && doc["services"].IsMap())
      for (const auto& e : doc["services"]) names.push_back(e.first.as<std::string>());
  } catch (const YAML::Exception&) {
  }
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

Surroundings surroundings_of(const Placement& place) {
  Surroundings s;
  s.monorepo = place.monorepo();
  s.service_dir = place.service_dir;
  s.compose_context = place.monorepo() && place.root_compose ? place.service_dir : ".";
  return s;
}

std::vector<RepositoryFile> join_repository(const Placement& place, const Manifest& manifest,
                                            const std::string& service_name, RenderedTemplate& rendered) {
  std::vector<RepositoryFile> out;
  if (!place.monorepo()) return out;
  if (auto ci = take(rendered, manifest.ci_workflow)) {
    ci->path = ".github/workflows/" + service_name + ".yml";
    out.push_back({std::move(*ci), fmt::format("the service's CI, run when {}/ changes", place.service_dir)});
  }
  if (place.root_compose) {
    if (auto compose = take(rendered, manifest.compose)) {
      std::string existing = *read_root_file(place, *place.root_compose);
      PlannedFile edited{*place.root_compose, merge_compose(existing, compose->content, *place.root_compose), false,
                         true};
      out.push_back({std::move(edited), fmt::format("adds {}", compose_names(compose->content))});
    }
  }
  auto reader = [&](const std::string& path) { return read_root_file(place, path); };
  if (auto ws = find_workspace_file(manifest.language, reader))
    if (auto edit = join_workspace(*ws, place.service_dir))
      out.push_back({PlannedFile{edit->path, edit->content, false, true}, edit->description});
  return out;
}

std::map<std::string, PlannedFile> layout_from_root(const Placement& place, const Manifest& manifest,
                                                    const std::string& service_name, RenderedTemplate rendered) {
  std::map<std::string, PlannedFile> out;
  if (place.monorepo()) {
    if (auto ci = take(rendered, manifest.ci_workflow)) {
      ci->path = ".github/workflows/" + service_name + ".yml";
      out[ci->path] = std::move(*ci);
    }
    if (place.root_compose) take(rendered, manifest.compose);
  }
  for (auto& f : rendered.files) {
    f.path = place.from_root(f.path);
    out[f.path] = std::move(f);
  }
  return out;
}

}  // namespace svc::scaffolds
