#pragma once
// What `svc upgrade` does to each file, decided from three versions of it: as the old
// template rendered it (base), as it is on disk (yours), as the new template renders it
// (theirs). Never loses an edit: a file you changed is merged, never replaced; one you
// changed or deleted is never removed or brought back.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace svc::scaffolds {

enum class UpgradeAction {
  unchanged,        // already what the new template produces
  update,           // unchanged since generation: replaced by the new version
  merge,            // changed on both sides, merged cleanly
  conflict,         // changed on both sides, written with conflict markers
  add,              // new in the template
  remove,           // dropped by the template, unchanged since generation
  keep_changed,     // dropped by the template, but you changed it: kept
  keep_deleted,     // you deleted it and the template did not change it: stays deleted
  deleted_changed,  // you deleted it, the template changed it: left deleted, needs a look
};

struct UpgradeFile {
  std::string path;
  UpgradeAction action = UpgradeAction::unchanged;
  std::string yours;   // on disk now ("" when absent)
  std::string result;  // what the file becomes ("" when removed or left absent)
  bool exists = false; // whether it is on disk now
};

// Whether an action leaves work for the team (exit 1).
bool needs_attention(UpgradeAction a);
const char* action_label(UpgradeAction a);

// `read(path)` returns a file of the service as on disk, or nothing. Files are sorted by path.
std::vector<UpgradeFile> plan_upgrade(const std::map<std::string, std::string>& base,
                                      const std::map<std::string, std::string>& theirs,
                                      const std::function<std::optional<std::string>(const std::string&)>& read,
                                      int base_version, int their_version);

}  // namespace svc::scaffolds
