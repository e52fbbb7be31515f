#include "checks/facts/tables/table_references.h"
#include "common/ascii.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "checks/facts/routes/route_resolver.h"
#include "common/paths.h"

namespace svc::engine {
namespace {

// "src/db/schema.ts" -> "src/db/schema"; an index module also stands for its folder.
std::vector<std::string> stems_of(const std::string& path) {
  auto slash = path.rfind('/');
  auto dot = path.rfind('.');
  std::string stem = dot != std::string::npos && (slash == std::string::npos || dot > slash) ? path.substr(0, dot) : path;
  std::string base = stem.substr(slash == std::string::npos ? 0 : slash + 1);
  if ((base == "index" || base == "__init__") && slash != std::string::npos) return {stem, path.substr(0, slash)};
  return {stem};
}

}  // namespace

// `orders/models` names the orders service when it starts with its folder's name or
// its name, or holds its path: `app.models` is every FastAPI service's own package.
bool TableIndex::names_service(const std::string& module_path, int service) const {
  if (service < 0) return false;
  const Service& s = services_.services()[service];
  std::string first = module_path.substr(0, module_path.find('/'));
  return first == base_name(s.path) || first == s.name ||
         (s.path != "." && (module_path.rfind(s.path + "/", 0) == 0 || module_path.find("/" + s.path + "/") != std::string::npos));
}

TableIndex::TableIndex(const ServiceMap& services, const std::vector<FileFacts>& facts) : services_(services) {
  for (const auto& f : facts) {
    bool defines = false;
    for (const auto& d : f.tables.definitions) {
      if (d.change != TableChange::create || d.symbol.empty()) continue;
      defines = true;
      if (d.origin == TableOrigin::prisma) prisma_[ascii_lower(d.symbol)].push_back({&f, &d});
      by_service_symbol_[{f.service, d.symbol}].push_back({&f, &d});
    }
    if (!defines && f.tables.aliases.empty()) continue;
    for (const auto& stem : stems_of(f.path)) {
      by_stem_[stem] = &f;
      by_base_[base_name(stem)].push_back(&f);
    }
  }
  // Each repository class resolves to the model its constructor names; a repository of
  // a repository is left unresolved.
  for (const auto& f : facts)
    for (const auto& a : f.tables.aliases) {
      if (a.reference >= f.tables.references.size()) continue;
      const TableReference& ref = f.tables.references[a.reference];
      if (auto site = symbol_in(module_files(f, ref), ref.name, f.service)) aliases_[{&f, a.symbol}] = *site;
    }
}

std::vector<const FileFacts*> TableIndex::module_files(const FileFacts& from, const TableReference& ref) const {
  std::vector<const FileFacts*> out;
  auto add_stem = [&](const std::string& stem) {
    if (auto it = by_stem_.find(stem); it != by_stem_.end()) out.push_back(it->second);
  };
  switch (ref.module_kind) {
    case ModuleKind::none: out.push_back(&from); break;
    case ModuleKind::path: add_stem(from.tables.module_of(ref)); break;
    case ModuleKind::service_alias: {
      if (from.service < 0) break;
      const std::string& root = services_.services()[from.service].path;
      std::string prefix = root == "." ? "" : root + "/";
      add_stem(prefix + "src/" + from.tables.module_of(ref));
      add_stem(prefix + from.tables.module_of(ref));
      break;
    }
    case ModuleKind::package: out = package_files(from, from.tables.module_of(ref)); break;
    case ModuleKind::python_package: {
      std::string rest = from.tables.module_of(ref);
      std::replace(rest.begin(), rest.end(), '.', '/');
      auto [memo, fresh] = python_modules_.try_emplace({from.service, rest});
      if (!fresh) return memo->second;
      auto it = by_base_.find(base_name(rest));
      if (it == by_base_.end()) break;
      std::string tail = "/" + rest;
      for (const FileFacts* f : it->second)
        for (const auto& stem : stems_of(f->path))
          if ((stem == rest || stem.ends_with(tail)) && (f->service == from.service || names_service(rest, f->service))) {
            out.push_back(f);
            break;
          }
      memo->second = out;
      break;
    }
  }
  return out;
}

void TableIndex::files_under(const std::string& dir, std::vector<const FileFacts*>& out) const {
  std::string prefix = dir == "." ? "" : dir + "/";
  for (auto it = by_stem_.lower_bound(prefix); it != by_stem_.end() && it->first.rfind(prefix, 0) == 0; ++it)
    if (out.empty() || out.back() != it->second) out.push_back(it->second);
}

// A workspace package or tsconfig alias: the module it names when that defines
// tables, else every table-defining file of the folder it leads to (barrels re-export
// them: `export * from './schema/orders'`).
std::vector<const FileFacts*> TableIndex::package_files(const FileFacts& from, const std::string& specifier) const {
  std::vector<const FileFacts*> out;
  for (const auto& target : services_.packages().resolve(from.path, specifier)) {
    if (auto it = by_stem_.find(target); it != by_stem_.end()) return {it->second};
    files_under(target, out);
    if (!out.empty()) break;
  }
  return out;
}

// `db.query.orders` in a service whose schema lives in a workspace package it depends on.
std::optional<TableIndex::Site> TableIndex::schema_key_in_packages(int service, const std::string& key) const {
  const PackageMap& packages = services_.packages();
  const std::string& root = services_.services()[service].path;
  const WorkspacePackage* own = packages.containing(root == "." ? "package.json" : root + "/package.json");
  if (!own) return std::nullopt;
  std::vector<const FileFacts*> files;
  for (const auto& dep : own->dependencies)
    if (const WorkspacePackage* p = packages.named(dep); p && p != own) files_under(p->dir, files);
  std::vector<Site> sites;
  for (const FileFacts* f : files)
    for (const auto& d : f->tables.definitions)
      if (d.change == TableChange::create && d.symbol == key) sites.push_back({f, &d});
  if (sites.size() != 1) return std::nullopt;
  return sites.front();
}

// The definition of `symbol` among files: in the preferred service if there is one
// there, else in the one service that has it; ambiguity resolves to nothing.
std::optional<TableIndex::Site> TableIndex::symbol_in(const std::vector<const FileFacts*>& files,
                                                      const std::string& symbol, int prefer_service) const {
  std::vector<Site> sites;
  for (const FileFacts* f : files) {
    for (const auto& d : f->tables.definitions)
      if (d.change == TableChange::create && !d.symbol.empty() && (d.symbol == symbol || symbol == "*"))
        sites.push_back({f, &d});
    for (const auto& a : f->tables.aliases)
      if (a.symbol == symbol)
        if (auto it = aliases_.find({f, a.symbol}); it != aliases_.end()) sites.push_back(it->second);
  }
  for (const auto& s : sites)
    if (s.file->service == prefer_service) return s;
  std::set<int> owners;
  for (const auto& s : sites) owners.insert(s.file->service);
  if (owners.size() != 1) return std::nullopt;
  return sites.front();
}

// Only a service with a Prisma client calls Prisma models: elsewhere `client.order.create`
// is some other SDK.
std::optional<TableIndex::Site> TableIndex::prisma_model(const FileFacts& from, const std::string& accessor) const {
  auto it = prisma_.find(ascii_lower(accessor));
  if (it == prisma_.end() || from.service < 0) return std::nullopt;
  const Service& s = services_.services()[from.service];
  bool client = s.dependencies.count("@prisma/client") || s.dependencies.count("prisma") ||
                std::any_of(it->second.begin(), it->second.end(), [&](const Site& site) { return site.file->service == from.service; });
  if (!client) return std::nullopt;
  for (const auto& s : it->second)
    if (s.file->service == from.service) return s;
  std::set<int> owners;
  for (const auto& s : it->second) owners.insert(s.file->service);
  if (owners.size() != 1) return std::nullopt;
  return it->second.front();
}

ResolvedTableRef TableIndex::resolve(const FileFacts& file, const TableReference& ref,
                                     const TableOwnership& ownership) const {
  ResolvedTableRef out{&file, &ref, nullptr, nullptr, nullptr};
  std::optional<Site> site;
  switch (ref.target) {
    case RefTarget::table: out.table = ownership.find(ref.name); return out;
    case RefTarget::prisma_model: site = prisma_model(file, ref.name); break;
    case RefTarget::symbol:
      site = symbol_in(module_files(file, ref), ref.name, file.service);
      if (!site && ref.module_kind == ModuleKind::none) {  // a Drizzle schema key: db.query.orders
        auto it = by_service_symbol_.find({file.service, ref.name});
        if (it != by_service_symbol_.end() && it->second.size() == 1) site = it->second.front();
        else if (it == by_service_symbol_.end() && file.service >= 0) site = schema_key_in_packages(file.service, ref.name);
      }
      break;
  }
  if (!site) return out;
  out.definition_file = site->file;
  out.definition = site->definition;
  out.table = ownership.find(site->definition->table);
  return out;
}

std::vector<ResolvedTableRef> resolve_table_references(const ServiceMap& services, const std::vector<FileFacts>& facts,
                                                       const TableOwnership& ownership) {
  TableIndex index(services, facts);
  std::vector<ResolvedTableRef> out;
  for (const auto& f : facts) {
    if (f.service < 0 || is_test_path(f.path)) continue;
    for (const auto& ref : f.tables.references) out.push_back(index.resolve(f, ref, ownership));
  }
  return out;
}

}  // namespace svc::engine
