#pragma once
#include <cstdint>
#include <string>

#include "checks/workspace/services.h"

namespace svc::engine {

// What a cached result depends on besides its own file. The pack key (runner.cpp) joins
// the program, the root, the configuration and each rule's severity and options; an
// entry also carries its file's service.

// "svc <version> <hash of the linker's build id>" (of the executable itself when linked
// without one): a rebuilt svc never reads results of another build, even at the same version.
const std::string& program_identity();

// Everything discovery says about a service: a file's results depend on it.
std::uint64_t hash_service(const Service& service);

}  // namespace svc::engine
