#pragma once
// What a check's notes need to pass through the result cache: JSON for their types
// (json_codec.h) and a name for the services they point at.
#include <nlohmann/json.hpp>

#include "checks/core/json_codec.h"
#include "checks/workspace/services.h"

namespace svc::engine {

// A service is saved as its folder and found again by folder: indices and pointers
// differ between runs. The cache puts the run's services in scope on the thread that
// saves or restores notes.
class ServicesInScope {
 public:
  explicit ServicesInScope(const ServiceMap& services);
  ~ServicesInScope();
  ServicesInScope(const ServicesInScope&) = delete;
  ServicesInScope& operator=(const ServicesInScope&) = delete;
  static const Service* find(const std::string& path);  // throws when none is in scope or none matches

 private:
  const ServiceMap* previous_;
};

}  // namespace svc::engine

namespace nlohmann {

template <>
struct adl_serializer<const svc::engine::Service*> {
  static void to_json(json& j, const svc::engine::Service* s) {
    if (s) j = s->path;
    else j = nullptr;
  }
  static void from_json(const json& j, const svc::engine::Service*& s) {
    s = j.is_null() ? nullptr : svc::engine::ServicesInScope::find(j.get<std::string>());
  }
};

}  // namespace nlohmann
