#include "checks/engine/file_result.h"

#include <stdexcept>

#include "checks/engine/check.h"
#include "checks/facts/fact_codec.h"

using nlohmann::json;

namespace svc::engine {

SVC_JSON_FIELDS(Suppression, path, line, column, end_column, target_line, whole_file, rules, reason,
                   text, used)

std::vector<std::uint8_t> save_result(const FileResult& result, const std::vector<RuleSlot>& rules) {
  json notes = json::object();
  for (const auto& [rule, n] : result.notes) n->save(notes[std::string(rules.at(rule).id)]);
  json j{{"findings", result.findings}, {"suppressions", result.suppressions},
         {"facts", result.facts ? json(*result.facts) : json(nullptr)}, {"notes", std::move(notes)},
         {"problems", result.problems}, {"parsed", result.parsed}};
  return json::to_msgpack(j);
}

FileResult restore_result(const std::vector<std::uint8_t>& payload, const std::string& path, int service,
                          const std::vector<RuleSlot>& rules) {
  json j = json::from_msgpack(payload);
  FileResult r;
  j.at("findings").get_to(r.findings);
  j.at("suppressions").get_to(r.suppressions);
  if (!j.at("facts").is_null()) {
    r.facts.emplace();
    j.at("facts").get_to(*r.facts);
    r.facts->path = path;
    r.facts->service = service;
  }
  for (const auto& [id, saved] : j.at("notes").items()) {
    std::size_t i = 0;
    while (i < rules.size() && rules[i].id != id) ++i;
    if (i == rules.size()) throw std::out_of_range("notes of a rule that does not run: " + id);
    r.notes.emplace_back(i, rules[i].check->restore(saved));
  }
  j.at("problems").get_to(r.problems);
  j.at("parsed").get_to(r.parsed);
  return r;
}

}  // namespace svc::engine
