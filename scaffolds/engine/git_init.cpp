#include "scaffolds/engine/git_init.h"

#include <fmt/format.h>

#include "common/git_handle.h"
#include "scaffolds/engine/scaffold_error.h"

namespace fs = std::filesystem;

namespace svc::scaffolds {
namespace {

using engine::GitPtr;

void check(int rc, const std::string& what) {
  if (rc < 0)
    throw ScaffoldError(fmt::format("git: cannot {}: {}", what, engine::last_git_error()),
                        "the files are written; run `git init` yourself, or use --no-git next time");
}

fs::path nearest_existing(fs::path p) {
  while (!fs::exists(p) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
  return p;
}

}  // namespace

bool inside_git_work_tree(const fs::path& path) {
  engine::ensure_libgit2();
  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.ptr, nearest_existing(path).c_str(), 0, nullptr) != 0) return false;
  return !git_repository_is_bare(repo.ptr);
}

std::optional<fs::path> git_work_tree_root(const fs::path& path) {
  engine::ensure_libgit2();
  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.ptr, nearest_existing(path).c_str(), 0, nullptr) != 0) return std::nullopt;
  const char* workdir = git_repository_workdir(repo.ptr);
  if (!workdir) return std::nullopt;
  return fs::path(workdir).lexically_normal().parent_path();  // workdir ends with '/'
}

void init_and_commit(const fs::path& dir, const std::vector<std::string>& paths, const std::string& message) {
  engine::ensure_libgit2();
  GitPtr<git_repository, git_repository_free> repo;
  check(git_repository_init(&repo.ptr, dir.c_str(), 0), "initialise a repository");
  GitPtr<git_index, git_index_free> index;
  check(git_repository_index(&index.ptr, repo.ptr), "open the index");
  for (const auto& p : paths) check(git_index_add_bypath(index.ptr, p.c_str()), "add " + p);
  check(git_index_write(index.ptr), "write the index");
  git_oid tree_id, commit_id;
  check(git_index_write_tree(&tree_id, index.ptr), "write the tree");
  GitPtr<git_tree, git_tree_free> tree;
  check(git_tree_lookup(&tree.ptr, repo.ptr, &tree_id), "read the tree");
  GitPtr<git_signature, git_signature_free> author;
  if (git_signature_default(&author.ptr, repo.ptr) != 0)
    check(git_signature_now(&author.ptr, "svc", "svc@localhost"), "make a signature");
  check(git_commit_create(&commit_id, repo.ptr, "HEAD", author.ptr, author.ptr, nullptr, message.c_str(), tree.ptr, 0,
                          nullptr),
        "commit");
}

}  // namespace svc::scaffolds
