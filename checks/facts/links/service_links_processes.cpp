// Which svc service runs each compose service and Kubernetes workload, and what a
// host or variable name points at.
#include <algorithm>
#include <re2/re2.h>

#include "checks/facts/links/link_facts_yaml.h"
#include "common/ascii.h"
#include "checks/facts/links/link_names.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/facts/links/service_links_builder.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

bool is_local_host(const std::string& host) {
  return host == "localhost" || host == "127.0.0.1" || host == "::1" || host == "[::1]" || host == "0.0.0.0" ||
         host == "host.docker.internal";
}

// `orders.shop.svc.cluster.local` -> {orders, shop}; nullopt for other hosts.
std::optional<std::pair<std::string, std::string>> cluster_host(const std::string& host) {
  auto svc = host.find(".svc");
  if (svc == std::string::npos || (svc + 4 != host.size() && host.compare(svc, 18, ".svc.cluster.local") != 0))
    return std::nullopt;
  std::string labels = host.substr(0, svc);
  auto dot = labels.find('.');
  if (dot == std::string::npos) return std::make_pair(labels, std::string());
  return std::make_pair(labels.substr(0, dot), labels.substr(dot + 1, labels.find('.', dot + 1) - dot - 1));
}

}  // namespace

std::string image_name(const std::string& image) {
  std::string name = image.substr(0, image.find('@'));
  auto slash = name.rfind('/');
  if (slash != std::string::npos) name = name.substr(slash + 1);
  return ascii_lower(name.substr(0, name.find(':')));
}

bool is_infrastructure_image(const std::string& image) {
  // Off-the-shelf images: a name followed by nothing, a version or a variant.
  static const RE2 infra(
      R"(^(postgres|postgis|timescaledb|mysql|mariadb|mongo|redis|valkey|keydb|rabbitmq|kafka|cp-kafka|zookeeper|)"
      R"(nats|memcached|elasticsearch|opensearch|minio|localstack|mailpit|mailhog|nginx|traefik|caddy|envoy|haproxy|)"
      R"(jaeger|all-in-one|opentelemetry-collector|otel|prometheus|grafana|loki|tempo|clickhouse|cockroach|adminer|)"
      R"(pgadmin|vault|consul|etcd|temporal|kong|keycloak|azurite|dynamodb-local|pgbouncer|redpanda|pulsar|)"
      R"(cassandra|neo4j|influxdb|mongo-express|redis-commander|wiremock|mockserver|busybox|alpine|curl))"
      R"(([-_.0-9].*)?$)");
  if (image.find("mssql") != std::string::npos) return true;
  return !image.empty() && RE2::FullMatch(image_name(image), infra);
}

bool is_tentative_path(const std::string& path) {
  static const RE2 words(
      R"((^|[._-])(example|examples|sample|samples|template|tmpl|dist|test|tests|testing|ci|e2e|spec)([._-]|$))");
  return is_test_path(path) || RE2::PartialMatch(base_name(path), words);
}

void LinkBuilder::index_service_names() {
  const auto& list = services_.services();
  for (std::size_t i = 0; i < list.size(); ++i) {
    std::vector<std::string> names = {name_key(list[i].name)};
    if (list[i].path != ".") names.push_back(name_key(base_name(list[i].path)));
    for (const auto& n : names) {
      auto add = [&](auto& index, const std::string& key) {
        auto& v = index[key];
        if (std::find(v.begin(), v.end(), static_cast<int>(i)) == v.end()) v.push_back(static_cast<int>(i));
      };
      add(exact_names_, n);
      if (name_stem(n) != n) add(stem_names_, name_stem(n));
    }
  }
}

int LinkBuilder::service_by_name(const std::string& name) const {
  std::string key = name_key(name);
  for (const auto* index : {&exact_names_, &stem_names_})
    for (const std::string& k : {key, name_stem(key)}) {
      auto it = index->find(k);
      if (it == index->end()) continue;
      return it->second.size() == 1 ? it->second.front() : -1;  // ambiguous names map to nothing
    }
  return -1;
}

int LinkBuilder::service_of_build(const ProcessDecl& p) const {
  if (p.build.empty()) return -1;
  if (!p.dockerfile.empty())
    if (int s = services_.service_of(p.dockerfile); s >= 0) return s;
  return services_.service_of(p.build == "." ? "Dockerfile" : p.build + "/Dockerfile");
}

