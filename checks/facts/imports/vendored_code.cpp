#include "checks/facts/imports/vendored_code.h"

#include <string_view>

namespace svc::engine {

bool is_vendored_code(const SourceFile& file) {
  std::string_view path = file.path();
  if (path.starts_with(".yarn/") || path.find("/.yarn/") != std::string_view::npos) return true;
  for (std::string_view ext : {".min.js", ".min.mjs", ".min.cjs", ".bundle.js"})
    if (path.ends_with(ext)) return true;
  std::string_view head = std::string_view(file.text()).substr(0, 8192);
  std::size_t start = 0;
  for (std::size_t nl; (nl = head.find('\n', start)) != std::string_view::npos; start = nl + 1)
    if (nl - start > kMaxSnippetBytes) return true;
  return head.size() - start > kMaxSnippetBytes;  // the line goes on at least this far
}

}  // namespace svc::engine
