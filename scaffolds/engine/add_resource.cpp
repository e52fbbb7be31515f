#include "scaffolds/engine/add_resource.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "common/input_file.h"
#include "common/path_glob.h"
#include "scaffolds/engine/answers.h"
#include "scaffolds/engine/dry_run.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/stamp.h"
#include "scaffolds/engine/stamp_read.h"
#include "scaffolds/engine/target.h"
#include "scaffolds/engine/template_versions.h"
#include "scaffolds/engine/variables.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

struct Context {
  TemplateSource source;
  Manifest manifest;
  Answers answers;
  ExtraValues extra;
  fs::path dir;
  std::map<std::string, std::string> edited;  // path -> text, for files edited more than once

  std::string render(const std::string& text, const std::string& what) const {
    return render_text(text, manifest, answers, what, source.partials, {}, &extra);
  }
  std::string read(const std::string& path) {
    if (auto it = edited.find(path); it != edited.end()) return it->second;
    engine::InputFile in = engine::read_input_file((dir / path).string(), dir.string());
    if (!in.ok())
      throw ScaffoldError(fmt::format("cannot read {}: {}", (dir / path).string(), in.error),
                          "svc add resource edits this file of the generated service; restore it from git");
    return std::move(in.text);
  }
};

// The next migration number after the highest one among the files the glob names (a
// folder and a file pattern), zero-padded as they are.
void add_migration_values(Context& c) {
  const std::string& glob = c.manifest.resource.migrations;
  int highest = -1;
  std::size_t width = 4;
  if (!glob.empty()) {
    fs::path folder = c.dir / fs::path(glob).parent_path();
    std::string pattern = fs::path(glob).filename().string();
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(folder, ec)) {
      std::string file = e.path().filename().string();
      std::size_t digits = file.find_first_not_of("0123456789");
      if (digits == 0 || digits == std::string::npos || !engine::path_glob_matches(pattern, file)) continue;
      highest = std::max(highest, std::stoi(file.substr(0, digits)));
      width = digits;
    }
  }
  int next = highest + 1;
  c.extra.values["migration_number"] = fmt::format("{:0{}}", next, width);
  c.extra.values["migration_index"] = std::to_string(next);
  c.extra.values["previous_migration"] = highest < 0 ? "" : fmt::format("{:0{}}", highest, width);
  c.extra.values["first_migration"] = highest < 0;
  auto now = std::chrono::system_clock::now().time_since_epoch();
  c.extra.values["migration_when"] = std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count());
}

std::string insert_at_marker(const std::string& text, const ResourceInsert& i, const std::string& addition) {
  std::size_t at = text.find(i.marker);
  if (at == std::string::npos)
    throw ScaffoldError(fmt::format("{} has no line with the marker '{}'", i.path, i.marker),
                        "svc add resource adds its lines just above that marker; put it back where the template had it");
  std::size_t line = text.rfind('\n', at);
  line = line == std::string::npos ? 0 : line + 1;
  std::string block = addition;
  if (!block.empty() && block.back() != '\n') block += '\n';
  return text.substr(0, line) + block + text.substr(line);
}

std::string append_json(const std::string& text, const ResourceJsonAppend& a, const std::string& value) {
  nlohmann::ordered_json doc, item;
  try {
    doc = nlohmann::ordered_json::parse(text);
    item = nlohmann::ordered_json::parse(value);
  } catch (const nlohmann::json::exception& e) {
    throw ScaffoldError(fmt::format("{}: cannot add the resource's entry: {}", a.path, e.what()));
  }
  nlohmann::ordered_json::json_pointer pointer(a.array);
  if (!doc.contains(pointer) || !doc.at(pointer).is_array())
    throw ScaffoldError(fmt::format("{} has no array at {}", a.path, a.array));
  doc.at(pointer).push_back(item);
  return doc.dump(2) + "\n";
}

