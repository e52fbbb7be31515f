#include "checks/engine/notes_codec.h"

#include <stdexcept>

namespace svc::engine {
namespace {
thread_local const ServiceMap* in_scope = nullptr;
}

ServicesInScope::ServicesInScope(const ServiceMap& services) : previous_(in_scope) { in_scope = &services; }
ServicesInScope::~ServicesInScope() { in_scope = previous_; }

const Service* ServicesInScope::find(const std::string& path) {
  if (!in_scope) throw std::logic_error("a service is restored with no services in scope");
  for (const Service& s : in_scope->services())
    if (s.path == path) return &s;
  // A cached note names a service this run no longer has: the entry cannot be used.
  throw std::out_of_range("no service at " + path);
}

}  // namespace svc::engine
