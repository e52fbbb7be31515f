#include "scaffolds/engine/template_patch.h"

#include <git2/sys/mempack.h>
#include <git2/sys/repository.h>

#include <fmt/format.h>

#include "common/git_handle.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

using engine::GitPtr;

struct Failure {
  const std::string& what;
  void operator()(int rc, const char* step) const {
    if (rc < 0)
      throw ScaffoldError(fmt::format("{}: cannot {}: {}", what, step, engine::last_git_error()),
                          "the template archive in this svc is damaged; reinstall svc");
  }
};

}  // namespace

std::map<std::string, std::string> apply_patch(const std::map<std::string, std::string>& files,
                                               const std::string& patch, const std::string& what) {
  engine::ensure_libgit2();
  Failure check{what};
  // A repository with an object database in memory only.
  GitPtr<git_repository, git_repository_free> repo;
  check(git_repository_new(&repo.ptr), "make a repository in memory");
  GitPtr<git_odb, git_odb_free> odb;
  check(git_odb_new(&odb.ptr), "make an object database");
  git_odb_backend* mempack = nullptr;
  check(git_mempack_new(&mempack), "make an in-memory object store");
  check(git_odb_add_backend(odb.ptr, mempack, 1), "add the object store");
  check(git_repository_set_odb(repo.ptr, odb.ptr), "use the object store");

  GitPtr<git_index, git_index_free> before;
  check(git_index_new(&before.ptr), "make an index");
  for (const auto& [path, bytes] : files) {
    git_index_entry entry{};
    check(git_blob_create_from_buffer(&entry.id, repo.ptr, bytes.data(), bytes.size()), "store a file");
    entry.mode = GIT_FILEMODE_BLOB;
    entry.path = path.c_str();
    check(git_index_add(before.ptr, &entry), "index a file");
  }
  git_oid tree_id;
  check(git_index_write_tree_to(&tree_id, before.ptr, repo.ptr), "write the tree");
  GitPtr<git_tree, git_tree_free> tree;
  check(git_tree_lookup(&tree.ptr, repo.ptr, &tree_id), "read the tree");

  GitPtr<git_diff, git_diff_free> diff;
  check(git_diff_from_buffer(&diff.ptr, patch.data(), patch.size()), "read the patch");
  GitPtr<git_index, git_index_free> after;
  check(git_apply_to_tree(&after.ptr, repo.ptr, tree.ptr, diff.ptr, nullptr), "apply the patch");

  std::map<std::string, std::string> out;
  for (std::size_t i = 0, n = git_index_entrycount(after.ptr); i < n; ++i) {
    const git_index_entry* e = git_index_get_byindex(after.ptr, i);
    GitPtr<git_blob, git_blob_free> blob;
    check(git_blob_lookup(&blob.ptr, repo.ptr, &e->id), "read a file");
    out[e->path] = std::string(static_cast<const char*>(git_blob_rawcontent(blob.ptr)),
                               static_cast<std::size_t>(git_blob_rawsize(blob.ptr)));
  }
  return out;
}

}  // namespace svc::scaffolds
