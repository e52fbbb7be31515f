#pragma once
// A git-style patch applied to files held in memory, with libgit2 (an in-memory
// repository: nothing touches the disk). Older template versions are kept as the patch
// from the next version back to them.
#include <map>
#include <string>

namespace svc::scaffolds {

// `files`: path -> bytes, with the paths the patch names (a/<path>, b/<path>). Returns
// the files after the patch: changed, added and deleted ones. Throws ScaffoldError
// naming `what` when the patch cannot be read or does not apply.
std::map<std::string, std::string> apply_patch(const std::map<std::string, std::string>& files,
                                               const std::string& patch, const std::string& what);

}  // namespace svc::scaffolds
