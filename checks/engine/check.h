#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "checks/core/findings.h"
#include "checks/workspace/services.h"
#include "checks/core/source_file.h"

namespace svc::engine {

class SyntaxTree;
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
};

// What a cross-file check sees once every file is done: services and the facts
// extracted from their files. No syntax tree survives to this point.
struct WorkspaceContext {
  const ServiceMap& services;
  const std::vector<FileFacts>& facts;  // one entry per file that yielded any facts
  const Config& config;
  const DerivedFacts& derived;  // routes per service, links, table ownership: built once, shared
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
  virtual void check_workspace(const WorkspaceContext& /*ctx*/, FindingSink& /*out*/) const {}
  // True when a file's findings depend on that file alone (no state across files):
  // `--since` then skips the files that did not change. False is the safe default.
  virtual bool file_local() const { return false; }
};

using CheckFactory = std::unique_ptr<Check> (*)();
// Generated from rules/*.yaml `implementation:` (build/generated/builtin_registry.cpp).
const std::map<std::string, CheckFactory>& builtin_checks();

}  // namespace svc::engine
