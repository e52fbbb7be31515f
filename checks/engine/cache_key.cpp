#include "checks/engine/cache_key.h"

#include <cstring>
#include <fstream>

#include <elf.h>
#include <link.h>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xxhash.h>

#include "checks/core/json_codec.h"

namespace svc::engine {

SVC_JSON_FIELDS(Service, name, path, language, frameworks, dependencies, manifests, dockerfiles,
                   entry_files, owns, database, declared, workspace_packages)

namespace {

// The linker's build id of the running program (ELF note NT_GNU_BUILD_ID, a hash of the
// linked output), read from memory: no need to read and hash the executable.
int find_build_id(dl_phdr_info* info, std::size_t, void* out) {
  if (info->dlpi_name && *info->dlpi_name) return 0;  // the program comes first, unnamed
  for (int i = 0; i < info->dlpi_phnum; ++i) {
    const ElfW(Phdr)& ph = info->dlpi_phdr[i];
    if (ph.p_type != PT_NOTE) continue;
    const char* p = reinterpret_cast<const char*>(info->dlpi_addr + ph.p_vaddr);
    const char* end = p + ph.p_memsz;
    while (p + sizeof(ElfW(Nhdr)) <= end) {
      const auto* note = reinterpret_cast<const ElfW(Nhdr)*>(p);
      const char* name = p + sizeof(ElfW(Nhdr));
      const char* desc = name + ((note->n_namesz + 3) & ~3u);
      if (note->n_type == NT_GNU_BUILD_ID && note->n_namesz == 4 && std::memcmp(name, "GNU", 4) == 0) {
        static_cast<std::string*>(out)->assign(desc, note->n_descsz);
        return 1;
      }
      p = desc + ((note->n_descsz + 3) & ~3u);
    }
  }
  return 1;
}

}  // namespace

const std::string& program_identity() {
  static const std::string identity = [] {
    std::string id;
    dl_iterate_phdr(&find_build_id, &id);
    if (id.empty()) {  // linked without a build id: hash the executable instead
      std::ifstream exe("/proc/self/exe", std::ios::binary);
      std::ostringstream bytes;
      if (exe) bytes << exe.rdbuf();
      id = bytes.str();
    }
    // Without either, the version alone names the program.
    return fmt::format("svc {} {:016x}", SVC_VERSION, id.empty() ? 0 : XXH3_64bits(id.data(), id.size()));
  }();
  return identity;
}

std::uint64_t hash_service(const Service& service) {
  // MessagePack, not JSON text: a folder name need not be UTF-8.
  std::vector<std::uint8_t> bytes = nlohmann::json::to_msgpack(nlohmann::json(service));
  return XXH3_64bits(bytes.data(), bytes.size()) | 1;  // never 0, which stands for "no service"
}

}  // namespace svc::engine
