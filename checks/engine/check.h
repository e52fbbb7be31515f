#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/core/findings.h"
#include "checks/engine/notes_codec.h"
#include "checks/workspace/services.h"
#include "checks/core/source_file.h"

namespace svc::engine {

class SyntaxTree;
class Documents;
struct Config;
struct RuleInfo;
struct FileFacts;
class DerivedFacts;
namespace docker { struct Dockerfile; }

// What a check sees of one file. Exactly one of tree/dockerfile is set for the
// languages that have a parser; neither for other files.
struct FileContext {
  const SourceFile& file;
  const SyntaxTree* tree = nullptr;
  const docker::Dockerfile* dockerfile = nullptr;
  const Service* service = nullptr;  // null when the file belongs to no service
  const Documents& documents;        // YAML/JSON documents, parsed once on first use
};

// What a check keeps of one file for its report once every file is done (see
// Check::collect). The engine owns it, so a check holds no state between calls.
struct FileNotes {
  virtual ~FileNotes() = default;
  // For the result cache; Check::restore reads it back in a later run.
  virtual void save(nlohmann::json& out) const = 0;
};

// What a cross-file check sees once every file is done: services and the facts
// extracted from their files. No syntax tree survives to this point.
struct WorkspaceContext {
  const ServiceMap& services;
  const std::vector<FileFacts>& facts;  // one entry per file that yielded any facts
  const Config& config;
  const DerivedFacts& derived;  // routes per service, links, table ownership: built once, shared
  const std::vector<const FileNotes*>& notes;  // this check's collect() results, in path order
};

// A rule's logic. Checks never read files or print: they get parsed input and
// report into a sink. One instance serves all threads, so check_* must be const.
class Check {
 public:
  virtual ~Check() = default;
  // The rule's own catalog entry, for checks said in its YAML; called first.
  virtual void load_rule(const RuleInfo& /*rule*/) {}
  // The rule's YAML `options:` merged with `.svc.yaml`; called once before any file.
  virtual void configure(const YAML::Node& /*options*/) {}
  // Before a file is parsed for this rule (after its prefilter): false skips it, so a
  // rule that only reads test files, say, does not make other files parse.
  virtual bool wants(const SourceFile& /*file*/, const Service* /*service*/) const { return true; }
  // Per file, for files that pass the rule's prefilter (and, for a rule with
  // `needs:`, that one of its fact kinds wants).
  virtual void check_file(const FileContext& /*ctx*/, FindingSink& /*out*/) const {}
  // Per file, next to check_file (on any worker thread): what check_workspace will need
  // of this file, or null. It reaches check_workspace as ctx.notes, in path order.
  virtual std::unique_ptr<FileNotes> collect(const FileContext& /*ctx*/) const { return nullptr; }
  // Notes an earlier run's collect() returned, as FileNotes::save wrote them (the result
  // cache). A check that collects overrides it: `return restore_notes<T>(saved);`.
  virtual std::unique_ptr<FileNotes> restore(const nlohmann::json& /*saved*/) const;
  // Once, after every file.
  virtual void check_workspace(const WorkspaceContext& /*ctx*/, FindingSink& /*out*/) const {}
  // True when a file's findings depend on that file alone (no state across files):
  // `--since` then skips the files that did not change. False is the safe default.
  virtual bool file_local() const { return false; }
  // Fact kinds (facts/fact_kinds.h) the check reads in check_workspace from every file,
  // whatever its prefilter lets through: a pattern rule limited to route handlers needs
  // every file's routes, not only those of the files it matched in.
  virtual std::vector<std::string> workspace_facts() const { return {}; }
};

// The notes of a check that keeps one value of type T per file: wrap it with
// notes_for() in collect(), read it back with notes_of<T>() in check_workspace.
// T needs to_json/from_json (SVC_JSON_FIELDS beside it) for the cache.
template <class T>
struct NotesOf : FileNotes {
  explicit NotesOf(T v) : value(std::move(v)) {}
  void save(nlohmann::json& out) const override { out = value; }
  T value;
};
template <class T>
std::unique_ptr<FileNotes> notes_for(T value) {
  return std::make_unique<NotesOf<T>>(std::move(value));
}
template <class T>
std::unique_ptr<FileNotes> restore_notes(const nlohmann::json& saved) {
  return notes_for(saved.get<T>());
}
template <class T>
std::vector<const T*> notes_of(const WorkspaceContext& ctx) {
  std::vector<const T*> out;
  for (const FileNotes* n : ctx.notes) out.push_back(&static_cast<const NotesOf<T>*>(n)->value);
  return out;
}

using CheckFactory = std::unique_ptr<Check> (*)();
// Generated from rules/*.yaml `implementation:` (build/generated/builtin_registry.cpp).
const std::map<std::string, CheckFactory>& builtin_checks();

}  // namespace svc::engine
