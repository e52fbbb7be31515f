// A real git repository built with libgit2, so workspace tests exercise the same
// tracked / untracked / ignored logic a user's clone has, without the git CLI.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

struct git_repository;

namespace svc::e2e {

class GitRepo {
 public:
  explicit GitRepo(const std::filesystem::path& workdir);  // git init
  ~GitRepo();
  GitRepo(const GitRepo&) = delete;
  GitRepo& operator=(const GitRepo&) = delete;

  // Stages files that already exist in the work tree (paths relative to it).
  void add(const std::vector<std::string>& relative_paths);
  // Commits the index on HEAD with a fixed author.
  void commit(const std::string& message);

 private:
  git_repository* repo_ = nullptr;
};

}  // namespace svc::e2e
