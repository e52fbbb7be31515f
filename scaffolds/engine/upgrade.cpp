#include "scaffolds/engine/upgrade.h"

#include <algorithm>

#include <fmt/format.h>

#include "common/input_file.h"
#include "scaffolds/engine/answers.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/repository_join.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/resource_names.h"
#include "scaffolds/engine/stamp.h"
#include "scaffolds/engine/stamp_read.h"
#include "scaffolds/engine/template_versions.h"
#include "scaffolds/engine/work_tree_status.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

struct Version {
  TemplateSource source;
  Manifest manifest;
  Answers answers;
};

// The answers as a later version takes them: the recorded ones it still has, then --set.
Answers answers_for(const Manifest& m, const std::map<std::string, std::string>& recorded,
                    const std::map<std::string, std::string>& sets) {
  AnswerInputs inputs;
  for (const auto& [k, v] : recorded)
    if (m.find(k)) inputs.flags[k] = v;
  for (const auto& [k, v] : sets) inputs.flags[k] = v;
  return resolve_answers(m, inputs);
}

Version load(const std::string& name, int version, const std::map<std::string, std::string>& recorded,
             const std::map<std::string, std::string>& sets) {
  Version v;
  v.source = embedded_template_version(name, version);
  v.manifest = parse_manifest(v.source.manifest_text, v.source.manifest_path, name);
  v.answers = answers_for(v.manifest, recorded, sets);
  return v;
}

void refuse_dirty(const fs::path& dir) {
  std::vector<std::string> dirty = uncommitted_changes(dir);
  if (dirty.empty()) return;
  std::string list;
  for (std::size_t i = 0; i < dirty.size() && i < 10; ++i) list += "\n  " + dirty[i];
  if (dirty.size() > 10) list += fmt::format("\n  ... and {} more", dirty.size() - 10);
  throw ScaffoldError(fmt::format("{} uncommitted change(s) in the service:{}", dirty.size(), list),
                      "commit or stash them first, so the upgrade can be reviewed and undone with git; "
                      "--allow-dirty goes on anyway");
}

PlanEntry entry_for(const UpgradeFile& f, bool executable) {
  PlanEntry e;
  e.file = PlannedFile{f.path, f.result, executable};
  e.current = f.yours;
  e.state = f.action == UpgradeAction::remove ? FileState::remove
            : f.exists                        ? FileState::overwrite
                                              : FileState::create;
  return e;
}

bool writes(UpgradeAction a) {
  return a == UpgradeAction::update || a == UpgradeAction::merge || a == UpgradeAction::conflict ||
         a == UpgradeAction::add || a == UpgradeAction::remove;
}

// Renders each recorded resource with `v`'s resource/ files into `files` (paths from the
// root); returns the tables they own.
std::vector<std::string> add_resources(const Version& v, const std::vector<ResourceRecord>& records,
                                       const Placement& place, std::map<std::string, PlannedFile>& files) {
  std::vector<std::string> tables;
  if (!v.manifest.resource.present) return tables;
  for (const auto& record : records) {
    ExtraValues extra = record_values(record);
    for (auto& f : render_resource_files(v.source, v.manifest, v.answers, extra)) {
      f.path = place.from_root(f.path);
      files[f.path] = std::move(f);
    }
    for (const auto& t : v.manifest.resource.owns)
      if (condition_holds(t, v.answers))
        tables.push_back(render_text(t.table, v.manifest, v.answers, "resource.owns", {}, {}, &extra));
  }
  return tables;
}

}  // namespace

int UpgradeResult::attention() const {
  return static_cast<int>(std::count_if(files.begin(), files.end(), [](const auto& f) { return needs_attention(f.action); }));
}

