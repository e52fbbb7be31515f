// Which databases two services share, judged once for db-shared-database and `svc graph`.
#include <algorithm>
#include <map>
#include <numeric>
#include <optional>
#include <set>

#include "checks/facts/links/link_names.h"
#include "checks/facts/links/service_links.h"

namespace svc::engine {
namespace {

// An API and the processes that run beside it under its name (`orders` and
// `orders-worker`) are one service in what they own.
bool same_family(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  static const std::set<std::string> roles = {"worker", "workers", "jobs", "job", "consumer", "consumers",
                                              "scheduler", "cron", "beat", "migrate", "migrations", "migrator",
                                              "tasks", "queue"};
  auto extends = [&](const std::string& base, const std::string& other) {
    return other.size() > base.size() + 1 && other.compare(0, base.size(), base) == 0 && other[base.size()] == '-' &&
           roles.count(other.substr(base.size() + 1));
  };
  for (const auto& x : a)
    for (const auto& y : b) {
      std::string kx = name_key(x), ky = name_key(y);
      if (kx == ky || extends(kx, ky) || extends(ky, kx)) return true;
    }
  return false;
}

// A worker (no HTTP framework) that consumes a queue the other service produces runs
// that service's background jobs: `apps/api` and `apps/worker` are one service in what
// they own, whatever their names.
bool works_for(const ServiceLinks& links, const ServiceMap& services, int worker, int api) {
  const Service& w = services.services()[worker];
  if (w.is_http() || !(w.uses("bullmq") || w.uses("celery") || w.uses("rq"))) return false;
  for (const QueueUse* c : links.queues_of(worker)) {
    if (c->produces || c->queue.empty()) continue;
    for (const QueueUse* p : links.queues_of(api))
      if (p->produces && p->system == c->system && p->queue == c->queue) return true;
  }
  return false;
}

// A service that only runs migrations or seeds (`migrations`, `db-migrate`, `flyway`)
// touches every database by design; db-migration-outside-owner judges what it changes.
// Judged by its own name and folder, never by a compose name such as `migrate` that
// runs an API's image.
bool is_migration_runner(const Service& s) {
  static const std::set<std::string> words = {"db", "database", "migrate", "migrations", "migration", "migrator",
                                              "flyway", "liquibase", "atlas", "schema", "seed", "seeds", "seeder"};
  std::string folder = s.path.substr(s.path.rfind('/') == std::string::npos ? 0 : s.path.rfind('/') + 1);
  for (const std::string& n : {s.name, folder}) {
    std::string key = name_key(n);
    bool all = !key.empty();
    for (std::size_t b = 0; all && b <= key.size();) {
      std::size_t e = std::min(key.find('-', b), key.size());
      all = words.count(key.substr(b, e - b)) > 0;
      b = e + 1;
    }
    if (all) return true;
  }
  return false;
}

int source_rank(LinkSource s) {
  switch (s) {
    case LinkSource::compose: return 0;
    case LinkSource::kubernetes: return 1;
    case LinkSource::env_file: return 2;
    case LinkSource::code: return 3;
    case LinkSource::config: return 4;
  }
  return 5;
}

// Where a service's connection is best shown: deployment files before code.
bool better_site(const DatabaseUse* a, const DatabaseUse* b) {
  return std::make_tuple(source_rank(a->source), a->site.path, a->site.span.begin.line) <
         std::make_tuple(source_rank(b->source), b->site.path, b->site.span.begin.line);
}

struct UnionFind {
  std::vector<std::size_t> parent;
  explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0); }
  std::size_t find(std::size_t i) { return parent[i] == i ? i : parent[i] = find(parent[i]); }
  void join(std::size_t a, std::size_t b) { parent[find(a)] = find(b); }
};

// Uses of one database: the same key, or a `.svc.yaml` declaration naming it.
std::vector<std::vector<const DatabaseUse*>> group_by_database(const std::vector<const DatabaseUse*>& uses) {
  UnionFind uf(uses.size());
  std::map<std::string, std::size_t> first_of_key;
  for (std::size_t i = 0; i < uses.size(); ++i) {
    auto [it, fresh] = first_of_key.emplace(uses[i]->key, i);
    if (!fresh) uf.join(i, it->second);
  }
  for (std::size_t i = 0; i < uses.size(); ++i)
    if (uses[i]->source == LinkSource::config)
      for (std::size_t j = 0; j < uses.size(); ++j)
        if (uses[j]->endpoint.database == uses[i]->endpoint.database) uf.join(i, j);
  std::map<std::size_t, std::vector<const DatabaseUse*>> groups;
  for (std::size_t i = 0; i < uses.size(); ++i) groups[uf.find(i)].push_back(uses[i]);
  std::vector<std::vector<const DatabaseUse*>> out;
  for (auto& [_, g] : groups) out.push_back(std::move(g));
  return out;
}

