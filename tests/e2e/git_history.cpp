#include "e2e/git_history.h"

#include <fstream>
#include <set>
#include <stdexcept>

#include <git2.h>

#include "common/git_handle.h"

namespace fs = std::filesystem;

namespace svc::e2e {
namespace {

using engine::GitPtr;

void check(int rc, const std::string& what) {
  if (rc >= 0) return;
  throw std::runtime_error(what + ": " + engine::last_git_error());
}

// An open repository with libgit2 initialised for its lifetime.
struct Repo {
  explicit Repo(const fs::path& workdir) {
    git_libgit2_init();
    check(git_repository_open(&repo.ptr, workdir.string().c_str()), "open " + workdir.string());
  }
  ~Repo() {
    git_repository_free(repo.ptr);
    repo.ptr = nullptr;
    git_libgit2_shutdown();
  }
  GitPtr<git_repository, git_repository_free> repo;
  git_repository* get() const { return repo.ptr; }
};

git_oid resolve(git_repository* repo, const std::string& spec) {
  GitPtr<git_object, git_object_free> obj;
  check(git_revparse_single(&obj.ptr, repo, spec.c_str()), "resolve " + spec);
  return *git_object_id(obj.ptr);
}

}  // namespace

void create_branch(const fs::path& workdir, const std::string& name) {
  Repo r(workdir);
  git_oid head = resolve(r.get(), "HEAD");
  GitPtr<git_commit, git_commit_free> commit;
  check(git_commit_lookup(&commit.ptr, r.get(), &head), "lookup HEAD");
  GitPtr<git_reference, git_reference_free> ref;
  check(git_branch_create(&ref.ptr, r.get(), name.c_str(), commit.ptr, 1), "branch " + name);
}

void switch_head(const fs::path& workdir, const std::string& branch) {
  Repo r(workdir);
  check(git_repository_set_head(r.get(), ("refs/heads/" + branch).c_str()), "switch to " + branch);
}

void commit_on(const fs::path& workdir, const std::string& branch, const std::map<std::string, std::string>& files,
               const std::string& message) {
  Repo r(workdir);
  std::string ref = "refs/heads/" + branch;
  git_oid tip = resolve(r.get(), ref);
  GitPtr<git_commit, git_commit_free> parent;
  check(git_commit_lookup(&parent.ptr, r.get(), &tip), "lookup " + branch);
  GitPtr<git_tree, git_tree_free> tree;
  check(git_commit_tree(&tree.ptr, parent.ptr), "tree of " + branch);
  GitPtr<git_index, git_index_free> index;  // in memory: the repository's index stays as it is
  check(git_index_new(&index.ptr), "new index");
  check(git_index_read_tree(index.ptr, tree.ptr), "read tree");
  for (const auto& [path, content] : files) {
    git_index_entry entry{};
    entry.mode = GIT_FILEMODE_BLOB;
    entry.path = path.c_str();
    check(git_blob_create_from_buffer(&entry.id, r.get(), content.data(), content.size()), "blob " + path);
    check(git_index_add(index.ptr, &entry), "add " + path);
  }
  git_oid tree_id, commit_id;
  check(git_index_write_tree_to(&tree_id, index.ptr, r.get()), "write tree");
  GitPtr<git_tree, git_tree_free> new_tree;
  check(git_tree_lookup(&new_tree.ptr, r.get(), &tree_id), "lookup tree");
  GitPtr<git_signature, git_signature_free> author;
  check(git_signature_new(&author.ptr, "svc e2e", "e2e@example.com", 1700000000, 0), "signature");
  const git_commit* parents[] = {parent.ptr};
  check(git_commit_create(&commit_id, r.get(), ref.c_str(), author.ptr, author.ptr, nullptr, message.c_str(),
                          new_tree.ptr, 1, parents),
        "commit on " + branch);
}

void unstage(const fs::path& workdir, const std::vector<std::string>& relative_paths) {
  Repo r(workdir);
  GitPtr<git_index, git_index_free> index;
  check(git_repository_index(&index.ptr, r.get()), "open index");
  for (const auto& p : relative_paths) check(git_index_remove_bypath(index.ptr, p.c_str()), "unstage " + p);
  check(git_index_write(index.ptr), "write index");
}

std::string commit_id(const fs::path& workdir, const std::string& spec) {
  Repo r(workdir);
  git_oid id = resolve(r.get(), spec);
  return git_oid_tostr_s(&id);
}

void make_shallow(const fs::path& workdir, const std::vector<std::string>& tips) {
  std::set<std::string> cut;  // the tips' ancestors
  std::ofstream shallow(workdir / ".git" / "shallow");
  {
    Repo r(workdir);
    GitPtr<git_revwalk, git_revwalk_free> walk;
    check(git_revwalk_new(&walk.ptr, r.get()), "revwalk");
    for (const auto& tip : tips) {
      git_oid id = resolve(r.get(), tip);
      shallow << git_oid_tostr_s(&id) << '\n';
      GitPtr<git_commit, git_commit_free> commit;
      check(git_commit_lookup(&commit.ptr, r.get(), &id), "lookup " + tip);
      for (unsigned i = 0; i < git_commit_parentcount(commit.ptr); ++i)
        check(git_revwalk_push(walk.ptr, git_commit_parent_id(commit.ptr, i)), "walk " + tip);
    }
    for (git_oid id; git_revwalk_next(&id, walk.ptr) == 0;) cut.insert(git_oid_tostr_s(&id));
  }
  for (const auto& tip : tips) cut.erase(commit_id(workdir, tip));
  for (const auto& id : cut) fs::remove(workdir / ".git" / "objects" / id.substr(0, 2) / id.substr(2));
}

std::string commit_as(const fs::path& workdir, const Author& author,
                      const std::map<std::string, std::optional<std::string>>& files, const std::string& message,
                      const std::string& branch) {
  Repo r(workdir);
  std::string ref = branch.empty() ? "HEAD" : "refs/heads/" + branch;
  GitPtr<git_commit, git_commit_free> parent;
  git_oid tip;
  if (git_reference_name_to_id(&tip, r.get(), ref.c_str()) == 0)
    check(git_commit_lookup(&parent.ptr, r.get(), &tip), "lookup " + ref);
  GitPtr<git_index, git_index_free> index;  // in memory: the repository's index stays as it is
  check(git_index_new(&index.ptr), "new index");
  if (parent.ptr) {
    GitPtr<git_tree, git_tree_free> tree;
    check(git_commit_tree(&tree.ptr, parent.ptr), "tree of " + ref);
    check(git_index_read_tree(index.ptr, tree.ptr), "read tree");
  }
  for (const auto& [path, content] : files) {
    if (!content) {
      check(git_index_remove_bypath(index.ptr, path.c_str()), "remove " + path);
      continue;
    }
    git_index_entry entry{};
    entry.mode = GIT_FILEMODE_BLOB;
    entry.path = path.c_str();
    check(git_blob_create_from_buffer(&entry.id, r.get(), content->data(), content->size()), "blob " + path);
    check(git_index_add(index.ptr, &entry), "add " + path);
  }
  git_oid tree_id, id;
  check(git_index_write_tree_to(&tree_id, index.ptr, r.get()), "write tree");
  GitPtr<git_tree, git_tree_free> tree;
  check(git_tree_lookup(&tree.ptr, r.get(), &tree_id), "lookup tree");
  GitPtr<git_signature, git_signature_free> sig;
  check(git_signature_new(&sig.ptr, author.name.c_str(), author.email.c_str(), author.time, 0), "signature");
  const git_commit* parents[] = {parent.ptr};
  check(git_commit_create(&id, r.get(), ref.c_str(), sig.ptr, sig.ptr, nullptr, message.c_str(), tree.ptr,
                          parent.ptr ? 1 : 0, parent.ptr ? parents : nullptr),
        "commit on " + ref);
  return git_oid_tostr_s(&id);
}

std::string merge_into_head(const fs::path& workdir, const std::string& branch, const Author& author,
                            const std::string& message) {
  Repo r(workdir);
  git_oid ours_id = resolve(r.get(), "HEAD"), theirs_id = resolve(r.get(), "refs/heads/" + branch);
  GitPtr<git_commit, git_commit_free> ours, theirs;
  check(git_commit_lookup(&ours.ptr, r.get(), &ours_id), "lookup HEAD");
  check(git_commit_lookup(&theirs.ptr, r.get(), &theirs_id), "lookup " + branch);
  GitPtr<git_index, git_index_free> merged;
  check(git_merge_commits(&merged.ptr, r.get(), ours.ptr, theirs.ptr, nullptr), "merge " + branch);
  if (git_index_has_conflicts(merged.ptr)) throw std::runtime_error("merge of " + branch + " conflicts");
  git_oid tree_id, id;
  check(git_index_write_tree_to(&tree_id, merged.ptr, r.get()), "write merged tree");
  GitPtr<git_tree, git_tree_free> tree;
  check(git_tree_lookup(&tree.ptr, r.get(), &tree_id), "lookup tree");
  GitPtr<git_signature, git_signature_free> sig;
  check(git_signature_new(&sig.ptr, author.name.c_str(), author.email.c_str(), author.time, 0), "signature");
  const git_commit* parents[] = {ours.ptr, theirs.ptr};
  check(git_commit_create(&id, r.get(), "HEAD", sig.ptr, sig.ptr, nullptr, message.c_str(), tree.ptr, 2, parents),
        "merge commit");
  return git_oid_tostr_s(&id);
}

}  // namespace svc::e2e
