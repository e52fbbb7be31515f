#pragma once
// How services connect, joined across files: the databases each service connects to,
// the queues it produces and consumes, and the services it calls. Shared by the
// db-shared-database and arch-shared-utils-service rules and by `svc graph`.
// A pure function of facts and configuration: nothing here reads a file.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/workspace/config.h"
#include "checks/facts/facts.h"
#include "checks/facts/links/link_urls.h"
#include "checks/workspace/services.h"

namespace svc::engine {

struct LinkSite {
  std::string path;
  SourceSpan span;
  std::string describe() const;  // path:line
};

enum class LinkSource { compose, kubernetes, env_file, code, config };
std::string_view to_string(LinkSource source);

// A compose service or a Kubernetes workload, and the svc service it runs (if any).
struct ProcessInfo {
  ProcessDecl::Kind kind = ProcessDecl::Kind::compose;
  std::string name;     // compose service name; Kubernetes workload name
  std::string project;  // compose: the compose file's folder; Kubernetes: the namespace
  std::string image;
  int service = -1;
  bool infrastructure = false;  // an off-the-shelf database, broker, proxy ... image
  bool tentative = false;       // from a test/CI compose file
  LinkSite site;
};

struct DatabaseUse {
  int service = -1;
  DatabaseEndpoint endpoint;  // as configured, host lower case
  // The database's identity: a bare host is qualified by the compose project or
  // Kubernetes namespace it resolves in, so two projects' `db` stay apart.
  std::string key;
  std::string via;      // DATABASE_URL, DB_HOST+DB_NAME, "a literal", ".svc.yaml"
  std::string process;  // the compose service / Kubernetes workload configured, "" otherwise
  LinkSource source = LinkSource::code;
  // From an example, template, test or CI file: it documents a shape, not a deployment.
  bool tentative = false;
  bool readonly = false;  // `.svc.yaml` declares it a read-only replica or warehouse
  LinkSite site;
};

struct QueueUse {
  int service = -1;
  std::string system;  // bullmq | celery | rq
  std::string queue;
  std::string task;  // Celery task, when known
  bool produces = false;
  LinkSite site;
};

enum class CallKind { env_var, url, depends_on };
std::string_view to_string(CallKind kind);

struct ServiceCall {
  int caller = -1;
  int callee = -1;          // an svc service, or -1 for a compose service svc did not discover
  std::string callee_name;  // the name it was called by (compose service, host, variable stem)
  CallKind how = CallKind::env_var;
  std::string detail;  // ORDERS_URL, http://orders:3000/v1, depends_on: orders
  bool tentative = false;
  LinkSite site;
};

// A health probe that the platform runs against a service (HealthProbe, joined to the
// service its Dockerfile, fly.toml, compose service or Kubernetes workload runs).
struct ProbeUse {
  int service = -1;
  std::string source;  // "the Dockerfile HEALTHCHECK", "the Kubernetes livenessProbe of orders"
  std::string path;
  LinkSite site;
};

struct ServiceLinks {
  std::vector<ProcessInfo> processes;
  std::vector<DatabaseUse> databases;
  std::vector<QueueUse> queues;
  std::vector<ServiceCall> calls;
  std::vector<ProbeUse> probes;

  template <class T>
  static std::vector<const T*> of_service(const std::vector<T>& list, int service) {
    std::vector<const T*> out;
    for (const auto& item : list)
      if (item.service == service) out.push_back(&item);
    return out;
  }
  std::vector<const DatabaseUse*> databases_of(int service) const { return of_service(databases, service); }
  std::vector<const QueueUse*> queues_of(int service) const { return of_service(queues, service); }
  std::vector<const ServiceCall*> calls_from(int service) const;
  std::vector<const ProcessInfo*> processes_of(int service) const { return of_service(processes, service); }
  std::vector<const ProbeUse*> probes_of(int service) const { return of_service(probes, service); }
  // The names a service answers to: its svc name, its folder's name, its compose names.
  std::vector<std::string> names_of(const ServiceMap& services, int service) const;
};

ServiceLinks compute_service_links(const ServiceMap& services, const std::vector<FileFacts>& facts,
                                   const Config& config);

// Whether `.svc.yaml` declares the database read-only (matched by database, host or schema name).
bool is_readonly_database(const Config& config, const DatabaseUse& use);

// A database that more than one service connects to (db-shared-database's judgment,
// shared with `svc graph`): read-only ones, tentative files, processes of one service
// (same build folder, `orders` + `orders-worker`, a worker consuming the service's
// queue) and migration runners left out.
struct SharedDatabase {
  const DatabaseUse* owner;                // the likely owner's best-placed connection
  std::vector<const DatabaseUse*> others;  // one per other service, its best-placed connection
  std::vector<const DatabaseUse*> uses;    // every connection to it that was judged
};
// `kinds`: postgres, mysql, mongodb, redis (the rule's `kinds` option).
std::vector<SharedDatabase> shared_databases(const ServiceLinks& links, const ServiceMap& services,
                                             const std::set<std::string>& kinds);

}  // namespace svc::engine
