#include "checks/facts/tables/table_ownership.h"

#include <algorithm>
#include <tuple>

#include <fmt/format.h>

#include "checks/workspace/config.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/facts/links/service_links.h"

namespace svc::engine {
namespace {

std::string_view bare(std::string_view key) {
  auto dot = key.rfind('.');
  return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

bool claim_order(const TableClaim& a, const TableClaim& b) {
  return std::tie(a.level, a.path, a.span.begin.line, a.span.begin.column, a.service) <
         std::tie(b.level, b.path, b.span.begin.line, b.span.begin.column, b.service);
}

using ClaimMap = std::map<std::string, std::vector<TableClaim>>;

// One service's definitions replayed in order (file path, then position): a table its
// migrations create and later drop or rename away is not a table of the schema (a
// SQLite rebuild's `__new_orders`), and a rename's target is. Models state the current
// schema and are never withdrawn; down migrations are not replayed.
void replay(int service, std::vector<std::pair<const FileFacts*, const TableDefinition*>> steps, ClaimMap& claims) {
  std::sort(steps.begin(), steps.end(), [](const auto& a, const auto& b) {
    return std::tie(a.first->path, a.second->span.begin.line, a.second->span.begin.column) <
           std::tie(b.first->path, b.second->span.begin.line, b.second->span.begin.column);
  });
  ClaimMap live;
  auto withdraw = [&](const std::string& key) {
    auto& held = live[key];
    held.erase(std::remove_if(held.begin(), held.end(), [](const TableClaim& c) { return c.level == ClaimLevel::migration; }),
               held.end());
  };
  for (const auto& [f, d] : steps) {
    std::string key = table_key(d->table);
    ClaimLevel level = is_model_origin(d->origin) ? ClaimLevel::model : ClaimLevel::migration;
    if (d->change == TableChange::create) {
      live[key].push_back({service, level, f->path, d->span, d->table, d->symbol, d->origin});
    } else if (d->change == TableChange::drop) {
      withdraw(key);
    } else if (d->change == TableChange::rename && !d->renamed_to.empty()) {
      withdraw(key);
      live[table_key(d->renamed_to)].push_back(
          {service, ClaimLevel::migration, f->path, d->span, d->renamed_to, "", d->origin});
    }
  }
  for (auto& [key, held] : live)
    if (!held.empty()) claims[key].insert(claims[key].end(), held.begin(), held.end());
}

ClaimMap collect_claims(const ServiceMap& services, const std::vector<FileFacts>& facts) {
  ClaimMap claims;
  const auto& list = services.services();
  for (std::size_t i = 0; i < list.size(); ++i)
    for (const auto& table : list[i].owns)
      claims[table_key(table)].push_back({static_cast<int>(i), ClaimLevel::declared, "", {}, table, "", TableOrigin::sql});
  std::map<int, std::vector<std::pair<const FileFacts*, const TableDefinition*>>> steps;
  for (const auto& f : facts) {
    if (f.service < 0 || is_test_path(f.path) || list[f.service].schema_package) continue;
    for (const auto& d : f.tables.definitions)
      if (!d.rollback) steps[f.service].push_back({&f, &d});
  }
  for (auto& [service, list_of] : steps) replay(service, std::move(list_of), claims);
  // `orders` written without a schema joins `shop.orders` when that is the only one.
  std::map<std::string, std::vector<std::string>> qualified;
  for (const auto& entry : claims)
    if (entry.first.find('.') != std::string::npos) qualified[std::string(bare(entry.first))].push_back(entry.first);
  for (auto it = claims.begin(); it != claims.end();) {
    auto q = qualified.find(it->first);
    if (it->first.find('.') == std::string::npos && q != qualified.end() && q->second.size() == 1) {
      auto& target = claims[q->second[0]];
      target.insert(target.end(), it->second.begin(), it->second.end());
      it = claims.erase(it);
    } else {
      ++it;
    }
  }
  return claims;
}

}  // namespace

std::string TableClaim::where() const {
  if (level == ClaimLevel::declared) return "owns: in .svc.yaml";
  return fmt::format("{}:{}", path, span.begin.line);
}

bool OwnedTable::claimed_by(int service) const { return claim_of(service) != nullptr; }

const TableClaim* OwnedTable::claim_of(int service) const {
  for (const auto& c : claims)
    if (c.service == service) return &c;
  return nullptr;
}

SameDatabase TableOwnership::same_database(int a, int b) const {
  if (a == b) return SameDatabase::yes;
  if (a < 0 || b < 0 || a >= static_cast<int>(databases_.size()) || b >= static_cast<int>(databases_.size()))
    return SameDatabase::unknown;
  auto meet = [](const std::set<std::string>& x, const std::set<std::string>& y) {
    return std::any_of(x.begin(), x.end(), [&](const std::string& k) { return y.count(k) > 0; });
  };
  const Databases &da = databases_[a], &db = databases_[b];
  if (!da.declared.empty() && !db.declared.empty()) return meet(da.declared, db.declared) ? SameDatabase::yes : SameDatabase::no;
  if (!da.connected.empty() && !db.connected.empty())
    return meet(da.connected, db.connected) ? SameDatabase::yes : SameDatabase::no;
  return SameDatabase::unknown;
}

bool TableOwnership::reads_through_readonly(int reader, int owner) const {
  auto known = [&](int s) { return s >= 0 && s < static_cast<int>(databases_.size()); };
  if (!known(reader) || !databases_[reader].readonly) return false;
  if (!known(owner)) return true;
  const auto& own = databases_[owner].connected;
  const auto& mine = databases_[reader].writable;
  return std::none_of(mine.begin(), mine.end(), [&](const std::string& k) { return own.count(k) > 0; });
}

// Precedence among the candidates' claims; `tied` gets the services of a tie.
int TableOwnership::decide(const OwnedTable& table, const std::vector<int>& candidates, std::vector<int>* tied) const {
  auto counts = [&](const TableClaim& c) { return std::find(candidates.begin(), candidates.end(), c.service) != candidates.end(); };
  std::optional<ClaimLevel> level;
  std::vector<int> top;
  for (const auto& c : table.claims) {  // strongest first
    if (!counts(c) || (level && c.level != *level)) continue;
    level = c.level;
    if (std::find(top.begin(), top.end(), c.service) == top.end()) top.push_back(c.service);
  }
  if (top.size() > 1 && level != ClaimLevel::declared) {
    std::vector<int> deeper;  // tied services that also claim it at a weaker level
    for (int s : top)
      if (std::any_of(table.claims.begin(), table.claims.end(),
                      [&](const TableClaim& c) { return c.service == s && c.level > *level; }))
        deeper.push_back(s);
    if (deeper.size() == 1) top = deeper;
  }
  if (top.size() == 1) return top.front();
  if (tied) *tied = top;
  return -1;  // a tie, or no candidate
}

// Whether two tied claimants mean one table: they share a database, or both declare
// it under `owns:` and nothing says their databases differ.
bool TableOwnership::same_table(const OwnedTable& table, int a, int b) const {
  SameDatabase same = same_database(a, b);
  if (same == SameDatabase::yes) return true;
  const TableClaim *ca = table.claim_of(a), *cb = table.claim_of(b);
  return same == SameDatabase::unknown && ca && cb && ca->level == ClaimLevel::declared &&
         cb->level == ClaimLevel::declared;
}

// The strongest claimants as seen from `service`: among those not known to use
// another database, the precedence winner, or the services tied for it.
std::vector<int> TableOwnership::strongest(const OwnedTable& table, int service) const {
  std::vector<int> candidates, tied;
  for (const auto& c : table.claims)
    if (std::find(candidates.begin(), candidates.end(), c.service) == candidates.end() &&
        same_database(service, c.service) != SameDatabase::no)
      candidates.push_back(c.service);
  int winner = decide(table, candidates, &tied);
  return winner >= 0 ? std::vector<int>{winner} : tied;
}

// Services tied at the top own a copy each, in their own databases, unless they are
// known to share one (a conflict). A service that is not among them touches the
// winner's table, or the one copy in a database it is known to share.
int TableOwnership::owner_for(const OwnedTable& table, int service) const {
  std::vector<int> best = strongest(table, service);
  if (best.size() == 1) return best.front();
  bool mine = std::find(best.begin(), best.end(), service) != best.end();
  std::vector<int> shared;
  for (int c : best)
    if (c != service && (mine ? same_table(table, service, c) : same_database(service, c) == SameDatabase::yes))
      shared.push_back(c);
  if (mine) return shared.empty() ? service : -1;
  return shared.size() == 1 ? shared.front() : -1;
}

void TableOwnership::find_conflicts() {
  for (auto& table : tables_) {
    std::set<std::vector<int>> seen;
    for (const auto& c : table.claims) {
      std::vector<int> best = strongest(table, c.service), tied{c.service};
      if (std::find(best.begin(), best.end(), c.service) == best.end()) continue;
      for (int other : best)
        if (other != c.service && same_table(table, c.service, other)) tied.push_back(other);
      if (tied.size() < 2) continue;
      // In claim order: claims are sorted, so their addresses are too.
      std::sort(tied.begin(), tied.end(), [&](int a, int b) { return table.claim_of(a) < table.claim_of(b); });
      std::vector<int> key = tied;
      std::sort(key.begin(), key.end());
      if (!seen.insert(key).second) continue;
      conflicts_.push_back({&table, tied});
      for (int s : tied)
        if (std::find(table.contenders.begin(), table.contenders.end(), s) == table.contenders.end())
          table.contenders.push_back(s);
    }
  }
}

void TableOwnership::index() {
  for (std::size_t i = 0; i < tables_.size(); ++i) {
    by_key_[tables_[i].key] = i;
    by_bare_[std::string(bare(tables_[i].key))].push_back(i);
  }
}

const OwnedTable* TableOwnership::find(std::string_view name) const {
  std::string key = table_key(name);
  if (auto it = by_key_.find(key); it != by_key_.end()) return &tables_[it->second];
  auto it = by_bare_.find(bare(key));
  if (it == by_bare_.end() || it->second.size() != 1) return nullptr;
  return &tables_[it->second.front()];
}

TableOwnership compute_table_ownership(const ServiceMap& services, const std::vector<FileFacts>& facts,
                                       const Config& config, const ServiceLinks& links) {
  TableOwnership out;
  const auto& list = services.services();
  out.databases_.resize(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].database.empty()) continue;
    out.databases_[i].declared.insert(list[i].database);
    for (const auto& d : config.databases)
      if (d.name == list[i].database && d.readonly) out.databases_[i].readonly = true;
  }
  for (const auto& use : links.databases) {
    if (use.service < 0 || use.service >= static_cast<int>(list.size()) || use.tentative) continue;
    if (use.endpoint.kind == "redis" || use.endpoint.kind == "mongodb") continue;  // no tables there
    out.databases_[use.service].connected.insert(use.key);
    if (use.readonly) out.databases_[use.service].readonly = true;
    else out.databases_[use.service].writable.insert(use.key);
  }
  for (auto& [key, claims] : collect_claims(services, facts)) {
    OwnedTable table;
    table.key = key;
    table.claims = std::move(claims);
    std::sort(table.claims.begin(), table.claims.end(), claim_order);
    table.name = table.claims.front().table;
    for (const auto& c : table.claims)
      if (std::find(table.copies.begin(), table.copies.end(), c.service) == table.copies.end() &&
          out.owner_for(table, c.service) == c.service)
        table.copies.push_back(c.service);
    table.owner = table.copies.empty() ? -1 : table.copies.front();
    table.level = table.owner >= 0 ? table.claim_of(table.owner)->level : table.claims.front().level;
    out.tables_.push_back(std::move(table));
  }
  out.index();
  out.find_conflicts();
  return out;
}

}  // namespace svc::engine
