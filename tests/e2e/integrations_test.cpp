// The CI integrations shipped in the repository: action.yml (a composite GitHub Action)
// and .pre-commit-hooks.yaml. Their YAML is parsed, every `svc audit` flag they use is
// checked against the real `svc audit --help`, and the action's audit script is run
// with the built svc, as the runner would run it.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "e2e/cli_runner.h"
#include "e2e/git_history.h"
#include "e2e/git_repo.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
namespace fs = std::filesystem;

namespace {

const fs::path kSource = SVC_SOURCE_DIR;

// Inputs of the action that are not `svc audit` options of the same name.
const std::set<std::string> kActionOnlyInputs = {"path", "upload-sarif", "sarif-category", "extra-args", "binary",
                                                 "cache"};

std::string audit_help() {
  static const std::string help = [] {
    RunResult r = run_svc({"audit", "--help"});
    REQUIRE(r.exit_code == 0);
    return r.out;
  }();
  return help;
}

// `flag` as a whole option name in the help ("--baseline", not the tail of "--write-baseline").
bool help_has_flag(const std::string& flag) {
  std::regex pattern("(^|[\\s,])" + flag + "($|[\\s,=])");
  return std::regex_search(audit_help(), pattern);
}

// Every `--name` token in `text` that follows a space, a quote, a bracket or a line start.
std::set<std::string> flags_in(const std::string& text) {
  std::set<std::string> out;
  std::regex flag(R"((?:^|[\s("'])(--[a-z][a-z-]*))");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), flag); it != std::sregex_iterator(); ++it)
    out.insert((*it)[1]);
  return out;
}

YAML::Node action() { return YAML::LoadFile((kSource / "action.yml").string()); }

YAML::Node step_with_id(const YAML::Node& steps, const std::string& id) {
  for (const auto& step : steps)
    if (step["id"] && step["id"].as<std::string>() == id) return step;
  FAIL("no step with id " << id);
  return {};
}

std::string audit_script() { return step_with_id(action()["runs"]["steps"], "audit")["run"].as<std::string>(); }

// The `args` lines of the audit script: what it passes to svc.
std::string argument_lines(const std::string& script) {
  std::istringstream in(script);
  std::string line, out;
  while (std::getline(in, line))
    if (line.find("args=(") != std::string::npos || line.find("args+=(") != std::string::npos) out += line + "\n";
  return out;
}

struct ActionRun {
  RunResult result;
  std::map<std::string, std::string> outputs;  // what the step wrote to $GITHUB_OUTPUT
};

// Runs the action's audit step with bash, the way the runner does: inputs arrive
// through the step's `env:` (defaults filled in), outputs go to $GITHUB_OUTPUT.
ActionRun run_audit_step(const TempTree& work, const fs::path& cwd, std::map<std::string, std::string> inputs) {
  YAML::Node doc = action();
  for (const auto& input : doc["inputs"]) {
    auto name = input.first.as<std::string>();
    if (!inputs.count(name)) inputs[name] = input.second["default"].as<std::string>();
  }
  fs::path script = work.write_file(".action/audit.sh", audit_script());
  fs::path outputs = work.write_file(".action/outputs", "");
  RunOptions options;
  options.cwd = cwd;
  std::string home = (work.path() / ".home").string();
  options.env = {{"HOME", home}, {"XDG_CONFIG_HOME", home}, {"GIT_CONFIG_NOSYSTEM", "1"},
                 {"RUNNER_TEMP", (work.path() / ".action").string()}, {"GITHUB_OUTPUT", outputs.string()},
                 {"SVC_BIN", SVC_BINARY}};
  // Map the step's env expressions (`${{ inputs.x }}`) to the inputs' values.
  std::regex expression(R"(^\$\{\{\s*inputs\.([a-z-]+)\s*\}\}$)");
  for (const auto& var : step_with_id(doc["runs"]["steps"], "audit")["env"]) {
    std::smatch m;
    auto value = var.second.as<std::string>();
    if (std::regex_match(value, m, expression)) options.env[var.first.as<std::string>()] = inputs.at(m[1]);
  }
  ActionRun run;
  run.result = run_program({"bash", script.string()}, options);
  std::ifstream in(outputs);
  for (std::string line; std::getline(in, line);)
    if (auto eq = line.find('='); eq != std::string::npos) run.outputs[line.substr(0, eq)] = line.substr(eq + 1);
  return run;
}

void git(const fs::path& cwd, const std::vector<std::string>& args, const TempTree& tree) {
  std::vector<std::string> argv = {"git", "-c", "user.name=t", "-c", "user.email=t@example.com"};
  argv.insert(argv.end(), args.begin(), args.end());
  RunOptions options;
  options.cwd = cwd;
  options.env = {{"HOME", (tree.path() / ".home").string()}, {"GIT_CONFIG_NOSYSTEM", "1"}};
  RunResult r = run_program(argv, options);
  INFO("git " << args.front() << ": " << r.err);
  REQUIRE(r.exit_code == 0);
}

}  // namespace

TEST_CASE("integrations: action.yml is a composite action with the required keys", "[e2e][integrations]") {
  YAML::Node doc = action();
  CHECK(!doc["name"].as<std::string>().empty());
  CHECK(!doc["description"].as<std::string>().empty());
  REQUIRE(doc["runs"]["using"].as<std::string>() == "composite");
  REQUIRE(doc["runs"]["steps"].IsSequence());
  REQUIRE(doc["runs"]["steps"].size() > 0);
  for (const auto& input : doc["inputs"]) {
    INFO("input " << input.first.as<std::string>());
    CHECK(!input.second["description"].as<std::string>().empty());
    CHECK(input.second["default"].IsScalar());  // every input is optional
  }
  for (const char* output : {"exit-code", "report"}) {
    INFO("output " << output);
    CHECK(doc["outputs"][output]["value"].as<std::string>().find("steps.audit.outputs.") != std::string::npos);
  }
}

TEST_CASE("integrations: the action's shell steps take inputs through env, never inline", "[e2e][integrations]") {
  YAML::Node doc = action();
  int shell_steps = 0;
  for (const auto& step : doc["runs"]["steps"]) {
    if (!step["run"]) {
      CHECK(step["uses"]);  // a step either runs a script or uses an action
      continue;
    }
    ++shell_steps;
    std::string script = step["run"].as<std::string>();
    INFO("step " << step["name"].as<std::string>());
    CHECK(step["shell"].as<std::string>() == "bash");
    CHECK(script.rfind("set -euo pipefail\n", 0) == 0);
    CHECK(script.find("${{") == std::string::npos);  // expressions only in env:
    RunResult syntax = run_program({"bash", "-n", "-c", script});
    INFO(syntax.err);
    CHECK(syntax.exit_code == 0);
  }
  CHECK(shell_steps >= 3);
  // Every input reaches the action somewhere, and the audit step gets each one svc needs.
  std::ifstream in(kSource / "action.yml");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  for (const auto& input : doc["inputs"]) {
    auto name = input.first.as<std::string>();
    INFO("input " << name);
    CHECK(text.find("inputs." + name + " }}") != std::string::npos);
  }
}

TEST_CASE("integrations: every action input and flag is a real `svc audit` option", "[e2e][integrations]") {
  YAML::Node doc = action();
  std::string script = audit_script();
  std::set<std::string> used = flags_in(argument_lines(script));
  for (const auto& input : doc["inputs"]) {
    auto name = input.first.as<std::string>();
    if (kActionOnlyInputs.count(name)) continue;
    INFO("input " << name << " should map to --" << name);
    CHECK(help_has_flag("--" + name));
    CHECK(used.count("--" + name));
  }
  REQUIRE(used.size() >= 5);
  CHECK_FALSE(help_has_flag("--update"));  // whole names only: not a prefix of --update-baseline
  for (const auto& flag : used) {
    INFO("the audit step passes " << flag);
    CHECK(help_has_flag(flag));
  }
  // The defaults are values svc accepts.
  CHECK(audit_help().find("{error,warning,info,never}") != std::string::npos);
  CHECK(doc["inputs"]["fail-on"]["default"].as<std::string>() == "error");
  CHECK(doc["inputs"]["path"]["default"].as<std::string>() == ".");
  // The upload uses the SARIF the audit step wrote.
  bool uploads = false;
  for (const auto& step : doc["runs"]["steps"])
    if (step["uses"] && step["uses"].as<std::string>().rfind("github/codeql-action/upload-sarif@", 0) == 0) {
      uploads = true;
      CHECK(step["with"]["sarif_file"].as<std::string>().find("steps.audit.outputs.report") != std::string::npos);
    }
  CHECK(uploads);
}

TEST_CASE("integrations: the action's audit step runs svc and reports its exit code", "[e2e][integrations]") {
  TempTree work;
  work.write_file("repo/services/api/Dockerfile", kRootDockerfile);
  fs::path repo = work.path() / "repo";

  SECTION("annotations by default, exit code as an output, no failure in the step") {
    ActionRun run = run_audit_step(work, repo, {});
    INFO(run.result.err);
    CHECK(run.result.exit_code == 0);
    CHECK(run.outputs["exit-code"] == "1");
    CHECK(run.result.out.find("::error file=") != std::string::npos);
    CHECK(run.outputs.count("report") == 0);
  }
  SECTION("upload-sarif picks sarif and a report file") {
    ActionRun run = run_audit_step(work, repo, {{"upload-sarif", "true"}, {"fail-on", "never"}});
    INFO(run.result.err);
    CHECK(run.outputs["exit-code"] == "0");
    REQUIRE(run.outputs.count("report"));
    CHECK(fs::path(run.outputs["report"]).filename() == "svc.sarif");
    std::ifstream in(run.outputs["report"]);
    std::string sarif((std::istreambuf_iterator<char>(in)), {});
    CHECK(sarif.find("\"version\": \"2.1.0\"") != std::string::npos);
  }
  SECTION("upload-sarif with another format is refused") {
    ActionRun run = run_audit_step(work, repo, {{"upload-sarif", "true"}, {"format", "json"}});
    CHECK(run.result.exit_code == 2);
    CHECK(run.result.out.find("needs format: sarif") != std::string::npos);
  }
  SECTION("inputs are data, never shell code") {
    ActionRun run = run_audit_step(
        work, repo, {{"only", "docker-root-user"}, {"extra-args", "--quiet $(touch pwned) *"}, {"format", "json"}});
    CHECK_FALSE(fs::exists(repo / "pwned"));
    // `$(touch` and `*` reach svc as literal arguments, which it rejects as extra paths.
    CHECK(run.outputs["exit-code"] == "2");
  }
  SECTION("the result cache goes to RUNNER_TEMP/svc-results, which the cache steps keep") {
    run_audit_step(work, repo, {});
    ActionRun warm = run_audit_step(work, repo, {{"format", "json"}});
    CHECK(warm.outputs["exit-code"] == "1");
    CHECK(nlohmann::json::parse(warm.result.out)["summary"]["cached"] == 1);
    CHECK(fs::is_directory(work.path() / ".action" / "svc-results"));
    for (const char* id : {"Restore svc's result cache", "Save svc's result cache"}) {
      bool found = false;
      for (const auto& step : action()["runs"]["steps"])
        if (step["name"].as<std::string>() == id) {
          found = true;
          CHECK(step["with"]["path"].as<std::string>() == "${{ runner.temp }}/svc-results");
        }
      CHECK(found);
    }
    ActionRun off = run_audit_step(work, repo, {{"format", "json"}, {"cache", "false"}});
    CHECK(nlohmann::json::parse(off.result.out)["summary"]["cached"] == 0);
  }
  SECTION("a bad input value is svc's usage error, exit code 2") {
    ActionRun run = run_audit_step(work, repo, {{"fail-on", "sometimes"}});
    CHECK(run.outputs["exit-code"] == "2");
    CHECK(run.result.err.find("--fail-on") != std::string::npos);
  }
}

TEST_CASE("integrations: in a shallow clone the action fetches `since` and retries", "[e2e][integrations]") {
  TempTree work;
  fs::path origin = work.path() / "origin";
  auto commit = [&](const std::string& path, const std::string& message) {
    work.write_file("origin/" + path, kRootDockerfile);
    GitRepo repo(origin);
    repo.add({path});
    repo.commit(message);
  };
  { GitRepo init(origin); }
  switch_head(origin, "main");
  commit("services/legacy/Dockerfile", "legacy");
  create_branch(origin, "feature");
  switch_head(origin, "feature");
  commit("services/orders/Dockerfile", "orders");
  commit_on(origin, "main", {{"README.md", "main moves on\n"}}, "main");
  fs::path clone = work.path() / "clone";
  git(work.path(), {"clone", "-q", "--depth", "1", "--branch", "feature", "file://" + origin.string(), clone.string()},
      work);

  ActionRun run = run_audit_step(work, clone, {{"since", "origin/main"}, {"format", "json"}});
  INFO(run.result.err);
  CHECK(run.result.err.find("fetching +refs/heads/main:refs/remotes/origin/main from origin") != std::string::npos);
  REQUIRE(run.outputs["exit-code"] == "1");
  std::set<std::string> paths;
  nlohmann::json report = nlohmann::json::parse(run.result.out);
  for (const auto& finding : report["findings"])
    paths.insert(finding["path"].get<std::string>());
  CHECK(paths == std::set<std::string>{"services/orders/Dockerfile"});  // not services/legacy
}

TEST_CASE("integrations: the pre-commit hooks run real `svc audit` flags", "[e2e][integrations]") {
  YAML::Node hooks = YAML::LoadFile((kSource / ".pre-commit-hooks.yaml").string());
  REQUIRE(hooks.IsSequence());
  std::set<std::string> ids;
  for (const auto& hook : hooks) {
    auto id = hook["id"].as<std::string>();
    INFO("hook " << id);
    ids.insert(id);
    CHECK(!hook["name"].as<std::string>().empty());
    CHECK(hook["language"].as<std::string>() == "system");
    CHECK(hook["pass_filenames"].as<bool>() == false);  // svc finds the files itself
    auto entry = hook["entry"].as<std::string>();
    CHECK(entry.rfind("svc audit", 0) == 0);
    for (const auto& flag : flags_in(entry)) {
      INFO("entry flag " << flag);
      CHECK(help_has_flag(flag));
    }
  }
  CHECK(ids.count("svc-audit"));
  CHECK(ids.count("svc-audit-all"));
  for (const auto& hook : hooks)
    if (hook["id"].as<std::string>() == "svc-audit") CHECK(hook["entry"].as<std::string>() == "svc audit --since HEAD --quiet");
}

TEST_CASE("integrations: the CI guide uses the action's inputs and real flags", "[e2e][integrations]") {
  std::ifstream in(kSource / "docs/guide/ci.md");
  std::string guide((std::istreambuf_iterator<char>(in)), {});
  REQUIRE(!guide.empty());
  // Every `svc audit …` command line in the guide uses options svc has.
  std::regex command(R"(svc"? audit[^\n`]*)");
  int commands = 0;
  for (auto it = std::sregex_iterator(guide.begin(), guide.end(), command); it != std::sregex_iterator(); ++it) {
    ++commands;
    for (const auto& flag : flags_in(it->str())) {
      INFO(it->str() << ": " << flag);
      CHECK(help_has_flag(flag));
    }
  }
  CHECK(commands >= 10);
  // Every input the guide gives the action under `with:` exists (other actions' steps,
  // actions/cache's say, have their own inputs).
  YAML::Node inputs = action()["inputs"];
  int steps = 0;
  std::function<void(const YAML::Node&)> visit = [&](const YAML::Node& node) {
    if (node.IsMap() && node["uses"] && node["uses"].as<std::string>().rfind("svc-dev/svc@", 0) == 0) {
      ++steps;
      for (const auto& kv : node["with"]) {
        INFO("with: " << kv.first.as<std::string>());
        CHECK(inputs[kv.first.as<std::string>()]);
      }
    }
    if (node.IsMap())
      for (const auto& kv : node) visit(kv.second);
    if (node.IsSequence())
      for (const auto& item : node) visit(item);
  };
  std::regex yaml_block("```yaml\n([^`]*)```");
  for (auto it = std::sregex_iterator(guide.begin(), guide.end(), yaml_block); it != std::sregex_iterator(); ++it) {
    INFO((*it)[1].str());
    YAML::Node doc;
    CHECK_NOTHROW(doc = YAML::Load((*it)[1].str()));
    visit(doc);
  }
  CHECK(steps >= 3);
}
