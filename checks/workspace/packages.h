#pragma once
// The packages of a workspace (npm, pnpm, yarn and bun workspaces; uv and Poetry
// projects) and the TypeScript path aliases that lead into them: what a bare import
// specifier such as '@acme/db/schema' or '@db/orders' names inside the audited tree.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace svc::engine {

class Workspace;

struct WorkspacePackage {
  std::string name;  // as its manifest spells it: "@acme/db", "acme-db"
  std::string dir;   // relative folder, "." for the root
  std::set<std::string> dependencies;  // lower-case names from its manifest
  bool deployed = false;  // a Dockerfile, a start script, a platform file or a server entry
  bool depended_on = false;  // another package of the workspace lists it as a dependency
  bool workspace_root = false;  // declares the workspace (package.json `workspaces`, pnpm-workspace.yaml)
  bool next_standalone = false;  // next.config sets `output: 'standalone'`: a server bundle to run
  // A package other packages import and nothing deploys on its own: code shared by
  // services, never a service itself (docs/guide/configuration.md, "Services").
  bool library() const { return depended_on && !deployed; }
  // A monorepo's root manifest holds the tools of every package (an Express in its
  // devDependencies is some package's): a service only when it deploys itself.
  bool tooling_only() const { return workspace_root && !deployed; }
};

// A Dockerfile that builds a development environment (Gitpod, Dev Containers), not a service.
bool is_dev_environment_image(const std::string& path);

class PackageMap {
 public:
  PackageMap() = default;
  // Reads every package.json and pyproject.toml of the workspace, and the
  // tsconfig*.json / jsconfig.json files for `compilerOptions.paths`.
  static PackageMap read(const Workspace& workspace);

  const std::vector<WorkspacePackage>& packages() const { return packages_; }
  // The package whose folder holds `path` most closely, or null.
  const WorkspacePackage* containing(const std::string& path) const;
  const WorkspacePackage* named(const std::string& name) const;

  // Where a bare specifier imported by `from` may lead, as workspace-relative paths
  // without extension, most specific first: a package's subpath ("packages/db/schema",
  // then the package's folder "packages/db"), or a tsconfig alias's targets. Empty for
  // a package from the registry.
  std::vector<std::string> resolve(const std::string& from, const std::string& specifier) const;

 private:
  struct Alias {
    std::string dir;     // the folder of the tsconfig that declares it
    std::string prefix;  // "@db/" of "@db/*"; the whole key when it has no '*'
    bool wildcard = false;
    std::vector<std::string> targets;  // workspace-relative, with '*' kept in place
  };
  void read_tsconfig(const Workspace& workspace, const std::string& path);

  std::vector<WorkspacePackage> packages_;
  std::vector<Alias> aliases_;
  // named() runs for every bare import a table rule resolves: a lookup, not a scan.
  std::map<std::string, std::size_t> by_name_;
};

}  // namespace svc::engine
