#include "common/input_file.h"
#include "scaffolds/engine/writer.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "common/output_file.h"
#include "scaffolds/engine/scaffold_error.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

// A file already in the target, read to compare with what would be written there.
std::string read_bytes(const fs::path& p, const fs::path& target) {
  engine::InputFile in = engine::read_input_file(p.string(), target.string());
  if (!in.ok()) throw ScaffoldError(fmt::format("cannot read {}: {}", p.string(), in.error));
  return std::move(in.text);
}

// What this run changed, so a failure can put the disk back as it found it.
class Undo {
 public:
  void created_dir(const fs::path& p) { dirs_.push_back(p); }
  void created_file(const fs::path& p) { files_.push_back(p); }
  void overwrote(const fs::path& p, std::string old, fs::perms perms) { old_.push_back({p, std::move(old), perms}); }

  // Best effort: every step is tried even when one fails.
  void run() {
    std::error_code ec;
    for (auto it = files_.rbegin(); it != files_.rend(); ++it) fs::remove(*it, ec);
    for (const auto& o : old_) {
      std::string err;
      if (cli::write_file_atomically(o.path.string(), o.content, err)) fs::permissions(o.path, o.perms, ec);
    }
    for (auto it = dirs_.rbegin(); it != dirs_.rend(); ++it) fs::remove(*it, ec);  // only if empty
  }

 private:
  struct Old {
    fs::path path;
    std::string content;
    fs::perms perms;
  };
  std::vector<fs::path> dirs_, files_;
  std::vector<Old> old_;
};

// The target and any folder above it may be missing too (an absolute --dir).
void make_parents(const fs::path& file, Undo& undo) {
  std::vector<fs::path> missing;
  for (fs::path p = file.parent_path(); !fs::exists(p); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    std::error_code ec;
    fs::create_directory(*it, ec);
    if (ec) throw ScaffoldError(fmt::format("cannot create {}: {}", it->string(), ec.message()));
    undo.created_dir(*it);
  }
}

void remove_one(const fs::path& target, const PlanEntry& e, const WriteOptions& options, Undo& undo) {
  fs::path path = target / e.file.path;
  std::string err = options.fault ? options.fault(e.file.path) : "";
  fs::perms perms = fs::status(path).permissions();
  std::error_code ec;
  if (err.empty() && !fs::remove(path, ec) && ec) err = ec.message();
  if (!err.empty()) throw ScaffoldError(fmt::format("cannot remove {}: {}", path.string(), err));
  undo.overwrote(path, e.current, perms);
}

void write_one(const fs::path& target, const PlanEntry& e, const WriteOptions& options, Undo& undo) {
  if (e.state == FileState::remove) return remove_one(target, e, options, undo);
  fs::path path = target / e.file.path;
  make_parents(path, undo);
  std::string err = options.fault ? options.fault(e.file.path) : "";
  fs::perms old_perms = fs::perms::none;
  bool replaces = e.state == FileState::overwrite || e.state == FileState::edit;
  if (replaces) old_perms = fs::status(path).permissions();
  if (err.empty()) cli::write_file_atomically(path.string(), e.file.content, err);
  if (!err.empty()) throw ScaffoldError(fmt::format("cannot write {}: {}", path.string(), err));
  if (replaces) undo.overwrote(path, e.current, old_perms);
  else undo.created_file(path);
  if (e.file.executable) {
    std::error_code ec;
    fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                              fs::perms::others_read | fs::perms::others_exec, ec);
    if (ec) throw ScaffoldError(fmt::format("cannot make {} executable: {}", path.string(), ec.message()));
  }
}

}  // namespace

std::vector<PlanEntry> compare_with_disk(const fs::path& target, std::vector<PlannedFile> files) {
  std::vector<PlanEntry> plan;
  for (auto& f : files) {
    PlanEntry e{std::move(f), FileState::create, ""};
    fs::path path = target / e.file.path;
    if (fs::is_regular_file(path)) {
      e.current = read_bytes(path, target);
      e.state = e.current == e.file.content ? FileState::unchanged
                : e.file.repository_edit      ? FileState::edit
                                              : FileState::overwrite;
    }
    plan.push_back(std::move(e));
  }
  return plan;
}

std::vector<std::string> files_to_overwrite(const std::vector<PlanEntry>& plan) {
  std::vector<std::string> out;
  for (const auto& e : plan)
    if (e.state == FileState::overwrite) out.push_back(e.file.path);
  return out;
}

WriteSummary write_plan(const fs::path& target, const std::vector<PlanEntry>& plan, const WriteOptions& options) {
  WriteSummary summary;
  Undo undo;
  try {
    for (const auto& e : plan) {
      if (options.cancel && options.cancel->load()) throw Interrupted();
      if (e.state == FileState::unchanged) {
        ++summary.unchanged;
        continue;
      }
      write_one(target, e, options, undo);
      ++(e.state == FileState::create   ? summary.created
         : e.state == FileState::edit   ? summary.edited
         : e.state == FileState::remove ? summary.removed
                                        : summary.overwritten);
    }
    if (options.finish) options.finish();
    if (options.cancel && options.cancel->load()) throw Interrupted();
  } catch (const ScaffoldError& e) {
    undo.run();
    throw ScaffoldError(e.what(), "nothing was left behind: the files and folders this run created were removed "
                                  "and overwritten files restored");
  } catch (...) {
    undo.run();
    throw;
  }
  return summary;
}

}  // namespace svc::scaffolds
