#include "scaffolds/engine/work_tree_status.h"

#include "common/git_handle.h"
#include "scaffolds/engine/git_init.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {

std::vector<std::string> uncommitted_changes(const fs::path& folder) {
  std::vector<std::string> out;
  std::optional<fs::path> root = git_work_tree_root(folder);
  if (!root) return out;
  engine::ensure_libgit2();
  engine::GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open(&repo.ptr, root->c_str()) != 0) return out;
  std::error_code ec;
  std::string rel = fs::weakly_canonical(folder, ec).lexically_relative(fs::weakly_canonical(*root, ec)).generic_string();
  std::string pattern = rel.empty() || rel == "." ? "*" : rel + "/*";
  char* patterns[] = {pattern.data()};
  git_status_options options;
  git_status_options_init(&options, GIT_STATUS_OPTIONS_VERSION);
  options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
  options.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
  options.pathspec = {patterns, 1};
  engine::GitPtr<git_status_list, git_status_list_free> list;
  if (git_status_list_new(&list.ptr, repo.ptr, &options) != 0) return out;
  for (std::size_t i = 0, n = git_status_list_entrycount(list.ptr); i < n; ++i) {
    const git_status_entry* e = git_status_byindex(list.ptr, i);
    if (e->status == GIT_STATUS_CURRENT || (e->status & GIT_STATUS_IGNORED)) continue;
    const git_diff_delta* d = e->index_to_workdir ? e->index_to_workdir : e->head_to_index;
    if (d) out.push_back(d->new_file.path ? d->new_file.path : d->old_file.path);
  }
  return out;
}

}  // namespace svc::scaffolds
