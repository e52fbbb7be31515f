#include "scaffolds/engine/upgrade_plan.h"

#include <set>

#include "scaffolds/engine/three_way_merge.h"

namespace svc::scaffolds {
namespace {

using A = UpgradeAction;

// The file is in the new template: replace, merge, or leave as it is.
void still_produced(UpgradeFile& f, const std::optional<std::string>& base, const std::string& theirs,
                    int base_version, int their_version) {
  if (!f.exists) {
    // Deleted here: bringing it back would undo the team's deletion.
    f.action = !base ? A::add : *base == theirs ? A::keep_deleted : A::deleted_changed;
    if (f.action == A::add) f.result = theirs;
    return;
  }
  if (f.yours == theirs) {
    f.action = A::unchanged;
    f.result = theirs;
  } else if (base && f.yours == *base) {
    f.action = A::update;
    f.result = theirs;
  } else {
    // Changed here (or added by both sides: merged against an empty base).
    MergedText m = merge_three_way(base.value_or(""), f.yours, theirs, base_version, their_version);
    f.action = m.conflicted ? A::conflict : A::merge;
    f.result = m.text;
  }
}

}  // namespace

bool needs_attention(UpgradeAction a) { return a == A::conflict || a == A::deleted_changed; }

const char* action_label(UpgradeAction a) {
  switch (a) {
    case A::unchanged: return "unchanged";
    case A::update: return "updated";
    case A::merge: return "merged";
    case A::conflict: return "conflict";
    case A::add: return "added";
    case A::remove: return "removed";
    case A::keep_changed: return "kept";
    case A::keep_deleted: return "deleted";
    case A::deleted_changed: return "deleted";
  }
  return "";
}

std::vector<UpgradeFile> plan_upgrade(const std::map<std::string, std::string>& base,
                                      const std::map<std::string, std::string>& theirs,
                                      const std::function<std::optional<std::string>(const std::string&)>& read,
                                      int base_version, int their_version) {
  std::set<std::string> paths;
  for (const auto& [p, _] : base) paths.insert(p);
  for (const auto& [p, _] : theirs) paths.insert(p);
  std::vector<UpgradeFile> out;
  for (const auto& path : paths) {
    UpgradeFile f;
    f.path = path;
    std::optional<std::string> yours = read(path);
    f.exists = yours.has_value();
    f.yours = yours.value_or("");
    auto b = base.find(path);
    std::optional<std::string> base_text = b == base.end() ? std::nullopt : std::optional<std::string>(b->second);
    if (auto t = theirs.find(path); t != theirs.end()) {
      still_produced(f, base_text, t->second, base_version, their_version);
    } else if (!f.exists) {
      continue;  // dropped by the template and already gone
    } else {
      f.action = f.yours == *base_text ? A::remove : A::keep_changed;
      if (f.action == A::keep_changed) f.result = f.yours;
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace svc::scaffolds
