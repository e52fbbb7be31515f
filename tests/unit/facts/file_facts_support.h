#pragma once
// Facts of one in-memory file, as the runner would extract them: shared by the
// route and table tests.
#include <set>
#include <string>
#include <vector>

#include "checks/facts/facts.h"
#include "checks/workspace/services.h"

namespace svc::test {

engine::FileFacts route_facts_of(const std::string& path, const std::string& text);
engine::FileFacts table_facts_of(const std::string& path, const std::string& text, int service = 0);
std::vector<const engine::FileFacts*> pointers_to(const std::vector<engine::FileFacts>& files);
// "GET /health" for every route `service` serves after cross-file resolution; with
// `mark_partial`, routes no app reaches end in " (partial)".
std::set<std::string> served_routes(const engine::Service& service, const std::vector<engine::FileFacts>& files,
                                    bool mark_partial = false);

}  // namespace svc::test
