#pragma once
// libgit2's process-wide memory settings, lowered while a history is read and restored
// after. Left at their defaults, reading 5,800 commits of a 340 MB pack holds about 200 MB:
// half the object cache (trees, each read once or twice), half pack windows of 1 GB that
// map every part of the pack a delta touched. Without the cache, with 16 MB windows and
// 64 MB mapped at most, the same read holds about 45 MB (26,000 commits of dub: 75 MB
// instead of 120) and takes the same time.
namespace svc::history {

class HistoryGitMemory {
 public:
  HistoryGitMemory();   // the first of nested or concurrent reads saves and lowers them
  ~HistoryGitMemory();  // the last one restores them
  HistoryGitMemory(const HistoryGitMemory&) = delete;
  HistoryGitMemory& operator=(const HistoryGitMemory&) = delete;
};

}  // namespace svc::history
