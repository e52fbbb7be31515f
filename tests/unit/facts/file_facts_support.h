#pragma once
// Facts of one in-memory file, as the runner would extract them: shared by the
// route and table tests.
#include <string>
#include <vector>

#include "checks/facts/facts.h"

namespace svc::test {

engine::FileFacts route_facts_of(const std::string& path, const std::string& text);
engine::FileFacts table_facts_of(const std::string& path, const std::string& text, int service = 0);
std::vector<const engine::FileFacts*> pointers_to(const std::vector<engine::FileFacts>& files);

}  // namespace svc::test