// One service and the processes that belong to it, with its best-placed connection.
struct Member {
  std::vector<int> services;
  std::vector<std::string> names;
  const DatabaseUse* use;
};

std::string database_stem(const std::string& database) {
  std::string db = name_key(database);
  for (std::string_view suffix : {"-db", "-database", "db"})
    if (db.size() > suffix.size() && db.compare(db.size() - suffix.size(), suffix.size(), suffix) == 0) {
      db.resize(db.size() - suffix.size());
      break;
    }
  return db;
}

// The service the database most likely belongs to, with its best-placed connection
// (`group` is sorted best first): the one declaring it in .svc.yaml, else the one
// named like it (`orders` for orders_db), else the one configured first.
std::pair<std::size_t, const DatabaseUse*> owner_of(const std::vector<Member>& members,
                                                    const std::vector<const DatabaseUse*>& group,
                                                    const ServiceLinks& links, const ServiceMap& services) {
  auto member_of = [&](int s) {
    for (std::size_t i = 0; i < members.size(); ++i)
      if (std::count(members[i].services.begin(), members[i].services.end(), s)) return i;
    return members.size();
  };
  auto best_of = [&](int s) {
    return *std::find_if(group.begin(), group.end(), [&](const DatabaseUse* u) { return u->service == s; });
  };
  for (const DatabaseUse* u : group)
    if (u->source == LinkSource::config && member_of(u->service) < members.size())
      return {member_of(u->service), best_of(u->service)};
  std::string db = database_stem(members.front().use->endpoint.database);
  for (const DatabaseUse* u : group) {
    if (member_of(u->service) == members.size()) continue;
    for (const auto& n : links.names_of(services, u->service))
      if (name_key(n) == db || name_stem(name_key(n)) == db) return {member_of(u->service), best_of(u->service)};
  }
  std::size_t first = 0;
  auto at = [&](std::size_t i) {
    return std::make_pair(members[i].use->site.path, members[i].use->site.span.begin.line);
  };
  for (std::size_t i = 1; i < members.size(); ++i)
    if (at(i) < at(first)) first = i;
  return {first, members[first].use};
}

std::optional<SharedDatabase> judge(const ServiceLinks& links, const ServiceMap& services,
                                    std::vector<const DatabaseUse*> group) {
  if (std::any_of(group.begin(), group.end(), [](const DatabaseUse* u) { return u->readonly; })) return std::nullopt;
  std::sort(group.begin(), group.end(), better_site);
  std::vector<Member> members;
  for (const DatabaseUse* u : group) {
    int s = u->service;
    if (is_migration_runner(services.services()[s])) continue;
    auto names = links.names_of(services, s);
    auto family = std::find_if(members.begin(), members.end(), [&](const Member& m) {
      return same_family(m.names, names) || std::any_of(m.services.begin(), m.services.end(), [&](int t) {
               return t == s || works_for(links, services, t, s) || works_for(links, services, s, t);
             });
    });
    if (family == members.end()) {
      members.push_back({{s}, std::move(names), u});
    } else if (std::find(family->services.begin(), family->services.end(), s) == family->services.end()) {
      family->services.push_back(s);
      family->names.insert(family->names.end(), names.begin(), names.end());
    }
  }
  if (members.size() < 2) return std::nullopt;
  auto [owner, owner_use] = owner_of(members, group, links, services);
  SharedDatabase out{owner_use, {}, group};
  for (std::size_t i = 0; i < members.size(); ++i)
    if (i != owner) out.others.push_back(members[i].use);
  return out;
}

}  // namespace

std::vector<SharedDatabase> shared_databases(const ServiceLinks& links, const ServiceMap& services,
                                             const std::set<std::string>& kinds) {
  std::vector<const DatabaseUse*> uses;
  for (const auto& u : links.databases)
    if (u.service >= 0 && !u.tentative && (u.source == LinkSource::config || kinds.count(u.endpoint.kind)))
      uses.push_back(&u);
  std::vector<SharedDatabase> out;
  for (auto& group : group_by_database(uses))
    if (auto shared = judge(links, services, std::move(group))) out.push_back(std::move(*shared));
  return out;
}

}  // namespace svc::engine
