// The system section: services, Next.js apps with their server surface, databases,
// tables, queues and calls. Databases, tables, queues and calls are read off the graph
// `svc graph` draws, so the two agree.
#include <algorithm>
#include <map>
#include <set>

#include "checks/review/review_context.h"
#include "common/paths.h"

namespace svc::review {
namespace {

std::string service_path_of(const graph::Graph& graph, const std::string& id) {
  for (const auto& n : graph.nodes)
    if (n.id == id) {
      auto it = n.attributes.find("path");
      return it != n.attributes.end() ? it->second : n.label;
    }
  return id.substr(id.find(':') + 1);
}

void add_unique(std::vector<std::string>& list, const std::string& value) {
  if (std::find(list.begin(), list.end(), value) == list.end()) list.push_back(value);
}

NextApp next_app(const ReviewContext& context, int index) {
  const engine::Service& s = context.service(index);
  NextApp app{s.path, {}, {}, {}, {}};
  for (const auto& r : context.derived.routes(static_cast<std::size_t>(index)).routes())
    if (r.file && !r.mount_only) app.route_handlers.push_back({r.path, r.method, r.file->path, r.span.begin.line});
  std::vector<std::string> package_dirs;
  for (const auto& name : s.workspace_packages)
    if (const auto* p = context.services.packages().named(name); p && !p->deployed) package_dirs.push_back(p->dir);
  for (const auto& f : context.audit.facts) {
    bool in_package = f.service < 0 && std::any_of(package_dirs.begin(), package_dirs.end(), [&](const std::string& d) {
                        return engine::inside_folder(f.path, d);
                      });
    if (f.service != index && !in_package) continue;
    for (const auto& a : f.next.actions)
      app.server_actions.push_back({a.name.empty() ? "(inline)" : a.name, f.path, a.span.begin.line});
    for (const auto& p : f.next.procedures)
      app.trpc_procedures.push_back({p.router.empty() ? p.key : p.router + "." + p.key,
                                     std::string(engine::to_string(p.type)), f.path, p.span.begin.line});
    for (const auto& c : f.next.segment_config)
      app.segment_config.push_back({c.name, c.value, f.path, c.span.begin.line});
  }
  return app;
}

}  // namespace

System summarize_system(const ReviewContext& context, const graph::Graph& graph) {
  System system;
  for (std::size_t i = 0; i < context.services.services().size(); ++i) {
    const auto& s = context.services.services()[i];
    system.services.push_back({s.name, s.path, s.language, s.primary_framework(), s.kind()});
    if (s.is_nextjs()) system.next_apps.push_back(next_app(context, static_cast<int>(i)));
  }
  std::map<std::string, DatabaseSummary> databases;
  std::map<std::string, TableSummary> tables;
  std::map<std::string, QueueSummary> queues;
  for (const auto& n : graph.nodes) {
    if (n.kind == "database") databases[n.id] = {n.id.substr(9), n.label, {}};
    if (n.kind == "table") tables[n.id] = {n.label, n.parent.empty() ? "" : service_path_of(graph, n.parent), {}, {}};
    if (n.kind == "queue") queues[n.id] = {n.id.substr(6), {}, {}};
  }
  for (const auto& e : graph.edges) {
    std::string from = service_path_of(graph, e.from);
    if (e.kind == "connects" && databases.count(e.to)) add_unique(databases[e.to].services, from);
    if (e.kind == "reads" && tables.count(e.to)) add_unique(tables[e.to].readers, from);
    if (e.kind == "writes" && tables.count(e.to)) add_unique(tables[e.to].writers, from);
    if (e.kind == "produces" && queues.count(e.to)) add_unique(queues[e.to].producers, from);
    if (e.kind == "consumes" && queues.count(e.to)) add_unique(queues[e.to].consumers, from);
    if (e.kind == "calls") system.calls.push_back({from, service_path_of(graph, e.to), e.label});
  }
  for (auto& [_, d] : databases) system.databases.push_back(std::move(d));
  // Tables no service owns (a shared schema package's), with the modules that use them.
  std::set<std::string> known;
  for (const auto& [_, t] : tables) known.insert(t.name);
  std::map<std::string, TableSummary> unowned;
  for (const auto& u : context.table_uses) {
    if (known.count(u.table)) continue;
    TableSummary& t = unowned[u.table];
    t.name = u.table;
    if (u.definition) continue;
    std::string unit = context.modules.unit_of(u.path);
    if (!unit.empty()) add_unique(u.write ? t.writers : t.readers, unit);
  }
  for (auto& [_, t] : tables) system.tables.push_back(std::move(t));
  for (auto& [_, t] : unowned) system.tables.push_back(std::move(t));
  for (auto& [_, q] : queues) system.queues.push_back(std::move(q));
  return system;
}

std::string ReviewContext::service_path(const std::string& path) const {
  int s = services.service_of(path);
  return s < 0 ? "" : service(s).path;
}

bool ReviewContext::in_next_app(const std::string& path) const {
  if (int s = services.service_of(path); s >= 0) return service(s).is_nextjs();
  const auto* package = services.packages().containing(path);
  if (!package) return false;
  // A package runs wherever it is imported: in a Next.js app if any imports it.
  return std::any_of(services.services().begin(), services.services().end(), [&](const engine::Service& s) {
    return s.is_nextjs() && s.workspace_packages.count(package->name);
  });
}

}  // namespace svc::review
