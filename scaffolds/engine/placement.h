#pragma once
// Where a new service lands: alone (its folder is, or becomes, its own repository) or in
// an existing repository below its root, a monorepo whose shared files (CI workflows,
// compose file, workspace list) the service joins.
#include <filesystem>
#include <optional>
#include <string>

namespace svc::scaffolds {

struct Placement {
  // What the plan's paths are relative to: the repository's root in a monorepo, else
  // the service's folder.
  std::filesystem::path root;
  std::string service_dir = ".";  // the service from `root`, '/'-separated
  // The repository's compose file, relative to `root`, when it has one at its root.
  std::optional<std::string> root_compose;

  bool monorepo() const { return service_dir != "."; }
  // `path` (relative to the service) as a path relative to `root`.
  std::string from_root(const std::string& path) const;
};

// `target` is absolute. Inside a git work tree whose root is above `target`, the
// placement is that monorepo; otherwise the service stands alone.
Placement place_service(const std::filesystem::path& target);

// The compose file names Compose looks for, in its order of preference.
std::optional<std::string> find_compose_file(const std::filesystem::path& folder);

}  // namespace svc::scaffolds
