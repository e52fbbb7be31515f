#include "common/git_handle.h"

namespace svc::engine {
namespace {

struct GitLibrary {
  GitLibrary() { git_libgit2_init(); }
  ~GitLibrary() { git_libgit2_shutdown(); }
};

}  // namespace

void ensure_libgit2() { static GitLibrary library; }

std::string last_git_error() {
  const git_error* e = git_error_last();
  return e && e->message ? e->message : "unknown libgit2 error";
}

}  // namespace svc::engine
