#pragma once
// One `svc upgrade` run: the service's recorded template version and answers rendered
// again (base), the new version or answers rendered (theirs), every file's fate planned
// against the disk (yours), then written all or nothing, .svc.yaml last.
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "scaffolds/engine/placement.h"
#include "scaffolds/engine/upgrade_plan.h"
#include "scaffolds/engine/variables.h"
#include "scaffolds/engine/writer.h"

namespace svc::scaffolds {

struct UpgradeRequest {
  std::filesystem::path dir;                 // the service's folder (holds .svc.yaml)
  int to_version = 0;                        // 0: the newest built into svc
  std::map<std::string, std::string> sets;   // --set VAR=VALUE: answers changed
  bool dry_run = false;
  bool allow_dirty = false;
  WriteOptions write;
};

struct UpgradeResult {
  std::string template_name;
  int from_version = 0, to_version = 0;
  Answers from_answers, to_answers;
  Placement placement;
  std::vector<UpgradeFile> files;  // paths relative to placement.root, sorted
  std::string stamp_path;          // .svc.yaml, relative to placement.root
  WriteSummary summary;            // zero on a dry run
  int attention() const;           // files needing a look: conflicts, deleted-but-changed
};

// Throws ScaffoldError (nothing written) for a folder `svc new` did not generate, an
// unknown version or answer, or uncommitted changes without allow_dirty.
UpgradeResult upgrade_service(const UpgradeRequest& request);

}  // namespace svc::scaffolds
