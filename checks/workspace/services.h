#pragma once
#include <set>
#include <string>
#include <vector>

#include "checks/workspace/packages.h"

namespace svc::engine {

struct Config;
class Workspace;

// One deployable unit of the audited tree and what its manifests say about it.
struct Service {
  std::string name;
  std::string path;      // relative folder, "." for the root
  std::string language;  // typescript | javascript | python | go | unknown
  std::set<std::string> frameworks;    // hono, express, fastapi, flask, django, gin, chi, net/http, bullmq, ...
  std::set<std::string> dependencies;  // package names from its manifests, lower-case
  std::set<std::string> workspace_packages;  // those of its dependencies that are packages of this workspace
  std::vector<std::string> manifests;    // package.json, pyproject.toml, requirements*.txt, go.mod
  std::string go_module;                 // go.mod's module path: how the service's Go packages import each other
  std::vector<std::string> dockerfiles;
  std::vector<std::string> entry_files;  // most likely first
  std::vector<std::string> owns;         // tables declared in .svc.yaml
  std::string database;                  // declared in .svc.yaml
  bool declared = false;                 // listed in .svc.yaml (refining a discovered one or added)
  bool discovered = true;                // found by discovery (false: only .svc.yaml names it)
  // A deployed package with no HTTP framework or worker that other packages import: a
  // shared schema package whose image only runs migrations. Its tables are shared,
  // not owned (docs/rules/db-shared-database.md).
  bool schema_package = false;
  // A Next.js app whose server runs as a long-lived process the team operates: a
  // Dockerfile, or `output: 'standalone'` in next.config. Elsewhere (Vercel and the
  // like) the platform owns the process: no probe to answer, no SIGTERM to handle.
  bool self_hosted = false;

  bool is_http() const;       // serves HTTP (or gRPC) requests
  bool is_nextjs() const { return uses("nextjs"); }
  // What it is, for reports and the graph: nextjs | http | worker | schema | other.
  std::string kind() const;
  bool has_database() const;  // a database driver or ORM is among its dependencies
  bool uses(const std::string& framework) const { return frameworks.count(framework) > 0; }
  // The HTTP framework if there is one (Next.js first: it serves whatever else is
  // mounted in its route handlers), else the first framework, else "".
  std::string primary_framework() const;
  // The file a finding about the whole service points at.
  std::string anchor_file() const;
};

class ServiceMap {
 public:
  ServiceMap() = default;
  explicit ServiceMap(std::vector<Service> services, PackageMap packages = {});
  const std::vector<Service>& services() const { return services_; }
  const PackageMap& packages() const { return packages_; }
  // Index of the deepest service whose folder holds `path`, or -1.
  int service_of(const std::string& path) const;

 private:
  std::vector<Service> services_;
  PackageMap packages_;
};

// A folder with a Dockerfile, or a manifest naming an HTTP framework or a queue worker,
// is a service, unless it is a library: a package other packages of the workspace
// depend on, with nothing that deploys it (no Dockerfile, start script, platform file
// or server entry). `.svc.yaml` `services:` refines the discovered service with the
// same path and adds the others; with `discover: false` it is the whole list.
ServiceMap discover_services(const Workspace& workspace, const Config& config);

// Frameworks and database use implied by one manifest's dependency names.
void classify_dependencies(Service& service);

// Every framework name discovery can give a service (Service::frameworks).
std::set<std::string> known_frameworks();

}  // namespace svc::engine
