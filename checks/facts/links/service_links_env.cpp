// Environment blocks (compose, Kubernetes, .env) resolved across files, and the
// databases and services their variables point at.
#include <algorithm>
#include <cctype>
#include <functional>

#include "checks/facts/links/link_facts_yaml.h"
#include "common/ascii.h"
#include "checks/facts/links/link_names.h"
#include "checks/facts/links/service_links_builder.h"

namespace svc::engine {
namespace {

using Lookup = std::function<const std::string*(const std::string&)>;

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// The bracket closing the one at `open`, nested ones skipped (`${A:-${B}}`).
std::size_t closing(const std::string& value, std::size_t open) {
  char o = value[open], c = o == '{' ? '}' : ')';
  int depth = 0;
  for (std::size_t i = open; i < value.size(); ++i) {
    if (value[i] == o) ++depth;
    if (value[i] == c && --depth == 0) return i;
  }
  return std::string::npos;
}

// `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `$NAME` and `$$`
// (compose and dotenv), `$(NAME)` (Kubernetes). What cannot be resolved stays as
// written, which keeps the value from ever looking concrete.
std::string interpolate(const std::string& value, const Lookup& lookup, int depth = 0) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '$' || i + 1 == value.size() || depth > 4) {
      out.push_back(value[i]);
      continue;
    }
    char next = value[i + 1];
    if (next == '$') {
      out.push_back('$');
      ++i;
      continue;
    }
    std::size_t end;
    std::string name, fallback, op;
    if (next == '{' || next == '(') {
      end = closing(value, i + 1);
      if (end == std::string::npos) return out + value.substr(i);
      std::string inner = value.substr(i + 2, end - i - 2);
      std::size_t n = 0;
      while (n < inner.size() && name_char(inner[n])) ++n;
      name = inner.substr(0, n);
      std::size_t o = n;
      while (o < inner.size() && o < n + 2 && std::string_view(":-?+").find(inner[o]) != std::string_view::npos) ++o;
      op = inner.substr(n, o - n);
      fallback = inner.substr(o);
    } else {
      end = i + 1;
      while (end < value.size() && name_char(value[end])) ++end;
      name = value.substr(i + 1, end - i - 1);
      --end;
      if (name.empty()) {
        out.push_back('$');
        continue;
      }
    }
    const std::string* found = lookup(name);
    bool empty_counts = op.size() == 2 && op[0] == ':';
    if (found && !(empty_counts && found->empty()) && op.find('+') == std::string::npos) out += *found;
    else if (op == ":-" || op == "-") out += interpolate(fallback, lookup, depth + 1);
    else out += value.substr(i, end - i + 1);
    i = end;
  }
  return out;
}

Lookup lookup_in(const std::vector<ResolvedVar>& vars) {
  return [&vars](const std::string& name) -> const std::string* {
    for (auto it = vars.rbegin(); it != vars.rend(); ++it)
      if (it->name == name) return &it->value;
    return nullptr;
  };
}

void put(std::vector<ResolvedVar>& vars, ResolvedVar v) {
  vars.erase(std::remove_if(vars.begin(), vars.end(), [&](const ResolvedVar& x) { return x.name == v.name; }),
             vars.end());
  vars.push_back(std::move(v));
}

}  // namespace

// A .env file as dotenv reads it: each value expanded from the variables before it.
std::vector<ResolvedVar> LinkBuilder::env_file_vars(const std::string& path) const {
  std::vector<ResolvedVar> vars;
  auto it = by_path_.find(path);
  if (it == by_path_.end()) return vars;
  for (const auto& v : it->second->links.env)
    put(vars, {v.name, interpolate(v.value, lookup_in(vars)), {path, v.span}});
  return vars;
}

// env_file entries first, `environment` over them; the compose file's values are
// interpolated from the `.env` beside it, as compose does.
std::vector<ResolvedVar> LinkBuilder::compose_env(const FileFacts& file, const ProcessDecl& p) const {
  std::vector<ResolvedVar> project_env = env_file_vars(join_relative(folder_of(file.path), ".env"));
  std::vector<ResolvedVar> vars;
  for (const auto& path : p.env_files)
    for (auto& v : env_file_vars(path)) put(vars, std::move(v));
  Lookup project = lookup_in(project_env);
  for (const auto& v : p.env) put(vars, {v.name, interpolate(v.value, project), {file.path, v.span}});
  return vars;
}

