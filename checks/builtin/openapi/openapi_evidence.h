// What openapi-hand-written reads from one file: either an OpenAPI/Swagger document,
// or evidence that some script or code writes one.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "checks/core/source_file.h"
#include "checks/syntax/documents.h"

namespace re2 { class RE2; }

namespace svc::builtin::openapi {

struct SpecDocument {
  std::string key;                 // "openapi" or "swagger"
  engine::Position begin, end;     // of that top-level key
  std::string marker;              // the generated-file marker it carries, "" if none
  std::vector<std::string> refs;   // files it `$ref`s, relative to the root
};

// The document when the file is YAML or JSON whose top-level mapping has an
// `openapi:`/`swagger:` version and an `info`, `paths`, `components` or `webhooks` key.
// `markers` are lower-case phrases looked for in YAML comments and JSON `$comment`s.
std::optional<SpecDocument> read_spec(const engine::SourceFile& file, const engine::Documents& documents,
                                     const std::vector<std::string>& markers);

struct WriteEvidence {
  // Files the file writes, as written there without `./`, `../` or `$VAR/` prefixes
  // (`openapi.json`, `docs/openapi.yaml`).
  std::vector<std::string> written;
  // The generator call of code that serializes a generated document to a file or
  // stdout (`json.dumps(app.openapi())`), "" if none.
  std::string exporter_call;
};

// Commands that take the file they write as a positional argument (`fern export
// [--api NAME] docs/openapi.yml`), compiled once from the rule's options.
class PositionalWriters {
 public:
  explicit PositionalWriters(const std::vector<std::string>& commands = {});
  // The .json/.yaml arguments of those commands in `text`.
  void targets(const std::string& text, std::vector<std::string>& out) const;

 private:
  std::shared_ptr<const re2::RE2> re_;  // null when there are no commands
};

// Shell redirects, `-o`/`--output`/`tee` targets and the positional outputs of
// `writers` (package.json scripts, CI steps, pyproject tasks, commands in code) and,
// in code that writes files, the .json/.yaml names it mentions. `generator_calls`
// are literal call texts (`get_openapi(`).
WriteEvidence scan_writes(const engine::SourceFile& file, const std::vector<std::string>& generator_calls,
                          const PositionalWriters& writers);

}  // namespace svc::builtin::openapi
