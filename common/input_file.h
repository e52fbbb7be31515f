#pragma once
// Files svc reads besides the audited ones: .svc.yaml, --config, a baseline, an answers
// file, a template's files. Each is read the way audited files are: a regular file only
// (never a FIFO, which would hang the run, or a device such as /dev/zero, which would
// fill memory), of bounded size, and, when it is found inside an audited folder rather
// than named by the user, never through a symlink that leads out of that folder.
#include <cstddef>
#include <optional>
#include <string>

namespace svc::engine {

inline constexpr std::size_t kMaxInputBytes = 16 * 1024 * 1024;

struct InputFile {
  std::string text;
  std::string error;  // why it could not be read ("" when text is the file's content)
  bool ok() const { return error.empty(); }
};

// `inside`: the folder the file must resolve into ("" when the user named the file).
InputFile read_input_file(const std::string& path, const std::string& inside = "",
                          std::size_t max_bytes = kMaxInputBytes);

}  // namespace svc::engine
