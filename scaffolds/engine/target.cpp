#include "scaffolds/engine/target.h"

#include <fmt/format.h>

#include "scaffolds/engine/scaffold_error.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

fs::path resolved(const fs::path& p) {
  std::error_code ec;
  fs::path r = fs::weakly_canonical(p, ec);
  if (ec) throw ScaffoldError(fmt::format("cannot resolve {}: {}", p.string(), ec.message()));
  return r;
}

// One component that exists on disk: where it leads must stay under the target.
void check_existing(const fs::path& p, const fs::path& root_real, bool is_last) {
  fs::file_status link = fs::symlink_status(p);
  if (fs::is_symlink(link)) {
    // Read the link itself: a dangling one would otherwise look like a plain new path.
    fs::path to = fs::read_symlink(p);
    if (to.is_relative()) to = p.parent_path() / to;
    to = resolved(to);
    if (!is_within(to, root_real))
      throw ScaffoldError(fmt::format("{} is a symlink to {}, outside the service directory", p.string(), to.string()),
                          "svc new never writes through a symlink that leaves the target; remove it or pick another --dir");
    // A folder that links back to where it stands or above (`src -> .`) would make two
    // template paths one file, and one write land where another was planned.
    if (!is_last && is_within(resolved(p.parent_path()), to))
      throw ScaffoldError(fmt::format("{} is a symlink to {}, a folder that holds it: svc new does not write "
                                      "through a loop", p.string(), to.string()),
                          "remove the link or pick another --dir");
  }
  fs::file_status st = fs::status(p);
  if (!is_last && fs::exists(st) && !fs::is_directory(st))
    throw ScaffoldError(fmt::format("{} is a file, but the template puts files inside a folder of that name", p.string()),
                        "move it away or pick another --dir");
  if (is_last && fs::is_directory(st))
    throw ScaffoldError(fmt::format("{} is a folder, but the template writes a file there", p.string()),
                        "move it away or pick another --dir");
}

}  // namespace

bool is_within(const fs::path& path, const fs::path& root) {
  fs::path rel = path.lexically_normal().lexically_relative(root.lexically_normal());
  return !rel.empty() && *rel.begin() != "..";
}

fs::path resolve_target(const std::string& dir_flag, const std::string& name, const fs::path& cwd) {
  fs::path given(dir_flag.empty() ? name : dir_flag);
  if (given.is_absolute()) return given.lexically_normal();
  fs::path normal = given.lexically_normal();
  fs::path target = (cwd / normal).lexically_normal();
  if (!normal.empty() && *normal.begin() == "..")
    throw ScaffoldError(fmt::format("--dir {} leaves the current directory", dir_flag),
                        "pass a folder below the current directory, or an absolute path if you mean it");
  fs::path cwd_real = resolved(cwd), target_real = resolved(target);
  if (!is_within(target_real, cwd_real))
    throw ScaffoldError(fmt::format("{} resolves to {}, outside the current directory (through a symlink)",
                                    given.string(), target_real.string()),
                        "pass the real folder as an absolute --dir if you mean it");
  return target;
}

void check_target_paths(const fs::path& target, const std::vector<std::string>& relative_paths) {
  fs::path root_real = resolved(target);
  if (fs::exists(target) && !fs::is_directory(target))
    throw ScaffoldError(fmt::format("{} exists and is not a folder", target.string()), "pick another --dir");
  for (const auto& rel : relative_paths) {
    fs::path current = target;
    fs::path parts(rel);
    std::size_t count = std::distance(parts.begin(), parts.end()), i = 0;
    for (const auto& part : parts) {
      current /= part;
      ++i;
      if (!fs::exists(fs::symlink_status(current))) break;  // nothing below exists either
      check_existing(current, root_real, i == count);
    }
  }
}

}  // namespace svc::scaffolds
