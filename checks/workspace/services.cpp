#include "checks/workspace/services.h"

#include <algorithm>
#include <map>

#include "checks/workspace/config.h"
#include "checks/workspace/manifests.h"
#include "checks/core/source_file.h"
#include "checks/workspace/workspace.h"
#include "common/paths.h"

#include <re2/re2.h>

namespace svc::engine {
namespace {

// Package name -> framework, for npm and PyPI alike.
const std::map<std::string, std::string>& framework_of_package() {
  static const std::map<std::string, std::string> table = {
      {"hono", "hono"},         {"express", "express"},     {"fastify", "fastify"},
      {"@nestjs/core", "nestjs"}, {"koa", "koa"},           {"@grpc/grpc-js", "grpc"},
      {"bullmq", "bullmq"},     {"bull", "bullmq"},         {"fastapi", "fastapi"},
      {"flask", "flask"},       {"django", "django"},       {"starlette", "starlette"},
      {"aiohttp", "aiohttp"},   {"sanic", "sanic"},         {"grpcio", "grpc"},
      {"celery", "celery"},     {"rq", "rq"},               {"flask-openapi3", "flask"},
      {"next", "nextjs"},
      // Go modules (go.mod paths, major-version suffix dropped); net/http is found in the code.
      {"github.com/gin-gonic/gin", "gin"},  {"github.com/go-chi/chi", "chi"},
      {"github.com/labstack/echo", "echo"}, {"github.com/gofiber/fiber", "fiber"},
      {"github.com/gorilla/mux", "gorilla"}, {"connectrpc.com/connect", "connect"},
      {"github.com/bufbuild/connect-go", "connect"}, {"google.golang.org/grpc", "grpc"},
  };
  return table;
}

bool is_http_framework(const std::string& f) {
  static const std::set<std::string> http = {"hono", "express", "fastify", "nestjs", "koa", "grpc",
                                             "fastapi", "flask", "django", "starlette", "aiohttp", "sanic",
                                             "nextjs", "gin", "chi", "echo", "fiber", "gorilla", "connect",
                                             "net/http"};
  return http.count(f) > 0;
}

bool is_database_package(const std::string& p) {
  static const std::set<std::string> db = {
      "pg", "postgres", "drizzle-orm", "@prisma/client", "prisma", "typeorm", "sequelize", "knex",
      "mysql", "mysql2", "mongoose", "mongodb", "kysely", "better-sqlite3", "@neondatabase/serverless",
      "@vercel/postgres", "slonik", "sqlalchemy", "asyncpg", "psycopg", "psycopg2", "psycopg2-binary",
      "sqlmodel", "django", "databases", "tortoise-orm", "peewee", "pymongo", "motor",
      "flask-sqlalchemy", "aiomysql", "pymysql", "mysqlclient", "aiosqlite",
      // Go
      "github.com/jackc/pgx", "github.com/lib/pq", "gorm.io/gorm", "github.com/jmoiron/sqlx", "entgo.io/ent",
      "github.com/uptrace/bun", "github.com/go-sql-driver/mysql", "go.mongodb.org/mongo-driver",
      "github.com/mattn/go-sqlite3", "modernc.org/sqlite", "github.com/jackc/pgconn"};
  return db.count(p) > 0;
}


// What a Go module's own code says that its go.mod cannot: whether it builds a program
// (a `func main` in package main; without one it is a library, such as generated
// protobuf code beside a service), and whether it serves HTTP with the standard library
// alone. Reads the module's non-test .go files (outside vendor/ and nested modules)
// until both are known, at most kMaxGoFilesRead.
struct GoModuleCode {
  bool has_main = false;
  bool serves_http = false;
};

GoModuleCode scan_go_module(const Workspace& ws, const std::string& dir) {
  constexpr int kMaxGoFilesRead = 400;
  static const RE2 main_func(R"((?m)^func\s+main\s*\(\s*\))");
  static const RE2 serves(R"(http\.ListenAndServe(TLS)?\(|http\.Server\{|http\.Serve\()");
  const auto& files = ws.files();
  std::set<std::string> nested;
  for (const auto& f : files)
    if (base_name(f) == "go.mod" && folder_of(f) != dir && inside_folder(f, dir)) nested.insert(folder_of(f));
  GoModuleCode out;
  int read = 0;
  for (const auto& f : files) {
    if (!f.ends_with(".go") || !inside_folder(f, dir) || is_test_path(f)) continue;
    if (("/" + f).find("/vendor/") != std::string::npos) continue;
    if (std::any_of(nested.begin(), nested.end(), [&](const std::string& n) { return inside_folder(f, n); })) continue;
    if (++read > kMaxGoFilesRead) break;
    ReadResult r = ws.read(f);
    if (r.status != ReadStatus::ok) continue;
    out.has_main = out.has_main || RE2::PartialMatch(r.text, main_func);
    out.serves_http = out.serves_http ||
                      (r.text.find("\"net/http\"") != std::string::npos && RE2::PartialMatch(r.text, serves));
    if (out.has_main && out.serves_http) break;
  }
  return out;
}

std::string relative_to(const std::string& file, const std::string& dir) {
  return dir == "." ? file : file.substr(dir.size() + 1);
}

// `-r requirements/base.txt` (or --requirement): pip reads the named file too, relative
// to this one; Django projects often keep a root requirements.txt of includes only.
std::set<std::string> requirements_with_includes(const Workspace& ws, const std::string& path, const std::string& text,
                                                 int depth) {
  std::set<std::string> deps = requirements_dependencies(text);
  static const RE2 include(R"((?m)^[ \t]*(?:-r|--requirement)[ \t=]+(\S+))");
  re2::StringPiece input(text);
  std::string target;
  while (depth < 3 && RE2::FindAndConsume(&input, include, &target)) {
    std::string file = join_relative(folder_of(path), target);
    if (file.empty()) continue;
    ReadResult r = ws.read(file);
    if (r.status != ReadStatus::ok) continue;
    auto more = requirements_with_includes(ws, file, r.text, depth + 1);
    deps.insert(more.begin(), more.end());
  }
  return deps;
}

void read_manifest(const Workspace& ws, const std::string& path, Service& s, std::string* name) {
  ReadResult r = ws.read(path);
  if (r.status != ReadStatus::ok) return;
  std::string file = base_name(path);
  std::set<std::string> deps;
  if (file == "package.json") deps = package_json_dependencies(r.text, name);
  else if (file == "pyproject.toml") deps = pyproject_dependencies(r.text, name);
  else if (file == "go.mod") {
    deps = go_mod_dependencies(r.text, name);
    static const RE2 module_line(R"((?m)^module\s+"?([^\s"]+))");
    RE2::PartialMatch(r.text, module_line, &s.go_module);
  }
  else deps = requirements_with_includes(ws, path, r.text, 0);
  s.dependencies.insert(deps.begin(), deps.end());
}

void fill_details(const Workspace& ws, Service& s, const std::vector<std::string>& files,
                  const std::vector<const Service*>& nested) {
  std::string manifest_name;
  std::map<std::string, int> by_language;
  for (const auto& f : files) {
    if (!inside_folder(f, s.path)) continue;
    bool in_nested = std::any_of(nested.begin(), nested.end(), [&](const Service* n) { return inside_folder(f, n->path); });
    if (in_nested) continue;
    std::string rel = relative_to(f, s.path);
    Language lang = classify_path(f);
    if (lang == Language::dockerfile) s.dockerfiles.push_back(f);
    if (rel.find('/') == std::string::npos && is_manifest(rel)) {
      s.manifests.push_back(f);
      read_manifest(ws, f, s, manifest_name.empty() ? &manifest_name : nullptr);
    }
    if (is_code(lang)) by_language[std::string(to_string(lang == Language::tsx ? Language::typescript : lang))]++;
  }
  classify_dependencies(s);
  if (!s.go_module.empty() && !s.is_http() && scan_go_module(ws, s.path).serves_http) s.frameworks.insert("net/http");
  if (s.name.empty()) {
    s.name = manifest_name.empty() ? base_name(s.path == "." ? ws.root() : s.path) : manifest_name;
    if (auto slash = s.name.rfind('/'); s.name[0] == '@' && slash != std::string::npos) s.name = s.name.substr(slash + 1);
  }
  if (!by_language.empty()) {
    s.language = std::max_element(by_language.begin(), by_language.end(),
                                  [](auto& a, auto& b) { return a.second < b.second; })->first;
  } else {
    s.language = "unknown";
  }
  static const char* entries[] = {
      "src/index.ts", "src/main.ts", "src/server.ts", "src/app.ts", "index.ts", "server.ts", "app.ts",
      "src/index.js", "src/main.js", "src/server.js", "src/app.js", "index.js", "server.js", "app.js",
      "src/app/main.py", "app/main.py", "src/main.py", "main.py", "app.py", "wsgi.py", "asgi.py",
      "server.py", "manage.py", "next.config.ts", "next.config.mjs", "next.config.js", "next.config.cjs",
      "main.go", "cmd/server/main.go", "cmd/api/main.go", "cmd/main.go", "server.go"};
  for (const char* e : entries) {
    std::string full = s.path == "." ? e : s.path + "/" + e;
    if (std::binary_search(files.begin(), files.end(), full)) s.entry_files.push_back(full);
  }
  // Any other `cmd/<name>/main.go`: a Go module's programs.
  std::string cmd = s.path == "." ? "cmd/" : s.path + "/cmd/";
  for (auto it = std::lower_bound(files.begin(), files.end(), cmd); it != files.end() && it->starts_with(cmd); ++it)
    if (it->ends_with("/main.go") && std::count(it->begin() + cmd.size(), it->end(), '/') == 1 &&
        std::find(s.entry_files.begin(), s.entry_files.end(), *it) == s.entry_files.end())
      s.entry_files.push_back(*it);
}

}  // namespace

bool Service::is_http() const {
  return std::any_of(frameworks.begin(), frameworks.end(), is_http_framework);
}

bool Service::has_database() const {
  return std::any_of(dependencies.begin(), dependencies.end(), is_database_package);
}

std::string Service::primary_framework() const {
  if (is_nextjs()) return "nextjs";
  for (const auto& f : frameworks)
    if (is_http_framework(f)) return f;
  return frameworks.empty() ? "" : *frameworks.begin();
}

std::string Service::kind() const {
  if (is_nextjs()) return "nextjs";
  if (is_http()) return "http";
  for (const char* f : {"bullmq", "celery", "rq"})
    if (uses(f)) return "worker";
  return schema_package ? "schema" : "other";
}

std::string Service::anchor_file() const {
  if (!entry_files.empty()) return entry_files.front();
  if (!manifests.empty()) return manifests.front();
  if (!dockerfiles.empty()) return dockerfiles.front();
  return path;
}

void classify_dependencies(Service& s) {
  for (const auto& dep : s.dependencies) {
    auto it = framework_of_package().find(dep);
    if (it != framework_of_package().end()) s.frameworks.insert(it->second);
  }
}

ServiceMap::ServiceMap(std::vector<Service> services, PackageMap packages)
    : services_(std::move(services)), packages_(std::move(packages)) {}

int ServiceMap::service_of(const std::string& path) const {
  int best = -1;
  std::size_t best_len = 0;
  for (std::size_t i = 0; i < services_.size(); ++i) {
    const auto& dir = services_[i].path;
    if (!inside_folder(path, dir)) continue;
    std::size_t len = dir == "." ? 0 : dir.size() + 1;
    if (best < 0 || len > best_len) best = static_cast<int>(i), best_len = len;
  }
  return best;
}

namespace {

// A playground or example app beside a library's code: `create-next-app` output kept
// to try the library with, which nothing deploys for real.
bool is_sample_folder(const std::string& path) {
  for (const char* name : {"playground", "playgrounds", "sandbox", "example", "examples"})
    if (("/" + folder_of(path) + "/").find(std::string("/") + name + "/") != std::string::npos) return true;
  return false;
}

std::vector<Service> discovered(const Workspace& ws, const PackageMap& packages) {
  std::set<std::string> dirs;
  std::set<std::string> stdlib_http;  // Go modules whose code serves net/http: read once, here
  for (const auto& f : ws.files()) {
    std::string name = base_name(f);
    if (classify_path(f) == Language::dockerfile) {
      if (!is_dev_environment_image(f)) dirs.insert(folder_of(f));
    } else if (is_manifest(name)) {
      Service probe;
      read_manifest(ws, f, probe, nullptr);
      classify_dependencies(probe);
      if (name == "go.mod") {
        // A Go module is a service only if it builds a program; its framework may be
        // the standard library's, which go.mod does not name.
        GoModuleCode code = scan_go_module(ws, folder_of(f));
        if (!code.has_main) continue;
        if (!probe.is_http() && code.serves_http) stdlib_http.insert(folder_of(f));
      }
      if (probe.frameworks.empty() && !stdlib_http.count(folder_of(f))) continue;
      const WorkspacePackage* p = packages.containing(f);
      if (p && p->dir == folder_of(f) && (p->library() || p->tooling_only())) continue;
      // A package naming `next` that nothing deploys is a component library or a
      // playground, not an app anyone runs.
      if (probe.uses("nextjs") && ((p && p->dir == folder_of(f) && !p->deployed) || is_sample_folder(f))) continue;
      dirs.insert(folder_of(f));
    }
  }
  std::vector<Service> out;
  for (const auto& d : dirs) {
    Service s;
    s.path = d;
    if (stdlib_http.count(d)) s.frameworks.insert("net/http");
    out.push_back(std::move(s));
  }
  return out;
}

// `.svc.yaml` entries refine the discovered service at the same path, or add one.
void apply_declarations(std::vector<Service>& services, const Config& config) {
  for (const auto& d : config.services) {
    std::string path = d.path.empty() ? "." : d.path;
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    if (path.rfind("./", 0) == 0 && path.size() > 2) path = path.substr(2);
    auto it = std::find_if(services.begin(), services.end(), [&](const Service& s) { return s.path == path; });
    if (it == services.end()) {
      it = services.insert(services.end(), Service{});
      it->path = path;
      it->discovered = false;
    }
    it->name = d.name;
    it->owns = d.owns;
    it->database = d.database;
    it->declared = true;
  }
}

}  // namespace

ServiceMap discover_services(const Workspace& ws, const Config& config) {
  const auto& files = ws.files();
  PackageMap packages = PackageMap::read(ws);
  std::vector<Service> services = config.discover ? discovered(ws, packages) : std::vector<Service>{};
  apply_declarations(services, config);
  std::sort(services.begin(), services.end(), [](const Service& a, const Service& b) { return a.path < b.path; });
  for (auto& s : services) {
    std::vector<const Service*> nested;
    for (const auto& other : services)
      if (&other != &s && other.path != s.path && inside_folder(other.path, s.path)) nested.push_back(&other);
    fill_details(ws, s, files, nested);
    const WorkspacePackage* p = packages.containing(s.path == "." ? "package.json" : s.path + "/package.json");
    s.schema_package = s.frameworks.empty() && p && p->dir == s.path && p->depended_on;
    s.self_hosted = s.is_nextjs() && (!s.dockerfiles.empty() || (p && p->dir == s.path && p->next_standalone));
    for (const auto& dep : s.dependencies)
      if (const WorkspacePackage* w = packages.named(dep); w && w != p) s.workspace_packages.insert(dep);
  }
  return ServiceMap(std::move(services), std::move(packages));
}

std::set<std::string> known_frameworks() {
  std::set<std::string> out{"net/http"};
  for (const auto& [package, framework] : framework_of_package()) out.insert(framework);
  return out;
}

}  // namespace svc::engine
