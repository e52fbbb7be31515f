#pragma once
// What api-error-leak reads from how services are deployed: the start command and
// Flask debug settings of each Dockerfile stage and compose service, and the
// `app.run(debug=True)` of scripts that only turn debug on when run directly.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/builtin/shared/start_commands.h"
#include "checks/core/source_file.h"
#include "checks/syntax/documents.h"

namespace svc::builtin::error_leak {

// One setting of FLASK_DEBUG or FLASK_ENV, where it is made.
struct Setting {
  std::string value;
  std::string path;  // the Dockerfile or compose file that makes it
  engine::SourceSpan span;
  std::string text;  // the line, for the fingerprint
};
using Settings = std::map<std::string, Setting>;  // by variable

// Flask turns debug on from FLASK_DEBUG (any value but 0/false/no) or, before Flask
// 2.3 and when FLASK_DEBUG is unset, FLASK_ENV=development: the setting that does.
const Setting* debug_setting(const Settings& env, std::string* variable);

struct Start {
  StartCommandVerdict verdict;
  engine::SourceSpan span;  // of the command
  std::string text;
};

struct StageFacts {
  std::string name;  // the AS alias, "" when none
  std::optional<Start> start;
  Settings env;  // FLASK_* of the stage and the stages it is built on
};

struct DockerfileFacts {
  bool dev = false;  // named for development (`Dockerfile.dev`)
  std::vector<StageFacts> stages;
};
DockerfileFacts read_dockerfile(const engine::SourceFile& file, const engine::docker::Dockerfile& df);

// A compose service built from the repository.
struct ComposeService {
  std::string folder, dockerfile, target;  // the build's folder, Dockerfile path, stage ("" = last)
  std::optional<Start> command;            // `command:` replaces the image's CMD
  Settings env;                            // `environment:`
};
std::vector<ComposeService> read_compose(const engine::SourceFile& file, const engine::Documents& documents);

// `debug=True` given to a `.run(…)` under `if __name__ == "__main__":`.
struct MainDebugRun {
  engine::SourceSpan span;
  std::string text, call;  // the keyword; the call's function (`app.run`)
};

}  // namespace svc::builtin::error_leak
