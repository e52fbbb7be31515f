// docker-shell-form-cmd: the final image's start command in shell form runs under
// `/bin/sh -c`, so the shell is PID 1 and SIGTERM never reaches the app.
#include <algorithm>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/engine/check.h"
#include "checks/dockerfile/dockerfile.h"

namespace svc::builtin {
namespace {

using engine::docker::CommandForm;
using engine::docker::Instruction;

// `exec node server.js` or `cd /app && exec node server.js`: the shell replaces
// itself with the app, which then is PID 1 and gets the signal.
bool execs_into_app(std::string_view command) {
  std::string rest(command);
  for (std::size_t at; (at = rest.find("&&")) != std::string::npos;) rest.replace(at, 2, ";");
  if (rest.find_first_of("&|") != std::string::npos) return false;  // a pipe or a background job
  auto semi = rest.rfind(';');
  std::string_view last = std::string_view(rest).substr(semi == std::string::npos ? 0 : semi + 1);
  last.remove_prefix(std::min(last.find_first_not_of(" \t"), last.size()));
  return last.substr(0, 5) == "exec " || last.substr(0, 5) == "exec\t";
}

// `['node', 'server.js']` or `["node", "server.js"`: the items the author meant.
std::vector<std::string> intended_items(std::string_view command) {
  command.remove_prefix(1);
  if (!command.empty() && command.back() == ']') command.remove_suffix(1);
  std::vector<std::string> items;
  for (std::size_t b = 0; b <= command.size();) {
    std::size_t e = std::min(command.find(',', b), command.size());
    std::string_view item = command.substr(b, e - b);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') && item.back() == item.front())
      item = item.substr(1, item.size() - 2);
    if (!item.empty()) items.emplace_back(item);
    b = e + 1;
  }
  return items;
}

std::string exec_form_fix(const Instruction& ins) {
  std::optional<std::vector<std::string>> words;
  if (!ins.command.empty() && ins.command.front() == '[') words = intended_items(ins.command);
  else words = engine::docker::simple_command_words(ins.command);
  if (!words || words->empty()) {
    return fmt::format("move the shell steps into a script that ends with `exec <app>` and run it in exec form: "
                       "{} [\"/app/start.sh\"]", ins.keyword);
  }
  std::string items;
  for (const auto& w : *words)
    items += (items.empty() ? "" : ", ") + nlohmann::json(w).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return fmt::format("use the exec form, a JSON array in double quotes: {} [{}]", ins.keyword, items);
}

class DockerShellFormCmd final : public engine::Check {
 public:
  bool file_local() const override { return true; }
  void check_file(const engine::FileContext& ctx, engine::FindingSink& out) const override {
    if (!ctx.dockerfile || !ctx.dockerfile->final_stage()) return;
    auto start = ctx.dockerfile->start_command(*ctx.dockerfile->final_stage());
    // A shell-form ENTRYPOINT ignores CMD altogether, so only it matters then.
    const Instruction* target = nullptr;
    if (start.entrypoint && start.entrypoint->form == CommandForm::shell) target = start.entrypoint;
    else if (start.cmd && start.cmd->form == CommandForm::shell) target = start.cmd;
    if (!target || execs_into_app(target->command)) return;
    out.report(ctx.file, target->begin, target->end,
               {{"instruction", target->keyword}, {"command", target->command}, {"fix", exec_form_fix(*target)}});
  }
};

}  // namespace

std::unique_ptr<engine::Check> make_docker_shell_form_cmd() { return std::make_unique<DockerShellFormCmd>(); }

}  // namespace svc::builtin
