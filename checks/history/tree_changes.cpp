#include "checks/history/tree_changes.h"

#include <cstring>

#include <fmt/format.h>

#include "checks/history/commit_diff.h"
#include "common/git_handle.h"

namespace svc::history {
namespace {

using engine::GitPtr;
using Tree = GitPtr<git_tree, git_tree_free>;

bool is_tree(const git_tree_entry* e) { return git_tree_entry_type(e) == GIT_OBJECT_TREE; }

// Git's tree order: names compared bytewise, a folder as if its name ended in "/".
int compare(const git_tree_entry* a, const git_tree_entry* b) {
  const char *x = git_tree_entry_name(a), *y = git_tree_entry_name(b);
  std::size_t nx = std::strlen(x), ny = std::strlen(y), n = std::min(nx, ny);
  if (int c = std::memcmp(x, y, n)) return c;
  unsigned char cx = nx > n ? x[n] : is_tree(a) ? '/' : 0;
  unsigned char cy = ny > n ? y[n] : is_tree(b) ? '/' : 0;
  return int(cx) - int(cy);
}

void lookup(git_repository* repo, const git_tree_entry* e, Tree& out) {
  if (git_tree_lookup(&out.ptr, repo, git_tree_entry_id(e)) != 0)
    throw HistoryReadError(fmt::format("cannot read tree {}: {}", git_oid_tostr_s(git_tree_entry_id(e)),
                                       engine::last_git_error()));
}

struct Walker {
  git_repository* repo;
  std::size_t limit;
  std::vector<std::string>& out;

  bool add(const std::string& path) {
    if (out.size() == limit) return false;
    out.push_back(path);
    return true;
  }

  // One side's entry with nothing opposite it: the file, or every file under the folder.
  bool one_sided(const git_tree_entry* e, const std::string& base, bool old_side) {
    std::string path = base + git_tree_entry_name(e);
    if (!is_tree(e)) return add(path);
    Tree sub;
    lookup(repo, e, sub);
    return old_side ? walk(sub.ptr, nullptr, path + "/") : walk(nullptr, sub.ptr, path + "/");
  }

  bool walk(const git_tree* old_tree, const git_tree* new_tree, const std::string& base) {
    std::size_t n_old = old_tree ? git_tree_entrycount(old_tree) : 0;
    std::size_t n_new = new_tree ? git_tree_entrycount(new_tree) : 0;
    std::size_t i = 0, j = 0;
    while (i < n_old || j < n_new) {
      const git_tree_entry* a = i < n_old ? git_tree_entry_byindex(old_tree, i) : nullptr;
      const git_tree_entry* b = j < n_new ? git_tree_entry_byindex(new_tree, j) : nullptr;
      int order = !a ? 1 : !b ? -1 : compare(a, b);
      if (order < 0) {
        ++i;
        if (!one_sided(a, base, true)) return false;
      } else if (order > 0) {
        ++j;
        if (!one_sided(b, base, false)) return false;
      } else {
        ++i, ++j;
        if (git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
            git_tree_entry_filemode(a) == git_tree_entry_filemode(b))
          continue;  // the same content: a whole unchanged folder is skipped here
        std::string path = base + git_tree_entry_name(a);
        if (!is_tree(a)) {
          if (!add(path)) return false;
          continue;
        }
        Tree x, y;
        lookup(repo, a, x);
        lookup(repo, b, y);
        if (!walk(x.ptr, y.ptr, path + "/")) return false;
      }
    }
    return true;
  }
};

}  // namespace

bool tree_changes(git_repository* repo, const git_tree* old_tree, const git_tree* new_tree, const std::string& base,
                  std::size_t limit, std::vector<std::string>& out) {
  Walker walker{repo, limit, out};
  return walker.walk(old_tree, new_tree, base);
}

}  // namespace svc::history
