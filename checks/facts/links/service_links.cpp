#include "checks/facts/links/service_links.h"

#include <algorithm>
#include <map>

#include "checks/facts/links/link_facts_yaml.h"
#include "checks/facts/links/link_names.h"
#include "checks/facts/links/service_links_builder.h"

namespace svc::engine {

std::string LinkSite::describe() const { return path + ":" + std::to_string(span.begin.line); }

std::string_view to_string(LinkSource source) {
  switch (source) {
    case LinkSource::compose: return "compose";
    case LinkSource::kubernetes: return "kubernetes";
    case LinkSource::env_file: return "env-file";
    case LinkSource::code: return "code";
    case LinkSource::config: return "config";
  }
  return "";
}

std::string_view to_string(CallKind kind) {
  switch (kind) {
    case CallKind::env_var: return "env-var";
    case CallKind::url: return "url";
    case CallKind::depends_on: return "depends-on";
  }
  return "";
}

std::vector<const ServiceCall*> ServiceLinks::calls_from(int service) const {
  std::vector<const ServiceCall*> out;
  for (const auto& c : calls)
    if (c.caller == service) out.push_back(&c);
  return out;
}

std::vector<std::string> ServiceLinks::names_of(const ServiceMap& services, int service) const {
  std::vector<std::string> out;
  auto add = [&](const std::string& n) {
    if (!n.empty() && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  };
  if (service < 0 || service >= static_cast<int>(services.services().size())) return out;
  const Service& s = services.services()[service];
  add(s.name);
  if (s.path != ".") add(s.path.substr(s.path.rfind('/') == std::string::npos ? 0 : s.path.rfind('/') + 1));
  for (const auto& p : processes)
    if (p.service == service) add(p.name);
  return out;
}

bool is_readonly_database(const Config& config, const DatabaseUse& use) {
  std::string host = use.endpoint.host.substr(0, use.endpoint.host.find('.'));
  for (const auto& d : config.databases)
    if (d.readonly && (d.name == use.endpoint.database || d.name == use.endpoint.host || d.name == host ||
                       (!use.endpoint.schema.empty() && d.name == use.endpoint.schema)))
      return true;
  return false;
}

LinkBuilder::LinkBuilder(const ServiceMap& services, const std::vector<FileFacts>& facts, const Config& config,
                         ServiceLinks& out)
    : services_(services), facts_(facts), config_(config), out_(out) {
  for (const auto& f : facts_) {
    by_path_[f.path] = &f;
    for (const auto& cm : f.links.config_maps)
      config_maps_.emplace(std::make_pair(cm.namespace_, cm.name), std::make_pair(&f, &cm));
  }
}

void LinkBuilder::run() {
  index_service_names();
  map_processes();
  add_process_links();
  for (const auto& file : facts_) {
    if (file.service < 0) continue;
    if (file.links.env_file) {
      LinkOrigin origin{file.service, LinkSource::env_file, "", "", "", file.path, is_tentative_path(file.path)};
      add_env_links(env_file_vars(file.path), origin);
    }
    add_code_links(file);
  }
  resolve_celery_queues();
  add_declared_databases();
  for (auto& use : out_.databases) use.readonly = is_readonly_database(config_, use);
}

void LinkBuilder::add_process_links() {
  for (const auto& file : facts_)
    for (const auto& p : file.links.processes) {
      const ProcessInfo& info = out_.processes[process_index_.at(&p)];
      if (info.service < 0) continue;
      bool compose = p.kind == ProcessDecl::Kind::compose;
      LinkOrigin origin{info.service, compose ? LinkSource::compose : LinkSource::kubernetes, p.name,
                        compose ? info.project : "", compose ? "" : p.namespace_, file.path, info.tentative};
      add_env_links(compose ? compose_env(file, p) : kubernetes_env(file, p), origin);
      for (const auto& dep : p.depends_on) {
        const ProcessInfo* target = compose_process(info.project, dep.name);
        if (!compose || !target || (target->service < 0 && target->infrastructure)) continue;
        add_call(origin, {target->service, dep.name}, CallKind::depends_on, "depends_on: " + dep.name,
                 {file.path, dep.span});
      }
      for (const auto& q : p.queues) add_queue(info.service, q, file.path);
      for (const auto& probe : p.probes)
        out_.probes.push_back({info.service, probe.source, probe.path, {file.path, probe.span}});
    }
  for (const auto& file : facts_)  // a Dockerfile's or fly.toml's probes are its service's
    for (const auto& probe : file.links.probes)
      if (file.service >= 0) out_.probes.push_back({file.service, probe.source, probe.path, {file.path, probe.span}});
}

void LinkBuilder::add_code_links(const FileFacts& file) {
  const LinkFacts& links = file.links;
  LinkOrigin origin{file.service, LinkSource::code, "", "", "", file.path, is_tentative_path(file.path)};
  for (const auto& u : links.database_urls)
    if (auto db = database_endpoint(u.url)) add_database(*db, "a literal URL", {file.path, u.span}, origin);
  for (const auto& u : links.service_urls)
    if (auto host = service_url_host(u.url))
      if (auto target = target_of_host(*host, origin))
        add_call(origin, *target, CallKind::url, u.url, {file.path, u.span});
  for (const auto& r : links.env_reads)
    if (auto stem = service_address_stem(r.name))
      if (auto target = target_named(*stem)) add_call(origin, *target, CallKind::env_var, r.name, {file.path, r.span});
  for (const auto& q : links.queues) add_queue(file.service, q, file.path);
}

void LinkBuilder::add_queue(int service, const QueueRef& q, const std::string& path) {
  out_.queues.push_back({service, q.system, q.queue, q.task, q.produces, {path, q.span}});
}

// `.delay()` names a task, not a queue: the queue is the one its definition declares,
// else Celery's default.
void LinkBuilder::resolve_celery_queues() {
  std::map<std::string, std::string> declared;
  for (const auto& q : out_.queues)
    if (q.system == "celery" && !q.produces && !q.queue.empty() && !q.task.empty()) declared.emplace(q.task, q.queue);
  for (auto& q : out_.queues) {
    if (q.system != "celery" || !q.queue.empty()) continue;
    auto it = declared.find(q.task);
    q.queue = it != declared.end() ? it->second : "celery";
  }
}

void LinkBuilder::add_declared_databases() {
  const auto& list = services_.services();
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].database.empty()) continue;
    DatabaseUse use;
    use.service = static_cast<int>(i);
    use.endpoint.database = list[i].database;
    use.key = "declared:" + list[i].database;
    use.via = ".svc.yaml";
    use.source = LinkSource::config;
    use.site = {list[i].anchor_file(), {}};
    out_.databases.push_back(std::move(use));
  }
}

ServiceLinks compute_service_links(const ServiceMap& services, const std::vector<FileFacts>& facts,
                                   const Config& config) {
  ServiceLinks out;
  LinkBuilder(services, facts, config, out).run();
  return out;
}

}  // namespace svc::engine
