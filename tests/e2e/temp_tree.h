// A scratch folder for one test, removed with everything in it when the test ends.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace svc::e2e {

class TempTree {
 public:
  TempTree();  // a fresh, uniquely named folder under the system temp directory
  ~TempTree();
  TempTree(const TempTree&) = delete;
  TempTree& operator=(const TempTree&) = delete;

  const std::filesystem::path& path() const { return root_; }
  std::string str() const { return root_.string(); }
  // Writes `content` to `relative` (creating its folders) and returns the full path.
  std::filesystem::path write_file(std::string_view relative, std::string_view content) const;
  std::string read_file(std::string_view relative) const;

 private:
  std::filesystem::path root_;
};

}  // namespace svc::e2e
