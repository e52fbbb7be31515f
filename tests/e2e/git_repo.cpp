#include "e2e/git_repo.h"

#include <stdexcept>

#include <git2.h>

#include "common/git_handle.h"

namespace svc::e2e {
namespace {

using engine::GitPtr;

void check(int rc, const char* what) {
  if (rc >= 0) return;
  throw std::runtime_error(std::string(what) + ": " + engine::last_git_error());
}

}  // namespace

GitRepo::GitRepo(const std::filesystem::path& workdir) {
  git_libgit2_init();  // reference-counted, paired with the shutdown below
  check(git_repository_init(&repo_, workdir.string().c_str(), 0), "git init");
}

GitRepo::~GitRepo() {
  git_repository_free(repo_);
  git_libgit2_shutdown();
}

void GitRepo::add(const std::vector<std::string>& relative_paths) {
  GitPtr<git_index, git_index_free> index;
  check(git_repository_index(&index.ptr, repo_), "open index");
  for (const auto& p : relative_paths) check(git_index_add_bypath(index.ptr, p.c_str()), p.c_str());
  check(git_index_write(index.ptr), "write index");
}

void GitRepo::commit(const std::string& message) {
  GitPtr<git_index, git_index_free> index;
  check(git_repository_index(&index.ptr, repo_), "open index");
  git_oid tree_id, commit_id;
  check(git_index_write_tree(&tree_id, index.ptr), "write tree");
  GitPtr<git_tree, git_tree_free> tree;
  check(git_tree_lookup(&tree.ptr, repo_, &tree_id), "lookup tree");
  GitPtr<git_signature, git_signature_free> author;
  // A fixed time keeps the repository identical from run to run.
  check(git_signature_new(&author.ptr, "svc e2e", "e2e@example.com", 1700000000, 0), "signature");

  GitPtr<git_commit, git_commit_free> parent;
  git_oid head;
  bool has_parent = git_reference_name_to_id(&head, repo_, "HEAD") == 0;
  if (has_parent) check(git_commit_lookup(&parent.ptr, repo_, &head), "lookup HEAD");
  const git_commit* parents[] = {parent.ptr};
  check(git_commit_create(&commit_id, repo_, "HEAD", author.ptr, author.ptr, nullptr, message.c_str(), tree.ptr,
                          has_parent ? 1 : 0, has_parent ? parents : nullptr),
        "commit");
}

}  // namespace svc::e2e
