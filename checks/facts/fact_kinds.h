#pragma once
#include <string_view>
#include <vector>

#include "checks/facts/facts.h"
#include "checks/workspace/services.h"
#include "checks/core/source_file.h"

namespace svc::engine {

class SyntaxTree;
class Documents;
namespace docker {
struct Dockerfile;
}

// A kind of fact that rules ask for with `needs:` in their YAML. Each kind says,
// before anything is parsed, which files can contribute to it, so a file that no
// kind and no per-file rule wants is never parsed.
struct FactKind {
  std::string_view name;
  bool (*wants)(const SourceFile& file, const Service* service);
  // `tree` is the file's syntax tree for languages with a grammar, else null; `dockerfile`
  // the parsed Dockerfile, else null; `documents` its YAML/JSON documents, parsed on first use.
  void (*extract)(const SourceFile& file, const SyntaxTree* tree, const docker::Dockerfile* dockerfile,
                  const Documents& documents, FileFacts& out);
  // Files of no language svc classifies (notebooks, go.mod, .go) that the kind reads by
  // name: they are read, and given to `wants`, only when a run collects this kind. Such
  // a file over the size limit still reaches `wants` and `extract`, with empty text.
  bool (*reads_unclassified)(std::string_view path) = nullptr;
};

const std::vector<FactKind>& fact_kinds();
const FactKind* find_fact_kind(std::string_view name);

}  // namespace svc::engine
