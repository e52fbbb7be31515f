#include "checks/rule_tests/scratch_folder.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <vector>

namespace fs = std::filesystem;

namespace svc::engine {

ScratchFolder::ScratchFolder() {
  std::string pattern = (fs::temp_directory_path() / "svc-test-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (!mkdtemp(buffer.data())) throw std::runtime_error("cannot create a scratch folder in " + fs::temp_directory_path().string());
  path_ = buffer.data();
}

ScratchFolder::~ScratchFolder() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void ScratchFolder::write(const std::string& relative, const std::string& text) const {
  fs::path target = (fs::path(path_) / relative).lexically_normal();
  std::string inside = fs::path(path_).lexically_normal().string() + "/";
  if (relative.empty() || fs::path(relative).is_absolute() || target.string().rfind(inside, 0) != 0)
    throw std::runtime_error("a fixture path leaves its folder: " + relative);
  fs::create_directories(target.parent_path());
  std::ofstream out(target, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + target.string());
}

}  // namespace svc::engine
