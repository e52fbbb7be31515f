// Every path under a folder with its kind, mode and the XXH3 of its bytes, to prove a
// refused or rolled-back run left each byte as it was.
#pragma once
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "scaffolds/engine/stamp.h"

namespace svc::scaffolds::testing {

inline std::map<std::string, std::string> snapshot(const std::filesystem::path& root) {
  namespace fs = std::filesystem;
  std::map<std::string, std::string> out;
  if (!fs::exists(root)) return out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const fs::path& p = it->path();
    std::string rel = fs::relative(p, root).generic_string();
    auto mode = std::to_string(static_cast<int>(fs::symlink_status(p).permissions()));
    if (fs::is_symlink(fs::symlink_status(p))) {
      out[rel] = "link " + fs::read_symlink(p).string();
      it.disable_recursion_pending();
    } else if (fs::is_directory(p)) {
      out[rel] = "dir " + mode;
    } else {
      std::ifstream in(p, std::ios::binary);
      std::ostringstream buffer;
      buffer << in.rdbuf();
      out[rel] = "file " + mode + " " + xxh3_digest(buffer.str());
    }
  }
  return out;
}

}  // namespace svc::scaffolds::testing
