#pragma once
// libgit2 plumbing shared by everything in svc that opens a repository (the workspace
// walk, --since, `svc new`'s initial commit), so the library is initialised one way.
#include <string>

#include <git2.h>

namespace svc::engine {

// Initialises libgit2 once per process; the shutdown runs at exit.
void ensure_libgit2();

// Owns one libgit2 object and frees it with its own free function.
template <typename T, void (*Free)(T*)>
struct GitPtr {
  T* ptr = nullptr;
  GitPtr() = default;
  GitPtr(const GitPtr&) = delete;
  GitPtr& operator=(const GitPtr&) = delete;
  ~GitPtr() { if (ptr) Free(ptr); }
};

// The message of the last libgit2 error on this thread, for our own error messages.
std::string last_git_error();

}  // namespace svc::engine
