// `svc new`: scaffold a service from a template built into the binary. Offline, runs no
// template code, never overwrites a file without --force, and records what it generated.
#include <atomic>
#include <filesystem>
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/errors.h"
#include "cli/exit_codes.h"
#include "cli/scaffold_run.h"
#include "cli/terminal.h"
#include "scaffolds/engine/generate.h"
#include "scaffolds/engine/manifest.h"
#include "scaffolds/engine/scaffold_error.h"
#include "scaffolds/engine/target.h"
#include "scaffolds/engine/template_list.h"

namespace svc::cli {
namespace {

namespace fs = std::filesystem;
using namespace svc::scaffolds;

std::atomic<bool> g_interrupted{false};

const char* const kNewFooter =
    "Writes a service that already follows the playbook: its code, tests, Dockerfile,\n"
    "CI and a .svc.yaml recording the template, your answers and a hash of every file.\n"
    "Templates are built into svc: nothing is downloaded and no template code runs.\n\n"
    "Where it lands: ./NAME, or --dir DIR (relative to the current folder, or absolute).\n\n"
    "Answers: flags win, then --answers FILE (YAML, variable: value), then a question\n"
    "when stdin and stderr are a terminal (not with --yes), then the default. Every\n"
    "variable has a flag: --port/--db/--queue/--auth, or --set VAR=VALUE for the rest.\n"
    "`svc new --list` shows each template's variables and choices.\n\n"
    "Never overwritten: an existing file whose content differs stops the run before\n"
    "anything is written (exit 2, listing the files) unless --force; identical files\n"
    "are left alone, other files in the folder are never touched. Writes are atomic,\n"
    "and a failure halfway removes what the run created and restores what it replaced.\n"
    "Paths that would leave the target (.., symlinks out of it) are refused.\n\n"
    "Git: unless --no-git or the folder is already inside a git work tree, the service\n"
    "gets `git init` and one commit of the generated files.\n\n"
    "In a monorepo (--dir below an existing repository's root) the service joins it:\n"
    "its CI becomes .github/workflows/NAME.yml at the root, filtered to its folder; its\n"
    "app, database and Redis are added to the root compose file when there is one (else\n"
    "compose.yaml sits beside the service); its folder joins the npm/pnpm or uv\n"
    "workspace when there is one. Nothing else is touched; --dry-run shows these edits\n"
    "as diffs.\n\n"
    "Examples:\n"
    "  svc new orders --template hono                       defaults, or questions on a terminal\n"
    "  svc new billing --template hono --db none --port 8080 --yes\n"
    "  svc new orders --template hono --dir services/orders --dry-run\n"
    "  svc new orders --template hono --answers answers.yaml --no-git\n\n"
    "Exit codes: 0 written (or dry run printed), 2 usage, answer, template or I/O error\n"
    "(nothing left on disk), 130 interrupted. See docs/guide/new.md.";

struct NewFlags {
  std::string name, template_name, dir, answers_file;
  std::map<std::string, std::string> fixed;  // --db/--queue/--auth/--port as given
  std::vector<std::string> sets;
  bool dry_run = false, force = false, no_git = false, yes = false, list = false;
};

void add_options(CLI::App& app, NewFlags& f) {
  app.add_option("NAME", f.name, "Service name: lowercase letters, digits and single dashes (e.g. orders)");
  app.add_option("--template,-t", f.template_name, "Template: see --list (hono, fastapi, flask), or a template folder's path (./my-template)");
  app.add_option("--dir", f.dir, "Folder to write the service to (default: ./NAME)");
  app.add_option("--db", f.fixed["db"], "Database, e.g. postgres or none");
  app.add_option("--queue", f.fixed["queue"], "Background jobs, e.g. bullmq, celery, rq or none");
  app.add_option("--auth", f.fixed["auth"], "Authentication, e.g. jwks or none");
  app.add_option("--port", f.fixed["port"], "HTTP port (1-65535)");
  app.add_option("--set", f.sets, "Any other template variable, VAR=VALUE (repeatable)");
  app.add_option("--answers", f.answers_file, "YAML file of variable: value answers");
  app.add_flag("--dry-run", f.dry_run, "Print the tree, new files and diffs; write nothing");
  app.add_flag("--force", f.force, "Overwrite existing files whose content differs");
  app.add_flag("--no-git", f.no_git, "Do not create a git repository");
  app.add_flag("--yes,-y", f.yes, "Ask nothing: defaults for whatever no flag or file answers");
  app.add_flag("--list", f.list, "List the templates with their variables and choices");
  app.footer(kNewFooter);
}

// Flag values by variable name, each checked later against the chosen template.
std::map<std::string, std::string> flag_answers(const NewFlags& f) {
  std::map<std::string, std::string> out;
  for (const auto& [variable, value] : f.fixed)
    if (!value.empty()) out[variable] = value;
  for (const auto& s : f.sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw ScaffoldError(fmt::format("--set {}: expected VAR=VALUE", s), "e.g. --set region=eu-west-1");
    out[s.substr(0, eq)] = s.substr(eq + 1);
  }
  if (!f.name.empty()) out["name"] = f.name;
  return out;
}

TemplateSource pick_template(std::string name, Prompter* prompter) {
  std::vector<std::string> names = embedded_template_names();
  if (name.empty() && prompter) {
    std::vector<std::string> summaries;
    for (const auto& n : names) {
      auto s = embedded_template(n);
      summaries.push_back(parse_manifest(s->manifest_text, s->manifest_path, n).summary);
    }
    name = prompter->choose("Template", names, summaries);
  }
  if (name.empty())
    throw ScaffoldError("no --template given and no terminal to ask",
                        fmt::format("pass --template with one of: {} (see `svc new --list`)", join(names)));
  if (auto source = embedded_template(name)) return *source;
  // A path (it holds a '/') is a template folder on disk: how a template's author tries
  // an edit without rebuilding svc.
  if (name.find('/') != std::string::npos) return load_template_folder(name);
  throw ScaffoldError(fmt::format("unknown template '{}'", name),
                      fmt::format("templates: {} (see `svc new --list`)", join(names)));
}

// A path as a shell word, to copy and paste: quoted when it holds anything but the
// characters a shell leaves alone.
std::string shell_quoted(const std::string& path) {
  bool plain = !path.empty() && path.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                       "0123456789_./-+,:@%=") == std::string::npos;
  if (plain) return path;
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string shown_path(const fs::path& target, const fs::path& cwd) {
  if (!is_within(target, cwd)) return target.string();
  std::string rel = target.lexically_relative(cwd).string();
  return rel == "." ? "." : "./" + rel;
}

void print_outcome(const GenerateResult& r, const fs::path& cwd) {
  std::string unchanged = r.summary.unchanged ? fmt::format(", {} already up to date", r.summary.unchanged) : "";
  std::string replaced = r.summary.overwritten ? fmt::format(", {} overwritten", r.summary.overwritten) : "";
  std::cout << fmt::format("Created {} from the {} template: {} file(s) in {}{}{}\n", r.answers.at("name"),
                           r.manifest.name, r.plan.size() - r.repository.size(), shown_path(r.target, cwd), replaced,
                           unchanged);
  if (!r.repository.empty()) {
    std::cout << fmt::format("Joined the repository at {}:\n", shown_path(r.placement.root, cwd));
    for (const auto& f : r.repository) std::cout << fmt::format("  {}: {}\n", f.file.path, f.description);
  }
  if (r.git == GitOutcome::committed) std::cout << "Initialised a git repository with one commit of these files.\n";
  if (r.git == GitOutcome::inside_work_tree) std::cout << "Inside an existing git work tree: nothing committed.\n";
  if (!r.rendered.next_steps.empty()) {
    // The engine knows where the service landed (--dir); the template says the rest.
    std::cout << "\nNext steps:\n  cd " << shell_quoted(shown_path(r.target, cwd)) << '\n';
    print_indented(std::cout, r.rendered.next_steps);
  }
}

}  // namespace

int run_new_command(const std::vector<std::string>& args) {
  CLI::App app{"Scaffold a new service from a built-in template (Hono, FastAPI, Flask).", "svc new"};
  NewFlags flags;
  add_options(app, flags);
  if (int code = parse_arguments(app, "new", args); code >= 0) return code;
  if (flags.list) {
    std::cout << describe_embedded_templates();
    return kSuccess;
  }
  bool interactive = !flags.yes && stdin_is_tty() && stderr_is_tty();
  Prompter prompter(std::cin, std::cerr);
  GenerateRequest request;
  request.cwd = fs::current_path();
  request.dir = flags.dir;
  request.dry_run = flags.dry_run;
  request.force = flags.force;
  request.git = !flags.no_git;
  request.color = want_color("auto", stdout_is_tty());
  request.answers.answers_file = flags.answers_file;
  request.answers.prompter = interactive ? &prompter : nullptr;
  request.write.cancel = &g_interrupted;
  return run_scaffold_work(g_interrupted, "interrupted; nothing from this run was left on disk", [&] {
    request.answers.flags = flag_answers(flags);
    TemplateSource source = pick_template(flags.template_name, request.answers.prompter);
    GenerateResult result = generate(source, request, std::cout);
    if (!flags.dry_run) print_outcome(result, request.cwd);
    else if (auto conflicts = files_to_overwrite(result.plan); !conflicts.empty() && !flags.force)
      std::cerr << fmt::format("svc: note: without --force this run would stop: {} file(s) differ\n", conflicts.size());
    return static_cast<int>(kSuccess);
  });
}

}  // namespace svc::cli
