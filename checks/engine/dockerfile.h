#pragma once
#include <memory>

#include "checks/engine/source_file.h"

namespace svc::engine::docker {

struct Dockerfile {};

std::unique_ptr<Dockerfile> parse(const SourceFile& file);

}  // namespace svc::engine::docker
