#include "checks/engine/check.h"

#include <stdexcept>

namespace svc::engine {

std::unique_ptr<FileNotes> Check::restore(const nlohmann::json& /*saved*/) const {
  // Reached only by a check whose collect() returns notes but which does not say how to
  // read them back: a bug the cache tests catch, never a user's input.
  throw std::logic_error("a check keeps notes but does not restore them from the result cache");
}

}  // namespace svc::engine
