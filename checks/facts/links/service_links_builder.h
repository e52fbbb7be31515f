#pragma once
// The pieces compute_service_links() is built from; internal to service_links*.cpp.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "checks/facts/links/service_links.h"

namespace svc::engine {

// Where a setting was found: it decides the setting's service, how a bare host name
// resolves, and where a finding about it points.
struct LinkOrigin {
  int service = -1;
  LinkSource source = LinkSource::code;
  std::string process;    // compose service / Kubernetes workload
  std::string project;    // compose: the compose file's folder
  std::string namespace_; // Kubernetes
  std::string path;       // the file holding the setting
  bool tentative = false;
};

struct ResolvedVar {
  std::string name, value;  // `${VAR}` references resolved where the facts allow
  LinkSite site;
};

struct CallTarget {
  int service = -1;  // -1: a compose service svc did not discover
  std::string name;
};

class LinkBuilder {
 public:
  LinkBuilder(const ServiceMap& services, const std::vector<FileFacts>& facts, const Config& config,
              ServiceLinks& out);
  void run();

 private:
  // service_links_processes.cpp: which svc service runs each process; what names mean.
  void index_service_names();
  void map_processes();
  int service_of_build(const ProcessDecl& p) const;
  int service_by_name(const std::string& name) const;
  std::optional<CallTarget> target_named(const std::string& name) const;
  std::optional<CallTarget> target_of_host(const std::string& host, const LinkOrigin& origin) const;
  std::string compose_project_of(const std::string& host, const LinkOrigin& origin) const;
  const ProcessInfo* compose_process(const std::string& project, const std::string& name) const;
  std::string host_key(const std::string& host, const LinkOrigin& origin) const;

  // service_links_env.cpp: environment blocks and what they connect to.
  std::vector<ResolvedVar> compose_env(const FileFacts& file, const ProcessDecl& p) const;
  std::vector<ResolvedVar> kubernetes_env(const FileFacts& file, const ProcessDecl& p) const;
  std::vector<ResolvedVar> env_file_vars(const std::string& path) const;
  void add_env_links(const std::vector<ResolvedVar>& env, const LinkOrigin& origin);
  void add_split_databases(const std::vector<ResolvedVar>& env, const LinkOrigin& origin);
  void add_database(const DatabaseEndpoint& endpoint, const std::string& via, const LinkSite& site,
                    const LinkOrigin& origin);
  void add_call(const LinkOrigin& origin, const CallTarget& target, CallKind how, std::string detail,
                const LinkSite& site);
  std::string guess_kind(const std::string& host, const std::string& port, const LinkOrigin& origin) const;

  // service_links.cpp: the passes over files.
  void add_process_links();
  void add_code_links(const FileFacts& file);
  void add_queue(int service, const QueueRef& q, const std::string& path);
  void resolve_celery_queues();
  void add_declared_databases();

  const ServiceMap& services_;
  const std::vector<FileFacts>& facts_;
  const Config& config_;
  ServiceLinks& out_;
  std::map<std::string, const FileFacts*> by_path_;
  // Kubernetes ConfigMaps by (namespace, name), with the file that holds each.
  std::multimap<std::pair<std::string, std::string>, std::pair<const FileFacts*, const ConfigMapDecl*>> config_maps_;
  // Per ProcessDecl (by address), its ProcessInfo index.
  std::map<const ProcessDecl*, std::size_t> process_index_;
  // compose project folder -> service name -> ProcessInfo index (the one mapped to a service first).
  std::map<std::string, std::map<std::string, std::size_t>> projects_;
  // name keys -> svc services (exact names, and stems such as `orders` for `orders-service`).
  std::map<std::string, std::vector<int>> exact_names_, stem_names_;
  // compose services svc did not discover, by name key (calls may still target them).
  std::map<std::string, std::vector<std::string>> compose_only_;
};

// Paths whose settings document a shape rather than a deployment.
bool is_tentative_path(const std::string& path);
bool is_infrastructure_image(const std::string& image);
std::string image_name(const std::string& image);  // ghcr.io/acme/orders:1.2 -> orders

}  // namespace svc::engine
