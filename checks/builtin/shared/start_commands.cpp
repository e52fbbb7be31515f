#include "checks/builtin/shared/start_commands.h"

#include <algorithm>
#include <set>

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include "checks/facts/links/link_facts_yaml.h"
#include "common/paths.h"

namespace svc::builtin {
namespace {

using engine::base_name;
using Words = std::vector<std::string>;

bool is_python(const std::string& word) {
  static const RE2 python(R"(python(\d+(\.\d+)?)?)");
  return RE2::FullMatch(base_name(word), python);
}

bool is_separator(const std::string& w) { return w == "&&" || w == "||" || w == ";" || w == "|" || w == "&"; }

// `exec`, `env A=b`, `sh -c`, `poetry run`, `opentelemetry-instrument`, `tini --` ...: words that
// start the real command rather than being it.
std::size_t skip_wrappers(const Words& w, std::size_t i) {
  static const std::set<std::string> runners = {"poetry", "pipenv", "uv", "pdm", "hatch", "rye"};
  static const std::set<std::string> wrappers = {"exec", "env", "opentelemetry-instrument", "ddtrace-run",
                                                 "newrelic-admin", "dumb-init", "tini", "--", "run-program"};
  static const std::set<std::string> shells = {"sh", "bash", "dash", "ash", "zsh"};
  while (i < w.size()) {
    bool shell_c = shells.count(base_name(w[i])) && i + 1 < w.size() && w[i + 1].size() > 1 && w[i + 1][0] == '-' &&
                   w[i + 1].find('c') != std::string::npos;  // sh -c "<script>", its words split already
    if (shell_c || (runners.count(w[i]) && i + 1 < w.size() && w[i + 1] == "run")) i += 2;
    else if (wrappers.count(base_name(w[i])) || (w[i].find('=') != std::string::npos && w[i][0] != '-')) ++i;
    else break;
  }
  return i;
}

bool has_word(const Words& w, std::size_t from, std::size_t to, const std::string& word) {
  return std::find(w.begin() + from, w.begin() + to, word) != w.begin() + to;
}

bool has_reload(const Words& w, std::size_t from, std::size_t to) {
  return std::any_of(w.begin() + from, w.begin() + to,
                     [](const std::string& x) { return x == "--reload" || x.rfind("--reload-", 0) == 0; });
}

// The first word after `from` that is not an option.
std::string first_argument(const Words& w, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to; ++i)
    if (w[i][0] != '-') return w[i];
  return "";
}

// One command of a command line: words [i, end).
StartCommandVerdict judge_one(const Words& w, std::size_t i, std::size_t end) {
  i = skip_wrappers(w, i);
  if (i >= end) return {};
  std::string tool = base_name(w[i]);
  if (is_python(w[i])) {
    std::size_t j = i + 1;
    while (j < end && w[j][0] == '-' && w[j] != "-m" && w[j] != "-c") j += (w[j] == "-X" || w[j] == "-W") ? 2 : 1;
    if (j >= end || w[j] == "-c") return {};  // `python -c "..."`: inline code, nothing to follow
    if (w[j] == "-m" && j + 1 < end) {
      tool = w[j + 1];
      i = j + 1;
      static const std::set<std::string> tools = {"flask", "uvicorn", "fastapi", "gunicorn", "hypercorn", "django"};
      if (!tools.count(tool)) return {std::nullopt, tool, true};
    } else if (base_name(w[j]) == "manage.py") {
      if (has_word(w, j + 1, end, "runserver")) return {"manage.py runserver", std::nullopt, false};
      return {};
    } else {
      return {std::nullopt, w[j], false};
    }
  }
  if (tool == "flask" && has_word(w, i + 1, end, "run")) return {"flask run", std::nullopt, false};
  if (tool == "uvicorn" && has_reload(w, i + 1, end)) return {"uvicorn --reload", std::nullopt, false};
  if (tool == "fastapi" && first_argument(w, i + 1, end) == "dev") return {"fastapi dev", std::nullopt, false};
  if (tool == "manage.py" && has_word(w, i + 1, end, "runserver"))  // `./manage.py runserver`, executable
    return {"manage.py runserver", std::nullopt, false};
  if ((tool == "django-admin" || tool == "django") && has_word(w, i + 1, end, "runserver"))
    return {"django-admin runserver", std::nullopt, false};
  return {};
}

}  // namespace

StartCommandVerdict judge_start_command(const Words& w) {
  // A start script may run several commands (`alembic upgrade head && flask run`):
  // the last verdict with something to say wins, as the server comes last.
  StartCommandVerdict out;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= w.size(); ++i) {
    if (i < w.size() && !is_separator(w[i])) continue;
    StartCommandVerdict v = judge_one(w, begin, i);
    if (v.dev_server || v.script) out = v;
    begin = i + 1;
  }
  return out;
}

std::vector<std::string> shell_words(const std::string& command) {
  return engine::command_words({YAML::Node(command)});
}

std::vector<std::string> script_files(const std::string& script, bool module) {
  std::string path = script;
  if (!module) {
    while (path.rfind("./", 0) == 0) path = path.substr(2);
    return {path};
  }
  std::replace(path.begin(), path.end(), '.', '/');
  return {path + ".py", path + "/__main__.py"};
}


std::vector<std::string> script_paths(const StartCommandVerdict& verdict) {
  std::vector<std::string> out;
  if (!verdict.script) return out;
  for (std::string file : script_files(*verdict.script, verdict.module)) {
    bool absolute = !file.empty() && file[0] == '/';
    if (absolute) file = file.substr(1);
    while (!file.empty()) {
      out.push_back(file);
      auto slash = file.find('/');
      if (!absolute || slash == std::string::npos) break;
      file = file.substr(slash + 1);
    }
  }
  return out;
}

bool path_names(const std::string& path, const std::string& file) {
  return path == file || (path.size() > file.size() && path.ends_with("/" + file));
}

bool is_dev_name(std::string_view name) {
  static const RE2 dev(R"((?i)(^|[._-])(dev|develop|development|local|test|tests|e2e|ci|override|debug)([._-]|$))");
  return RE2::PartialMatch(name, dev);
}

StageStart stage_start(const engine::docker::Dockerfile& df, const engine::docker::Stage& stage) {
  using engine::docker::CommandForm;
  using engine::docker::Instruction;
  StageStart out;
  auto start = df.start_command(stage);
  auto add = [&](const Instruction* ins) {
    if (!ins) return;
    auto w = ins->form == CommandForm::exec ? ins->exec : shell_words(ins->command);
    out.words.insert(out.words.end(), w.begin(), w.end());
  };
  bool shell_entrypoint = start.entrypoint && start.entrypoint->form == CommandForm::shell;
  add(start.entrypoint);
  if (!shell_entrypoint) add(start.cmd);  // a shell-form ENTRYPOINT ignores CMD
  out.at = start.cmd && !shell_entrypoint ? start.cmd : start.entrypoint;
  return out;
}

}  // namespace svc::builtin
