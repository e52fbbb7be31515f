#pragma once
// FileFacts to and from JSON, for the result cache. A field added to a fact needs its
// name in that type's line of fact_codec.cpp; the cache tests (a cold and a warm audit
// of every rule fixture give the same report) catch one that is forgotten.
#include <nlohmann/json_fwd.hpp>

#include "checks/facts/facts.h"

namespace svc::engine {

// `path` and `service` are left out: the cache stores them beside the facts, and the
// service index is looked up again in the run that reads them.
void to_json(nlohmann::json& j, const FileFacts& facts);
void from_json(const nlohmann::json& j, FileFacts& facts);

}  // namespace svc::engine
