#include "checks/workspace/packages.h"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <re2/re2.h>

#include "checks/workspace/manifests.h"
#include "checks/workspace/workspace.h"
#include "common/ascii.h"
#include "common/paths.h"

namespace svc::engine {
namespace {


std::string in_dir(const std::string& dir, const std::string& rest) {
  return dir == "." || dir.empty() ? rest : dir + "/" + rest;
}

// Files whose presence says a folder is deployed on its own, not only imported.
bool deploys(const std::string& rel) {
  static const std::set<std::string> platform = {"Procfile", "fly.toml", "wrangler.toml", "wrangler.json",
                                                 "wrangler.jsonc", "vercel.json", "netlify.toml", "app.yaml"};
  static const std::set<std::string> entries = {
      "server.ts", "server.js", "server.mjs", "src/server.ts", "src/server.js", "src/server.mjs", "main.ts",
      "src/main.ts", "main.py", "app.py", "wsgi.py", "asgi.py", "manage.py", "server.py", "src/main.py",
      "app/main.py", "src/app/main.py"};
  std::string base = base_name(rel);
  if (is_dev_environment_image(rel)) return false;
  bool here = rel.find('/') == std::string::npos;  // nested packages deploy themselves
  return (here && (base == "Dockerfile" || base.ends_with(".Dockerfile") || base.rfind("Dockerfile.", 0) == 0)) ||
         platform.count(rel) > 0 || entries.count(rel) > 0;
}

// A `start`, `start:prod` or `serve` script that runs a program. Libraries keep a
// `start` that only rebuilds on change (`npm run watch:build`, `tsc -w`): followed
// through `npm run x` / `pnpm x` / `yarn x`, a command that only builds deploys nothing.
bool starts_a_process(const std::map<std::string, std::string>& scripts) {
  static const RE2 indirection(R"(^\s*(?:npm run|pnpm run|pnpm|yarn run|yarn|bun run)\s+([\w:.-]+)\s*$)");
  static const RE2 runs(R"(\b(node|nodemon|nest start|ts-node|tsx|bun|deno|next start|python3?|uvicorn|gunicorn|pm2|fastify start|serve)\b)");
  static const RE2 builds(R"((^|[\s&;(])(tsc|tsup|rollup|webpack|babel|swc|esbuild|unbuild|microbundle)\b|build)");
  for (const char* name : {"start", "start:prod", "serve"}) {
    auto it = scripts.find(name);
    if (it == scripts.end()) continue;
    std::string command = it->second, next;
    for (int hops = 0; hops < 4 && RE2::FullMatch(command, indirection, &next); ++hops) {
      auto target = scripts.find(next);
      if (target == scripts.end()) break;
      command = target->second;
    }
    if (RE2::PartialMatch(command, runs) || !RE2::PartialMatch(command, builds)) return true;
  }
  return false;
}

// `output: 'standalone'` in the folder's next.config: `next build` emits a server.js to
// run in a container. Read as text: the config is code, but this one key is written
// as a literal in every config seen, and discovery runs before anything is parsed.
bool standalone_output(const Workspace& ws, const std::string& dir) {
  static const RE2 standalone(R"re(\boutput\s*:\s*["'`]standalone["'`])re");
  for (const char* name : {"next.config.js", "next.config.mjs", "next.config.ts", "next.config.cjs", "next.config.mts"}) {
    std::string path = in_dir(dir, name);
    if (!std::binary_search(ws.files().begin(), ws.files().end(), path)) continue;
    ReadResult r = ws.read(path);
    if (r.status == ReadStatus::ok && RE2::PartialMatch(r.text, standalone)) return true;
  }
  return false;
}

// PEP 503: 'Acme_DB' and 'acme-db' are one name.
std::string python_name(std::string name) {
  name = ascii_lower(name);
  std::replace(name.begin(), name.end(), '_', '-');
  std::replace(name.begin(), name.end(), '.', '-');
  return name;
}

// tsconfig files are JSON with comments and trailing commas.
nlohmann::json read_jsonc(std::string text) {
  static const RE2 trailing_comma(R"(,(\s*[\]}]))");
  RE2::GlobalReplace(&text, trailing_comma, R"(\1)");
  return nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
}

}  // namespace

bool is_dev_environment_image(const std::string& path) {
  std::string base = base_name(path);
  return base.rfind(".gitpod.", 0) == 0 || path.rfind(".devcontainer/", 0) == 0 ||
         path.find("/.devcontainer/") != std::string::npos;
}

PackageMap PackageMap::read(const Workspace& ws) {
  PackageMap map;
  const auto& files = ws.files();
  for (const auto& f : files) {
    std::string base = base_name(f);
    if ((base.rfind("tsconfig", 0) == 0 || base == "jsconfig.json") && base.ends_with(".json")) {
      map.read_tsconfig(ws, f);
      continue;
    }
    if (base != "package.json" && base != "pyproject.toml") continue;
    ReadResult r = ws.read(f);
    if (r.status != ReadStatus::ok) continue;
    WorkspacePackage p;
    p.dir = folder_of(f);
    if (base == "package.json") {
      PackageJson manifest = read_package_json(r.text);
      p.name = manifest.name;
      p.dependencies = std::move(manifest.dependencies);
      p.deployed = starts_a_process(manifest.scripts);
      p.workspace_root = manifest.workspaces ||
                         std::binary_search(files.begin(), files.end(), (p.dir == "." ? "" : p.dir + "/") + "pnpm-workspace.yaml");
    } else {
      p.dependencies = pyproject_dependencies(r.text, &p.name);
      p.name = python_name(p.name);
    }
    if (p.name.empty()) continue;
    map.packages_.push_back(std::move(p));
  }
  // Deployment evidence and dependants, each in one pass over what was read.
  for (auto& p : map.packages_) {
    p.next_standalone = p.dependencies.count("next") > 0 && standalone_output(ws, p.dir);
    p.deployed = p.deployed || p.next_standalone;
    auto first = std::lower_bound(files.begin(), files.end(), p.dir == "." ? std::string() : p.dir + "/");
    for (auto it = first; it != files.end() && !p.deployed && inside_folder(*it, p.dir); ++it)
      p.deployed = deploys(p.dir == "." ? *it : it->substr(p.dir.size() + 1));
  }
  // Another package's dependency: a service may share its name with a registry
  // package it uses ("hono-pino" depends on hono-pino).
  for (std::size_t i = 0; i < map.packages_.size(); ++i) map.by_name_.emplace(map.packages_[i].name, i);
  for (auto& p : map.packages_) {
    std::string name = ascii_lower(p.name);
    p.depended_on = std::any_of(map.packages_.begin(), map.packages_.end(), [&](const WorkspacePackage& other) {
      return &other != &p && ascii_lower(other.name) != name && other.dependencies.count(name) > 0;
    });
  }
  return map;
}

void PackageMap::read_tsconfig(const Workspace& ws, const std::string& path) {
  ReadResult r = ws.read(path);
  if (r.status != ReadStatus::ok) return;
  auto json = read_jsonc(std::move(r.text));
  if (!json.is_object()) return;
  auto options = json.find("compilerOptions");
  if (options == json.end() || !options->is_object()) return;
  auto paths = options->find("paths");
  if (paths == options->end() || !paths->is_object()) return;
  std::string dir = dir_of(path);
  std::string base_url = options->value("baseUrl", std::string("."));
  std::string from = join_relative(dir.empty() ? "." : dir, base_url);
  if (from.empty()) return;
  for (const auto& [key, targets] : paths->items()) {
    if (!targets.is_array() || key.empty() || key == "*") continue;
    Alias alias{dir, key, false, {}};
    if (auto star = key.find('*'); star != std::string::npos) alias.prefix = key.substr(0, star), alias.wildcard = true;
    for (const auto& t : targets)
      if (t.is_string()) {
        std::string target = join_relative(from, t.get<std::string>());
        if (!target.empty() && target != ".") alias.targets.push_back(target);
      }
    if (!alias.targets.empty()) aliases_.push_back(std::move(alias));
  }
}

const WorkspacePackage* PackageMap::containing(const std::string& path) const {
  const WorkspacePackage* best = nullptr;
  for (const auto& p : packages_)
    if (inside_folder(path, p.dir) && (!best || best->dir == "." || p.dir.size() > best->dir.size())) best = &p;
  return best;
}

const WorkspacePackage* PackageMap::named(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? nullptr : &packages_[it->second];
}

std::vector<std::string> PackageMap::resolve(const std::string& from, const std::string& spec) const {
  std::vector<std::string> out;
  auto strip = [](std::string path) {  // './schema/orders.js' names schema/orders.ts as well
    for (const char* ext : {".js", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".jsx"})
      if (path.ends_with(ext)) return path.substr(0, path.size() - std::string_view(ext).size());
    return path;
  };
  // A tsconfig alias applies to files under the folder of the tsconfig that declares it.
  for (const auto& a : aliases_) {
    if (!(a.dir.empty() || inside_folder(from, a.dir))) continue;
    if (a.wildcard ? spec.rfind(a.prefix, 0) != 0 : spec != a.prefix) continue;
    std::string rest = a.wildcard ? spec.substr(a.prefix.size()) : "";
    for (std::string t : a.targets) {
      if (auto star = t.find('*'); star != std::string::npos) t.replace(star, 1, rest);
      out.push_back(strip(t));
    }
  }
  if (!out.empty()) return out;
  // '@scope/name/sub/path' or 'name/sub/path'.
  auto cut = spec.find('/', spec[0] == '@' ? spec.find('/') + 1 : 0);
  if (spec[0] == '@' && spec.find('/') == std::string::npos) return out;
  std::string name = cut == std::string::npos ? spec : spec.substr(0, cut);
  const WorkspacePackage* p = named(name);
  if (!p) return out;
  if (cut != std::string::npos) {
    std::string sub = strip(spec.substr(cut + 1));
    out.push_back(in_dir(p->dir, sub));
    if (sub.rfind("src/", 0) != 0) out.push_back(in_dir(p->dir, "src/" + sub));  // exports map './x' to './src/x'
  }
  out.push_back(p->dir);
  return out;
}

}  // namespace svc::engine
