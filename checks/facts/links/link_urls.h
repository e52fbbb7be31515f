#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace svc::engine {

// `scheme://[user[:password]@]host[:port][/path][?query]`, split as written.
struct UrlParts {
  std::string scheme;  // lower case
  std::string user;
  std::string host;  // the first host of a list (`mongodb://a,b/db`)
  std::string port;
  std::string path;   // without the leading '/'
  std::string query;  // without the '?'
};
std::optional<UrlParts> split_url(std::string_view url);

// The URL without the password of its user info: facts never keep secrets.
std::string strip_password(std::string_view url);

// postgres | mysql | mongodb | redis for a database URL scheme (`postgresql+asyncpg`,
// `mongodb+srv`, `rediss` ...), "" for anything else.
std::string database_kind(std::string_view scheme);
std::string default_port(std::string_view kind);

// A database a URL points at, normalised: host lower case (localhost and 127.0.0.1
// kept apart, as written), the scheme's default port, and the database the server
// picks when the URL names none (Postgres: the user's name, else "postgres"; Redis: 0).
struct DatabaseEndpoint {
  std::string kind;  // postgres | mysql | mongodb | redis
  std::string host, port, database;
  // A Postgres schema named in the URL (`?schema=orders`, `?options=-csearch_path=orders`):
  // services with a schema each in one database do not share tables. "" for the default.
  std::string schema;
  std::string display() const;  // host:port/database, plus ?schema=... when set
};
std::optional<DatabaseEndpoint> database_endpoint(std::string_view url);

// Whether a string starts like a database URL (cheap, before parsing).
bool looks_like_database_url(std::string_view text);

// The host of an http(s)/grpc/ws URL when it can name another service: a bare name
// (`http://orders:3000`) or a cluster-local one (`orders.shop.svc.cluster.local`).
// Public domains, IPs and localhost give nullopt.
std::optional<std::string> service_url_host(std::string_view url);

// Whether a host or database name is fully known (no `${VAR}`, `$(VAR)`, `{x}` or `<x>`).
bool is_concrete(std::string_view text);


}  // namespace svc::engine