UpgradeResult upgrade_service(const UpgradeRequest& request) {
  Stamp stamp = read_stamp(request.dir);
  Version base = load(stamp.template_name, stamp.version, stamp.answers, {});
  Version theirs = load(stamp.template_name, request.to_version, base.answers, request.sets);
  if (theirs.manifest.version < base.manifest.version)
    throw ScaffoldError(fmt::format("the service is at version {} of the {} template; --to {} would go back",
                                    base.manifest.version, stamp.template_name, theirs.manifest.version),
                        "svc upgrade only moves forward");
  if (!request.allow_dirty) refuse_dirty(request.dir);

  UpgradeResult r;
  r.template_name = stamp.template_name;
  r.from_version = base.manifest.version;
  r.to_version = theirs.manifest.version;
  r.from_answers = base.answers;
  r.to_answers = theirs.answers;
  r.placement = place_service(fs::absolute(request.dir).lexically_normal());
  const Placement& place = r.placement;
  Surroundings where = surroundings_of(place);
  RenderedTemplate base_render = render_template(base.source, base.manifest, base.answers, where);
  RenderedTemplate their_render = render_template(theirs.source, theirs.manifest, theirs.answers, where);
  auto base_files = layout_from_root(place, base.manifest, base.answers.at("name"), base_render);
  auto their_files = layout_from_root(place, theirs.manifest, theirs.answers.at("name"), their_render);
  // The resources `svc add resource` wrote are rendered again too, on both sides.
  std::vector<std::string> base_tables = add_resources(base, stamp.resources, place, base_files);
  std::vector<std::string> their_tables = add_resources(theirs, stamp.resources, place, their_files);

  auto text_of = [](const std::map<std::string, PlannedFile>& files) {
    std::map<std::string, std::string> out;
    for (const auto& [p, f] : files) out[p] = f.content;
    return out;
  };
  auto read = [&](const std::string& path) -> std::optional<std::string> {
    fs::path p = place.root / path;
    if (!fs::is_regular_file(p)) return std::nullopt;
    engine::InputFile in = engine::read_input_file(p.string(), place.root.string());
    if (!in.ok()) throw ScaffoldError(fmt::format("cannot read {}: {}", p.string(), in.error));
    return std::move(in.text);
  };
  r.files = plan_upgrade(text_of(base_files), text_of(their_files), read, r.from_version, r.to_version);
  r.stamp_path = place.from_root(kStampFile);
  if (request.dry_run) return r;

  std::vector<PlanEntry> plan;
  for (const auto& f : r.files) {
    if (!writes(f.action)) continue;
    auto t = their_files.find(f.path);
    plan.push_back(entry_for(f, t != their_files.end() && t->second.executable));
  }
  // Last, so an interrupted upgrade still records the old version and answers. The rest
  // of .svc.yaml is the team's configuration: only the template block and the owned
  // tables change, and tables the team added to owns: stay.
  std::map<std::string, std::string> hashes;
  for (const auto& f : their_render.files)
    if (their_files.count(place.from_root(f.path))) hashes[f.path] = xxh3_digest(f.content);
  std::vector<std::string> owns = their_render.owns;
  owns.insert(owns.end(), their_tables.begin(), their_tables.end());
  for (const auto& t : stamp.owns) {
    bool generated = std::count(base_render.owns.begin(), base_render.owns.end(), t) ||
                     std::count(base_tables.begin(), base_tables.end(), t);
    if (!generated && !std::count(owns.begin(), owns.end(), t)) owns.push_back(t);
  }
  std::string stamp_text =
      restamp(stamp.text, stamp_template_block(theirs.manifest, theirs.answers, hashes, stamp.resources), owns);
  PlanEntry stamp_entry;
  stamp_entry.file = PlannedFile{r.stamp_path, stamp_text, false};
  stamp_entry.current = read(r.stamp_path).value_or("");
  stamp_entry.state = stamp_entry.current == stamp_text ? FileState::unchanged : FileState::overwrite;
  plan.push_back(stamp_entry);
  r.summary = write_plan(place.root, plan, request.write);
  return r;
}

}  // namespace svc::scaffolds
