#include "scaffolds/engine/three_way_merge.h"

#include <fmt/format.h>

#include "common/git_handle.h"
#include "scaffolds/engine/scaffold_error.h"

namespace svc::scaffolds {
namespace {

git_merge_file_input input(const std::string& text, const char* path) {
  git_merge_file_input in;
  git_merge_file_input_init(&in, GIT_MERGE_FILE_INPUT_VERSION);
  in.ptr = text.data();
  in.size = text.size();
  in.path = path;
  in.mode = 0100644;
  return in;
}

}  // namespace

MergedText merge_three_way(const std::string& base, const std::string& ours, const std::string& theirs,
                           int base_version, int their_version) {
  engine::ensure_libgit2();
  std::string base_label = fmt::format("generated (version {})", base_version);
  std::string their_label = fmt::format("template (version {})", their_version);
  git_merge_file_options options;
  git_merge_file_options_init(&options, GIT_MERGE_FILE_OPTIONS_VERSION);
  options.ancestor_label = base_label.c_str();
  options.our_label = "yours";
  options.their_label = their_label.c_str();
  options.flags = GIT_MERGE_FILE_STYLE_DIFF3;
  git_merge_file_input a = input(base, "base"), o = input(ours, "ours"), t = input(theirs, "theirs");
  git_merge_file_result result{};
  if (git_merge_file(&result, &a, &o, &t, &options) != 0)
    throw ScaffoldError(fmt::format("cannot merge: {}", engine::last_git_error()));
  MergedText out{std::string(result.ptr ? result.ptr : "", result.len), !result.automergeable};
  git_merge_file_result_free(&result);
  return out;
}

}  // namespace svc::scaffolds