void LinkBuilder::map_processes() {
  for (const auto& file : facts_)
    for (const auto& p : file.links.processes) {
      ProcessInfo info;
      info.kind = p.kind;
      info.name = p.name;
      info.project = p.kind == ProcessDecl::Kind::compose ? folder_of(file.path) : p.namespace_;
      info.image = p.image;
      info.infrastructure = p.build.empty() && is_infrastructure_image(p.image);
      info.tentative = is_tentative_path(file.path);
      info.site = {file.path, p.span};
      if (p.kind == ProcessDecl::Kind::compose) {
        info.service = service_of_build(p);
      } else {
        for (const auto& n : {p.container, p.name, image_name(p.image)})
          if (info.service < 0 && !n.empty()) info.service = service_by_name(n);
        if (info.service < 0) info.service = file.service;  // a manifest inside the service's folder
      }
      process_index_[&p] = out_.processes.size();
      out_.processes.push_back(std::move(info));
    }
  // Compose services by project and name (slots hold index + 1, 0 being unset),
  // preferring the definition that maps to a service.
  for (std::size_t i = 0; i < out_.processes.size(); ++i) {
    const ProcessInfo& info = out_.processes[i];
    if (info.kind != ProcessDecl::Kind::compose) continue;
    auto& slot = projects_[info.project][info.name];
    if (info.service >= 0 && (slot == 0 || out_.processes[slot - 1].service < 0)) slot = i + 1;
    if (slot == 0) slot = i + 1;
  }
  for (auto& info : out_.processes) {
    // Without a build: the same name built in another file of the project (an
    // override), else a name or image naming an svc service.
    if (info.kind != ProcessDecl::Kind::compose || info.service >= 0 || info.infrastructure) continue;
    const ProcessInfo* built = compose_process(info.project, info.name);
    info.service = built && built->service >= 0 ? built->service : service_by_name(info.name);
    if (info.service < 0 && !info.image.empty()) info.service = service_by_name(image_name(info.image));
  }
  for (const auto& info : out_.processes)
    if (info.kind == ProcessDecl::Kind::compose && info.service < 0 && !info.infrastructure)
      compose_only_[name_key(info.name)].push_back(info.name);
}

const ProcessInfo* LinkBuilder::compose_process(const std::string& project, const std::string& name) const {
  auto p = projects_.find(project);
  if (p == projects_.end()) return nullptr;
  auto it = p->second.find(name);
  return it == p->second.end() ? nullptr : &out_.processes[it->second - 1];
}

std::optional<CallTarget> LinkBuilder::target_named(const std::string& name) const {
  if (int s = service_by_name(name); s >= 0) return CallTarget{s, name};
  for (const std::string& k : {name_key(name), name_stem(name_key(name))}) {
    auto it = compose_only_.find(k);
    if (it != compose_only_.end() && it->second.size() >= 1) return CallTarget{-1, it->second.front()};
  }
  return std::nullopt;
}

// The compose project a bare host resolves in: the setting's own project, else the
// nearest project above the file that defines the host, else the only one that does.
std::string LinkBuilder::compose_project_of(const std::string& host, const LinkOrigin& origin) const {
  if (origin.source == LinkSource::kubernetes) return "";
  if (origin.source == LinkSource::compose) return compose_process(origin.project, host) ? origin.project : "";
  for (std::string dir = folder_of(origin.path);; dir = folder_of(dir)) {
    if (compose_process(dir, host)) return dir;
    if (dir == ".") break;
  }
  std::string only;
  for (const auto& [dir, names] : projects_) {
    if (!names.count(host)) continue;
    if (!only.empty()) return "";
    only = dir;
  }
  return only;
}

std::optional<CallTarget> LinkBuilder::target_of_host(const std::string& host, const LinkOrigin& origin) const {
  if (is_local_host(host)) return std::nullopt;
  if (auto cluster = cluster_host(host)) return target_named(cluster->first);
  if (host.find('.') != std::string::npos) return std::nullopt;
  std::string project = compose_project_of(host, origin);
  if (project.empty()) return target_named(host);
  const ProcessInfo* p = compose_process(project, host);
  if (p->service >= 0) return CallTarget{p->service, host};
  if (p->infrastructure) return std::nullopt;
  return CallTarget{-1, host};
}

std::string LinkBuilder::host_key(const std::string& host, const LinkOrigin& origin) const {
  if (is_local_host(host)) return host;
  if (auto cluster = cluster_host(host))
    return "k8s:" + (cluster->second.empty() ? origin.namespace_ : cluster->second) + "/" + cluster->first;
  if (host.find('.') != std::string::npos) return host;
  if (origin.source == LinkSource::kubernetes) return "k8s:" + origin.namespace_ + "/" + host;
  std::string project = compose_project_of(host, origin);
  return project.empty() ? host : "compose:" + project + "/" + host;
}

}  // namespace svc::engine
