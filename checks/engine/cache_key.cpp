#include "checks/engine/cache_key.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "checks/core/json_codec.h"

namespace svc::engine {

SVC_JSON_FIELDS(Service, name, path, language, frameworks, dependencies, manifests, dockerfiles,
                   entry_files, owns, database, declared)

const std::string& program_identity() {
  static const std::string identity = [] {
    std::ifstream exe("/proc/self/exe", std::ios::binary);
    std::ostringstream bytes;
    if (exe) bytes << exe.rdbuf();
    std::string image = bytes.str();
    // Without /proc the version alone names the program.
    return fmt::format("svc {} {:016x}", SVC_VERSION, image.empty() ? 0 : XXH3_64bits(image.data(), image.size()));
  }();
  return identity;
}

std::uint64_t hash_service(const Service& service) {
  std::string text = nlohmann::json(service).dump();
  return XXH3_64bits(text.data(), text.size()) | 1;  // never 0, which stands for "no service"
}

}  // namespace svc::engine
