#pragma once
// Code a repository carries but did not write: minified bundles and Yarn's plugins.
// Their imports and calls say nothing of the repository's own modules or needs.
#include "checks/core/source_file.h"

namespace svc::engine {

// `*.min.js`, `.yarn/...`, or a file whose first 8 KiB hold a line longer than a
// report snippet (kMaxSnippetBytes): a minifier's output.
bool is_vendored_code(const SourceFile& file);

}  // namespace svc::engine
