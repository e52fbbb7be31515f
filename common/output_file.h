#pragma once
#include <string>

namespace svc::cli {

// Writes `content` to a temporary file beside `path`, then renames it into place,
// so a reader never sees half a report and a failed run leaves the old file alone.
// `durable` flushes it to disk before the rename; a cache, which a crash may lose and
// which checks itself when read, skips that wait.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error,
                           bool durable = true);

}  // namespace svc::cli
