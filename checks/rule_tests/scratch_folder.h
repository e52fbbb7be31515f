#pragma once
// A folder of its own under the system's temporary directory, removed with everything in
// it when the object goes: where `svc test` writes a rule's inline `tests:` fixtures.
#include <string>

namespace svc::engine {

class ScratchFolder {
 public:
  ScratchFolder();  // throws std::runtime_error when no folder can be made
  ~ScratchFolder();
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::string& path() const { return path_; }
  // Writes `text` to `relative` (a path checked to stay inside), creating its folders.
  void write(const std::string& relative, const std::string& text) const;

 private:
  std::string path_;
};

}  // namespace svc::engine
