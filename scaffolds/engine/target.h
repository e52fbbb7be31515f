#pragma once
// Where the service goes, and the checks that keep every write inside it: made before
// anything is written, so a refused run leaves the disk as it was.
#include <filesystem>
#include <string>
#include <vector>

namespace svc::scaffolds {

// `--dir DIR` when given, else ./NAME, made absolute against `cwd`. A relative target
// that leaves `cwd` (by `..` or through a symlink) throws ScaffoldError; an absolute
// --dir is taken as the user's explicit choice.
std::filesystem::path resolve_target(const std::string& dir_flag, const std::string& name,
                                     const std::filesystem::path& cwd);

// For each path (relative to `target`) the parts that already exist: a symlink resolving
// outside the target, a file where a folder is needed, or a folder where the file goes
// throws ScaffoldError.
void check_target_paths(const std::filesystem::path& target, const std::vector<std::string>& relative_paths);

// Whether `path` is `root` or below it (both lexically normal and absolute).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& root);

}  // namespace svc::scaffolds
