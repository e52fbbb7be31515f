#pragma once
#include <string>
#include <vector>

#include "checks/facts/routes/route_facts.h"  // SourceSpan
#include "checks/core/source_file.h"

namespace svc::engine {

class Documents;
namespace docker {
struct Dockerfile;
}

class SyntaxTree;

// One environment variable as written. Values keep `${VAR}` / `$(VAR)` references
// (resolved later, across files); passwords inside URLs are dropped at extraction.
struct EnvVar {
  std::string name, value;
  SourceSpan span;
};

// A name pointing at something defined elsewhere: a compose `depends_on` entry, a
// Kubernetes `envFrom` ConfigMap.
struct NamedRef {
  std::string name;
  SourceSpan span;
};

// A queue named in code or in a worker's command line.
struct QueueRef {
  std::string system;  // bullmq | celery | rq
  std::string queue;   // "" when the code does not say (Celery `.delay`: the task's queue)
  std::string task;    // Celery task name (function), when known
  bool produces = false;
  SourceSpan span;
};

// A health probe the platform runs against a service, and the HTTP path it calls: the
// route it names is the service's health route whatever that route is called.
struct HealthProbe {
  std::string source;  // what declares it, for messages: "the Dockerfile HEALTHCHECK"
  std::string path;    // "/ping", without query
  SourceSpan span;
};

// A process definition: a docker-compose service or a Kubernetes container.
struct ProcessDecl {
  enum class Kind { compose, kubernetes };
  Kind kind = Kind::compose;
  std::string name;       // compose service name; Kubernetes workload name
  std::string container;  // Kubernetes container name
  std::string namespace_; // Kubernetes namespace ("default" when unset)
  std::string build;      // compose: the build folder, root-relative ("." for the root)
  std::string dockerfile; // compose: `build.dockerfile`, root-relative
  std::string image;
  std::vector<EnvVar> env;
  std::vector<std::string> env_files;  // compose `env_file`, root-relative
  std::vector<NamedRef> config_maps;   // Kubernetes `envFrom: configMapRef`
  std::vector<NamedRef> depends_on;    // compose `depends_on` and `links`
  std::vector<QueueRef> queues;        // consumers started by `command:` (rq worker, celery worker)
  SourceSpan span;                     // the service key / the container's name
  std::vector<HealthProbe> probes;     // compose `healthcheck`, Kubernetes liveness/readiness/startup
};

// Kubernetes ConfigMap data, joined to containers by name.
struct ConfigMapDecl {
  std::string name, namespace_;
  std::vector<EnvVar> data;
};

// A string literal in code: a database URL, or an HTTP URL whose host is a bare name
// (a compose or cluster service, never a public domain).
struct UrlLiteral {
  std::string url;  // without password
  SourceSpan span;
};

// Code reading an environment variable or a settings field whose name says it holds
// another service's address (`process.env.ORDERS_URL`, `settings.orders_service_url`).
struct EnvRead {
  std::string name;  // upper snake case
  SourceSpan span;
};

// How one file connects services to the outside: database URLs (compose, .env,
// Kubernetes, config code), queues produced and consumed, HTTP calls to other services.
// Facts say what is written; service_links.h joins them across files.
struct LinkFacts {
  bool compose = false;             // a docker-compose file
  bool env_file = false;            // a .env file: `env` holds its variables
  std::vector<ProcessDecl> processes;
  std::vector<EnvVar> env;
  std::vector<ConfigMapDecl> config_maps;
  std::vector<UrlLiteral> database_urls;
  std::vector<UrlLiteral> service_urls;
  std::vector<EnvRead> env_reads;
  std::vector<QueueRef> queues;
  // Probes of the file's own service: a Dockerfile HEALTHCHECK, fly.toml checks.
  std::vector<HealthProbe> probes;

  bool empty() const;
};

bool wants_link_facts(const SourceFile& file);
void extract_link_facts(const SourceFile& file, const SyntaxTree* tree, const docker::Dockerfile* dockerfile,
                        const Documents& documents, LinkFacts& out);

// The path of the URL a probe command calls (`curl -f http://localhost:3000/ping`,
// `wget -qO- localhost:8080/healthz`), or "" when it calls none.
std::string probe_path(const std::string& command);

// File kinds, by name alone.
bool is_compose_file(const std::string& path);
bool is_env_file(const std::string& path);
bool is_fly_config(const std::string& path);  // fly.toml, fly.staging.toml

}  // namespace svc::engine
