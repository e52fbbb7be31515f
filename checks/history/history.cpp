#include "checks/history/history.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>
#include <thread>

#include <fmt/format.h>
#include <git2.h>

#include "checks/core/errors.h"
#include "checks/history/commit_diff.h"
#include "checks/history/git_memory.h"
#include "common/git_handle.h"

namespace fs = std::filesystem;

namespace svc::history {
namespace {

using engine::GitPtr;
using engine::last_git_error;

constexpr std::int64_t kDay = 24 * 60 * 60;

bool cancelled(const std::atomic<std::size_t>* cancel) { return cancel && cancel->load() != 0; }

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

History unavailable(std::string why, bool shallow = false) {
  History h;
  h.shallow = shallow;
  h.why = std::move(why);
  return h;
}

// Where the repository is, and the reviewed folder inside its work tree ("" or "dir/").
struct Location {
  std::string repository;
  std::string prefix;
};

Location locate(git_repository* repo, const fs::path& root) {
  if (git_repository_is_bare(repo)) return {git_repository_path(repo), ""};
  fs::path workdir = fs::weakly_canonical(git_repository_workdir(repo));
  std::string prefix = root.lexically_relative(workdir).generic_string();
  if (prefix == "." || prefix.empty()) prefix.clear();
  else if (prefix.back() != '/') prefix += '/';
  return {workdir.string(), prefix};
}

// The author as .mailmap names them; the signature as written when there is no mailmap.
void set_author(Commit& out, git_mailmap* mailmap, const git_signature* author) {
  GitPtr<git_signature, git_signature_free> resolved;
  if (mailmap && git_mailmap_resolve_signature(&resolved.ptr, mailmap, author) == 0) author = resolved.ptr;
  out.author = author->name ? author->name : "";
  out.email = lower(author->email ? author->email : "");
}

// The commits of HEAD's history within the window, newest first, merges counted and left out.
struct Walk {
  std::vector<Commit> commits;
  std::vector<git_oid> ids;
  std::size_t walked = 0, merges = 0;
};

Walk walk_head(git_repository* repo, const git_oid& head, const HistoryOptions& options) {
  GitPtr<git_mailmap, git_mailmap_free> mailmap;
  if (git_mailmap_from_repository(&mailmap.ptr, repo) != 0) mailmap.ptr = nullptr;  // read without one
  GitPtr<git_revwalk, git_revwalk_free> walk;
  if (git_revwalk_new(&walk.ptr, repo) != 0 || git_revwalk_sorting(walk.ptr, GIT_SORT_TIME) != 0 ||
      git_revwalk_push(walk.ptr, &head) != 0)
    throw HistoryReadError(fmt::format("cannot walk HEAD: {}", last_git_error()));

  std::optional<std::int64_t> cutoff;
  if (options.days > 0) {
    GitPtr<git_commit, git_commit_free> tip;
    if (git_commit_lookup(&tip.ptr, repo, &head) != 0)
      throw HistoryReadError(fmt::format("cannot read HEAD: {}", last_git_error()));
    // Counted from HEAD, not the clock, so the same commit always gives the same review.
    cutoff = git_commit_time(tip.ptr) - options.days * kDay;
  }

  Walk out;
  for (git_oid id;;) {
    int rc = git_revwalk_next(&id, walk.ptr);
    if (rc == GIT_ITEROVER) break;
    if (rc != 0) throw HistoryReadError(fmt::format("cannot walk HEAD: {}", last_git_error()));
    if (cancelled(options.cancel)) throw engine::Interrupted();
    GitPtr<git_commit, git_commit_free> commit;
    if (git_commit_lookup(&commit.ptr, repo, &id) != 0)
      throw HistoryReadError(fmt::format("cannot read commit {}: {}", git_oid_tostr_s(&id), last_git_error()));
    const git_signature* author = git_commit_author(commit.ptr);
    if (cutoff) {
      // The walk is sorted by commit time, so the first commit committed before the window
      // ends it; a commit committed inside but written (author time) before it is passed over.
      if (git_commit_time(commit.ptr) < *cutoff) break;
      if (author->when.time < *cutoff) continue;
    }
    ++out.walked;
    if (git_commit_parentcount(commit.ptr) > 1) {
      ++out.merges;
      continue;
    }
    Commit c;
    c.id = git_oid_tostr_s(&id);
    c.time = author->when.time;
    set_author(c, mailmap.ptr, author);
    out.commits.push_back(std::move(c));
    out.ids.push_back(id);
  }
  return out;
}

}  // namespace

History read_history(const HistoryOptions& options) {
  engine::ensure_libgit2();
  std::error_code ec;
  fs::path root = fs::weakly_canonical(fs::absolute(options.root, ec), ec);
  if (ec || !fs::is_directory(root, ec))
    return unavailable(fmt::format("{} is not a folder, so it has no history to read", options.root));

  GitPtr<git_repository, git_repository_free> repo;
  if (git_repository_open_ext(&repo.ptr, root.string().c_str(), 0, nullptr) != 0)
    return unavailable(fmt::format(
        "{} is not in a git repository: change and team coupling need its history (review a clone)", options.root));
  if (git_repository_is_shallow(repo.ptr) == 1)
    return unavailable(
        "this is a shallow clone: change and team coupling need the whole history "
        "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout)",
        true);
  git_oid head;
  if (git_reference_name_to_id(&head, repo.ptr, "HEAD") != 0)
    return unavailable("the repository has no commit yet: change and team coupling need its history");

  Location where = locate(repo.ptr, root);
  HistoryGitMemory lowered;
  try {
    Walk walk = walk_head(repo.ptr, head, options);
    DiffRequest request;
    request.repository = where.repository;
    request.prefix = where.prefix;
    request.max_files = options.max_files_per_commit;
    request.jobs = options.jobs ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
    request.cancel = options.cancel;
    std::vector<ChangedFiles> changed = changed_files(walk.ids, request);

    History h;
    h.available = true;
    h.walked = walk.walked;
    h.merges = walk.merges;
    for (std::size_t i = 0; i < walk.commits.size(); ++i) {
      if (changed[i].too_large) {
        ++h.too_large;
        continue;
      }
      if (changed[i].files.empty()) {
        ++h.empty;
        continue;
      }
      Commit& c = walk.commits[i];
      c.files = std::move(changed[i].files);
      h.since = h.commits.empty() ? c.time : std::min(h.since, c.time);
      h.until = h.commits.empty() ? c.time : std::max(h.until, c.time);
      h.commits.push_back(std::move(c));
    }
    return h;
  } catch (const HistoryReadError& e) {
    return unavailable(fmt::format("cannot read the history ({}): is the repository complete?", e.what()));
  }
}

}  // namespace svc::history
