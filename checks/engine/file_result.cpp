#include "checks/engine/file_result.h"

#include <stdexcept>

#include "checks/engine/check.h"
#include "checks/facts/fact_codec.h"

using nlohmann::json;

namespace svc::engine {

SVC_JSON_FIELDS(Suppression, path, line, column, end_column, target_line, whole_file, rules, reason,
                   text, used)

// [findings, suppressions, facts or null, {rule id: notes}, problems, too deep, YAML bomb]; nothing for a
// file that gave nothing, the most common case, so reading it back costs nothing either.
std::vector<std::uint8_t> save_result(const FileResult& result, const std::vector<RuleSlot>& rules) {
  if (result.findings.empty() && result.suppressions.empty() && !result.facts && result.notes.empty() &&
      result.problems.empty() && !result.too_deep && !result.yaml_bomb)
    return {};
  json notes = json::object();
  for (const auto& [rule, n] : result.notes) n->save(notes[std::string(rules.at(rule).id)]);
  json j = json::array({result.findings, result.suppressions, result.facts ? json(*result.facts) : json(nullptr),
                        std::move(notes), result.problems, result.too_deep, result.yaml_bomb});
  return json::to_msgpack(j);
}

FileResult restore_result(const std::vector<std::uint8_t>& payload, const std::string& path, int service,
                          const std::vector<RuleSlot>& rules) {
  FileResult r;
  if (payload.empty()) return r;
  json j = json::from_msgpack(payload);
  j.at(0).get_to(r.findings);
  j.at(1).get_to(r.suppressions);
  if (!j.at(2).is_null()) {
    r.facts.emplace();
    j.at(2).get_to(*r.facts);
    r.facts->path = path;
    r.facts->service = service;
  }
  for (const auto& [id, saved] : j.at(3).items()) {
    std::size_t i = 0;
    while (i < rules.size() && rules[i].id != id) ++i;
    if (i == rules.size()) throw std::out_of_range("notes of a rule that does not run: " + id);
    r.notes.emplace_back(i, rules[i].check->restore(saved));
  }
  j.at(4).get_to(r.problems);
  j.at(5).get_to(r.too_deep);
  j.at(6).get_to(r.yaml_bomb);
  return r;
}

}  // namespace svc::engine
