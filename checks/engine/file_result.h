#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "checks/core/findings.h"
#include "checks/facts/facts.h"
#include "checks/filters/suppressions.h"

namespace svc::engine {

class Check;
struct FileNotes;

// Everything one file gives a run: its findings from per-file checks, its suppression
// comments, its facts and each check's notes. It is what the result cache keeps.
struct FileResult {
  std::vector<Finding> findings;
  std::vector<Suppression> suppressions;
  std::optional<FileFacts> facts;
  std::vector<std::pair<std::size_t, std::unique_ptr<FileNotes>>> notes;  // by index into the run's rules
  std::vector<std::string> problems;  // "path: why"
  bool parsed = false;  // counted in the summary; not kept by the cache (a cached file was not parsed)
  bool too_deep = false;   // parsed, but nested deeper than kMaxSyntaxDepth: left out
  bool yaml_bomb = false;  // YAML whose aliases expand beyond kMaxYamlNodes: left out
};

// The run's rules, in order: notes are saved under the rule's id.
struct RuleSlot {
  std::string_view id;
  const Check* check;
};

// MessagePack. Restoring throws nlohmann::json::exception or std::out_of_range when the
// payload does not fit this run (the cache then treats the file as changed); it needs the
// run's services in scope (ServicesInScope) for notes that name a service.
std::vector<std::uint8_t> save_result(const FileResult& result, const std::vector<RuleSlot>& rules);
FileResult restore_result(const std::vector<std::uint8_t>& payload, const std::string& path, int service,
                          const std::vector<RuleSlot>& rules);

}  // namespace svc::engine
