#include "checks/engine/dockerfile.h"

namespace svc::engine::docker {

std::unique_ptr<Dockerfile> parse(const SourceFile&) { return std::make_unique<Dockerfile>(); }

}  // namespace svc::engine::docker
