#include <filesystem>

#include "scaffolds/engine/generate.h"

#include <algorithm>

#include <fmt/format.h>

#include "scaffolds/engine/dry_run.h"
#include "scaffolds/engine/git_init.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/stamp.h"
#include "scaffolds/engine/target.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

std::vector<PlannedFile> with_stamp(const Manifest& m, const Answers& answers, const RenderedTemplate& rendered) {
  std::vector<PlannedFile> files = rendered.files;
  files.push_back({kStampFile, stamp_yaml(m, answers, rendered), false});
  return files;  // sorted by the caller, with the repository's files
}

[[noreturn]] void refuse_overwrite(const std::vector<std::string>& paths) {
  std::string list;
  for (const auto& p : paths) list += "\n  " + p;
  throw ScaffoldError(fmt::format("{} existing file(s) would be overwritten:{}", paths.size(), list),
                      "nothing was written; --force overwrites them, --dry-run shows the differences");
}

}  // namespace

GenerateResult generate(const TemplateSource& source, const GenerateRequest& request, std::ostream& out) {
  GenerateResult result;
  result.manifest = parse_manifest(source.manifest_text, source.manifest_path, source.name);
  result.answers = resolve_answers(result.manifest, request.answers);
  result.target = resolve_target(request.dir, result.answers.at("name"), request.cwd);
  result.placement = place_service(result.target);
  const Placement& place = result.placement;
  result.rendered = render_template(source, result.manifest, result.answers, surroundings_of(place));
  result.repository = join_repository(place, result.manifest, result.answers.at("name"), result.rendered);

  std::vector<PlannedFile> files = with_stamp(result.manifest, result.answers, result.rendered);
  for (auto& f : files) f.path = place.from_root(f.path);
  for (const auto& r : result.repository) files.push_back(r.file);
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  std::vector<std::string> paths;
  for (const auto& f : files) paths.push_back(f.path);
  check_target_paths(place.root, paths);
  result.plan = compare_with_disk(place.root, std::move(files));

  if (request.dry_run) {
    print_dry_run(out, place.root.string(), result.plan, request.color);
    return result;
  }
  if (auto conflicts = files_to_overwrite(result.plan); !conflicts.empty() && !request.force)
    refuse_overwrite(conflicts);

  bool inside_repo = request.git && inside_git_work_tree(result.target);  // asked before the folder exists
  result.git = !request.git ? GitOutcome::disabled : inside_repo ? GitOutcome::inside_work_tree : GitOutcome::committed;
  WriteOptions write = request.write;
  if (result.git == GitOutcome::committed) {
    // Part of the write: a failed commit (a stale .git file, a corrupt HEAD, a full disk)
    // or Ctrl-C during it leaves nothing behind, the repository it began included.
    fs::path git_dir = result.target / ".git";
    std::error_code ec;
    bool had_git = fs::exists(fs::symlink_status(git_dir, ec));
    write.finish = [&, git_dir, had_git] {
      auto drop_repository = [&] {
        std::error_code rm;
        if (!had_git) fs::remove_all(git_dir, rm);
      };
      try {
        init_and_commit(result.target, paths,
                        fmt::format("Scaffold {} from the {} template (version {}) with svc new",
                                    result.answers.at("name"), result.manifest.name, result.manifest.version));
      } catch (...) {
        drop_repository();
        throw;
      }
      if (request.write.cancel && request.write.cancel->load()) drop_repository();
    };
  }
  result.summary = write_plan(place.root, result.plan, write);
  return result;
}

}  // namespace svc::scaffolds
