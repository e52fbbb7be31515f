#pragma once
// One `svc new` run from a loaded template to the disk: answers, target checks, render,
// compare, then a dry run, a refusal, or the atomic write and the initial commit.
#include <filesystem>
#include <ostream>
#include <string>

#include "scaffolds/engine/answers.h"
#include "scaffolds/engine/placement.h"
#include "scaffolds/engine/render.h"
#include "scaffolds/engine/repository_join.h"
#include "scaffolds/engine/template_source.h"
#include "scaffolds/engine/writer.h"

namespace svc::scaffolds {

struct GenerateRequest {
  AnswerInputs answers;
  std::string dir;             // --dir; "" means ./NAME
  std::filesystem::path cwd;   // what relative paths are taken against
  bool dry_run = false;
  bool force = false;
  bool git = true;             // false: --no-git
  bool color = false;          // dry-run output only
  WriteOptions write;
};

enum class GitOutcome { committed, inside_work_tree, disabled, not_run };

struct GenerateResult {
  Manifest manifest;
  Answers answers;
  std::filesystem::path target;
  Placement placement;           // alone, or below a repository's root
  RenderedTemplate rendered;     // the service's files, without .svc.yaml
  std::vector<RepositoryFile> repository;  // what goes to the repository instead (a monorepo)
  // Every file including .svc.yaml and the repository's, sorted by path relative to
  // placement.root.
  std::vector<PlanEntry> plan;
  WriteSummary summary;
  GitOutcome git = GitOutcome::not_run;
};

// Throws ScaffoldError (nothing written, or everything this run wrote undone) or
// Interrupted. A dry run prints to `out` and writes nothing.
GenerateResult generate(const TemplateSource& source, const GenerateRequest& request, std::ostream& out);

}  // namespace svc::scaffolds
