#pragma once
#include <string>

namespace svc::cli {

// Writes `content` to a temporary file beside `path`, then renames it into place,
// so a reader never sees half a file and a failed run leaves the old one alone. The
// rename replaces whatever `path` was, a symlink included: for files svc owns (a
// scaffold, the cache). The new file's mode is 0666 less the umask. `durable` flushes
// it to disk before the rename; a cache, which a crash may lose and which checks
// itself when read, skips that wait.
bool write_file_atomically(const std::string& path, const std::string& content, std::string& error,
                           bool durable = true);

// A file the user named (`--output`, a baseline): a regular file is replaced atomically
// and keeps its mode, through a symlink if `path` is one (the link stays); a device, FIFO
// or socket (`/dev/null`, `/dev/stdout`) is opened and written like a shell redirect does;
// a folder is an error.
bool write_output_file(const std::string& path, const std::string& content, std::string& error);

}  // namespace svc::cli
