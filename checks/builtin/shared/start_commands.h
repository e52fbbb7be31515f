#pragma once
// How an image or a compose service starts, read from the words of its command: the
// development server or the Python script it runs. shutdown-no-sigterm judges the
// server's shutdown, api-error-leak the debug mode the script turns on.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "checks/core/json_codec.h"
#include "checks/dockerfile/dockerfile.h"

namespace svc::builtin {

struct StartCommandVerdict {
  // The dev server it runs as the user would write it: "flask run", "uvicorn --reload",
  // "fastapi dev", "manage.py runserver"; nullopt when none is evident from the words.
  std::optional<std::string> dev_server;
  // `python app.py` / `python -m app.main`: a script whose code decides (app.run()).
  std::optional<std::string> script;
  bool module = false;  // script is a module name (`-m`), not a path
};
SVC_JSON_FIELDS(StartCommandVerdict, dev_server, script, module)  // for the result cache

// `words`: the command split like a shell would (quoted `sh -c "..."` scripts split too).
StartCommandVerdict judge_start_command(const std::vector<std::string>& words);

// The words of a shell command line (quotes removed, quoted scripts split).
std::vector<std::string> shell_words(const std::string& command);

// The file paths a script or module can be, relative to where it runs:
// "app.py" -> {"app.py"}; module "app.main" -> {"app/main.py", "app/main/__main__.py"}.
std::vector<std::string> script_files(const std::string& script, bool module);

// The paths a command's script may have in the workspace, most specific first. Where
// it runs (WORKDIR) is not followed, so a relative path matches as a path suffix
// (see path_names) and an absolute one (`/app/main.py`) loses leading folders.
std::vector<std::string> script_paths(const StartCommandVerdict& verdict);
// Whether `path` is `file` or ends with `/file`.
bool path_names(const std::string& path, const std::string& file);

// Files and stages named for development or tests (`Dockerfile.dev`,
// `docker-compose.override.yml`, `AS debug`) do not say how production starts.
bool is_dev_name(std::string_view name);

// What a Dockerfile stage starts with: ENTRYPOINT then CMD, as Docker joins them (a
// shell-form ENTRYPOINT ignores CMD), and the instruction a finding points at.
struct StageStart {
  std::vector<std::string> words;
  const engine::docker::Instruction* at = nullptr;  // null when the stage starts nothing
};
StageStart stage_start(const engine::docker::Dockerfile& df, const engine::docker::Stage& stage);

}  // namespace svc::builtin
