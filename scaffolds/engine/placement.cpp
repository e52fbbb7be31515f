#include "scaffolds/engine/placement.h"

#include "scaffolds/engine/git_init.h"
#include "scaffolds/engine/target.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {

std::string Placement::from_root(const std::string& path) const {
  return monorepo() ? service_dir + "/" + path : path;
}

std::optional<std::string> find_compose_file(const fs::path& folder) {
  for (const char* name : {"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"})
    if (fs::is_regular_file(folder / name)) return std::string(name);
  return std::nullopt;
}

Placement place_service(const fs::path& target) {
  Placement p;
  p.root = target;
  std::optional<fs::path> work_tree = git_work_tree_root(target);
  if (!work_tree) return p;
  std::error_code ec;
  // Compared resolved, so that /tmp -> /private/tmp style links do not hide the relation.
  fs::path root = fs::weakly_canonical(*work_tree, ec), service = fs::weakly_canonical(target, ec);
  if (ec || !is_within(service, root)) return p;
  std::string rel = service.lexically_relative(root).generic_string();
  if (rel.empty() || rel == ".") return p;
  p.root = *work_tree;
  p.service_dir = rel;
  p.root_compose = find_compose_file(p.root);
  return p;
}

}  // namespace svc::scaffolds