// Names the template's own code already uses, or its language or libraries reserve.
void refuse_reserved(const Manifest& m, const ResourceNames& names, const std::vector<ResourceField>& fields) {
  const auto& reserved = m.resource.reserved;
  auto taken = [&](const std::string& slug) {
    std::string snake = derive_names(slug).snake;
    return std::find(reserved.begin(), reserved.end(), slug) != reserved.end() ||
           std::find(reserved.begin(), reserved.end(), snake) != reserved.end();
  };
  for (const auto& name : {names.plural, names.singular})
    if (taken(name))
      throw ScaffoldError(fmt::format("'{}' is a name the {} template's own code uses", name, m.name),
                          fmt::format("pick another name; taken: {}", join(reserved)));
  if (int most = m.resource.max_name_length; most > 0 && derive_names(names.plural).snake.size() > std::size_t(most))
    throw ScaffoldError(fmt::format("'{}' is longer than the {} template's resources may be ({} characters)",
                                    names.plural, m.name, most),
                        "longer names would break the line length its linters keep; pick a shorter one");
  for (const auto& f : fields)
    if (std::find(m.resource.reserved_fields.begin(), m.resource.reserved_fields.end(), f.name) !=
        m.resource.reserved_fields.end())
      throw ScaffoldError(fmt::format("--fields: '{}' cannot be a field of a {} service", f.name, m.name),
                          "it is a keyword, or a name its libraries keep for themselves; pick another");
}

}  // namespace

AddResourceResult add_resource(const AddResourceRequest& request, std::ostream& out) {
  Context c;
  c.dir = request.dir;
  Stamp stamp = read_stamp(request.dir);
  c.source = request.source ? *request.source : embedded_template_version(stamp.template_name, stamp.version);
  c.manifest = parse_manifest(c.source.manifest_text, c.source.manifest_path, stamp.template_name);
  if (!c.manifest.resource.present)
    throw ScaffoldError(fmt::format("version {} of the {} template cannot add resources", stamp.version,
                                    stamp.template_name),
                        "`svc upgrade` to a version that can, then run this again");
  AnswerInputs inputs;
  for (const auto& [k, v] : stamp.answers)
    if (c.manifest.find(k)) inputs.flags[k] = v;
  c.answers = resolve_answers(c.manifest, inputs);

  AddResourceResult r;
  r.service = c.answers.at("name");
  r.template_name = stamp.template_name;
  r.names = resource_names(request.name);
  std::vector<ResourceField> fields = parse_fields(request.fields);
  refuse_reserved(c.manifest, r.names, fields);
  c.extra = resource_values(r.names, fields);
  add_migration_values(c);

  std::vector<PlannedFile> files = render_resource_files(c.source, c.manifest, c.answers, c.extra);
  for (const auto& i : c.manifest.resource.inserts)
    if (condition_holds(i, c.answers))
      c.edited[i.path] = insert_at_marker(c.read(i.path), i, c.render(i.text, "resource.inserts text"));
  for (const auto& a : c.manifest.resource.json_appends)
    if (condition_holds(a, c.answers))
      c.edited[a.path] = append_json(c.read(a.path), a, c.render(a.value, "resource.json_append value"));
  // .svc.yaml records the resource (svc upgrade renders it again) and owns its tables.
  std::vector<std::string> owns = stamp.owns;
  for (const auto& t : c.manifest.resource.owns)
    if (condition_holds(t, c.answers))
      if (std::string table = c.render(t.table, "resource.owns"); std::find(owns.begin(), owns.end(), table) == owns.end())
        owns.push_back(table);
  std::vector<ResourceRecord> resources = stamp.resources;
  auto value = [&](const char* key) { return std::get<std::string>(c.extra.values.at(key)); };
  resources.push_back({request.name, fields_spec(fields), value("migration_number"), value("previous_migration"),
                       value("migration_when")});
  c.edited[kStampFile] =
      restamp(stamp.text, stamp_template_block(c.manifest, c.answers, stamp.files, resources), owns);
  for (const auto& [path, text] : c.edited) files.push_back(PlannedFile{path, text, false, true});

  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  check_target_paths(request.dir, paths);
  r.plan = compare_with_disk(request.dir, files);
  // Any file of the resource already there, even identical, means it was added before.
  std::vector<std::string> existing;
  for (const auto& e : r.plan)
    if (!e.file.repository_edit && e.state != FileState::create) existing.push_back(e.file.path);
  if (!existing.empty()) {
    std::string list;
    for (const auto& p : existing) list += "\n  " + p;
    throw ScaffoldError(fmt::format("{} file(s) of the resource exist already:{}", existing.size(), list),
                        "nothing was written; pick another name, or move those files away");
  }
  r.next_steps = c.render(c.manifest.resource.next_steps, "resource.next_steps");
  if (request.dry_run) {
    print_dry_run(out, request.dir.string(), r.plan, request.color);
    return r;
  }
  r.summary = write_plan(request.dir, r.plan, request.write);
  return r;
}

}  // namespace svc::scaffolds
