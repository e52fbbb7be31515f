#pragma once
// The tables a Server Action or tRPC procedure touches: the file's own table facts
// whose spans fall in its body, so nothing is parsed twice.
#include <vector>

#include "checks/facts/facts.h"

namespace svc::engine {

std::vector<const TableReference*> tables_in(const FileFacts& file, const BodyTouches& touches);

}  // namespace svc::engine