// envFrom ConfigMaps first, `env` over them, `$(VAR)` from the variables before.
std::vector<ResolvedVar> LinkBuilder::kubernetes_env(const FileFacts& file, const ProcessDecl& p) const {
  std::vector<ResolvedVar> vars;
  for (const auto& ref : p.config_maps) {
    auto [begin, end] = config_maps_.equal_range({p.namespace_, ref.name});
    for (auto it = begin; it != end; ++it)
      for (const auto& v : it->second.second->data) put(vars, {v.name, v.value, {it->second.first->path, v.span}});
  }
  for (const auto& v : p.env) put(vars, {v.name, interpolate(v.value, lookup_in(vars)), {file.path, v.span}});
  return vars;
}

void LinkBuilder::add_env_links(const std::vector<ResolvedVar>& env, const LinkOrigin& origin) {
  for (const auto& v : env) {
    if (looks_like_database_url(v.value)) {
      if (auto db = database_endpoint(v.value)) add_database(*db, v.name, v.site, origin);
      continue;
    }
    std::optional<CallTarget> target;
    if (auto host = service_url_host(v.value)) target = target_of_host(*host, origin);
    bool other_scheme = v.value.find("://") != std::string::npos && !service_url_host(v.value);
    if (!target && !other_scheme)  // smtp://, amqp:// ... name a server, not a service
      if (auto stem = service_address_stem(v.name)) target = target_named(*stem);
    if (target) add_call(origin, *target, CallKind::env_var, v.name, v.site);
  }
  add_split_databases(env, origin);
}

// DB_HOST + DB_PORT + DB_NAME (PGHOST/PGDATABASE, POSTGRES_HOST/POSTGRES_DB, ORDERS_DB_*)
// within one block, grouped by the prefix before the family.
void LinkBuilder::add_split_databases(const std::vector<ResolvedVar>& env, const LinkOrigin& origin) {
  struct Parts {
    const ResolvedVar *host = nullptr, *port = nullptr, *name = nullptr, *user = nullptr;
    std::string kind;
  };
  std::map<std::string, Parts> groups;
  for (const auto& v : env) {
    DatabaseVariable dv = database_variable(v.name);
    if (dv.part == DatabasePart::none) continue;
    Parts& g = groups[dv.prefix];
    if (g.kind.empty()) g.kind = dv.kind;
    const ResolvedVar*& slot = dv.part == DatabasePart::host ? g.host
                               : dv.part == DatabasePart::port ? g.port
                               : dv.part == DatabasePart::name ? g.name : g.user;
    slot = &v;
  }
  for (const auto& [prefix, g] : groups) {
    if (!g.host) continue;
    DatabaseEndpoint db;
    db.host = ascii_lower(g.host->value);
    std::string port = g.port ? g.port->value : "";
    db.kind = g.kind.empty() ? guess_kind(db.host, port, origin) : g.kind;
    db.port = port.empty() ? default_port(db.kind) : port;
    if (g.name) db.database = g.name->value;
    else if (db.kind == "postgres" && g.user) db.database = g.user->value;  // Postgres picks the user's database
    if (!is_concrete(db.host) || !is_concrete(db.port) || !is_concrete(db.database)) continue;
    add_database(db, g.host->name + (g.name ? "+" + g.name->name : ""), g.host->site, origin);
  }
}

std::string LinkBuilder::guess_kind(const std::string& host, const std::string& port, const LinkOrigin& origin) const {
  if (port == "3306") return "mysql";
  if (port == "27017") return "mongodb";
  std::string project = compose_project_of(host, origin);
  if (const ProcessInfo* p = project.empty() ? nullptr : compose_process(project, host)) {
    std::string image = image_name(p->image);
    if (image.rfind("mysql", 0) == 0 || image.rfind("mariadb", 0) == 0) return "mysql";
    if (image.rfind("mongo", 0) == 0) return "mongodb";
  }
  return "postgres";
}

void LinkBuilder::add_database(const DatabaseEndpoint& endpoint, const std::string& via, const LinkSite& site,
                               const LinkOrigin& origin) {
  DatabaseUse use;
  use.service = origin.service;
  use.endpoint = endpoint;
  use.key = host_key(endpoint.host, origin) + ":" + endpoint.port + "/" + endpoint.database +
            (endpoint.schema.empty() ? "" : "?schema=" + endpoint.schema);
  use.via = via;
  use.process = origin.process;
  use.source = origin.source;
  use.tentative = origin.tentative || is_tentative_path(site.path);
  use.site = site;
  out_.databases.push_back(std::move(use));
}

void LinkBuilder::add_call(const LinkOrigin& origin, const CallTarget& target, CallKind how, std::string detail,
                           const LinkSite& site) {
  if (target.service >= 0 && target.service == origin.service) return;  // a service naming itself
  out_.calls.push_back({origin.service, target.service, target.name, how, std::move(detail),
                        origin.tentative || is_tentative_path(site.path), site});
}

}  // namespace svc::engine
