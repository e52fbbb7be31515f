#include "checks/history/git_memory.h"

#include <cstddef>
#include <mutex>

#include <git2.h>
#include <sys/types.h>

namespace svc::history {
namespace {

constexpr std::size_t kWindow = 16u << 20;        // bytes of a pack mapped at once
constexpr std::size_t kMappedLimit = 64u << 20;   // all pack windows together

struct Saved {
  std::mutex mutex;
  int readers = 0;
  ssize_t cache_limit = 0;
  std::size_t window = 0, mapped_limit = 0;
};

Saved& saved() {
  static Saved s;
  return s;
}

}  // namespace

HistoryGitMemory::HistoryGitMemory() {
  Saved& s = saved();
  std::lock_guard lock(s.mutex);
  if (s.readers++ > 0) return;
  ssize_t cached = 0;
  git_libgit2_opts(GIT_OPT_GET_CACHED_MEMORY, &cached, &s.cache_limit);
  git_libgit2_opts(GIT_OPT_GET_MWINDOW_SIZE, &s.window);
  git_libgit2_opts(GIT_OPT_GET_MWINDOW_MAPPED_LIMIT, &s.mapped_limit);
  git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(0));
  if (s.window > kWindow) git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, kWindow);
  if (s.mapped_limit > kMappedLimit) git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, kMappedLimit);
}

HistoryGitMemory::~HistoryGitMemory() {
  Saved& s = saved();
  std::lock_guard lock(s.mutex);
  if (--s.readers > 0) return;
  git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, s.cache_limit);
  git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, s.window);
  git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, s.mapped_limit);
}

}  // namespace svc::history
