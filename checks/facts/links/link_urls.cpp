#include "checks/facts/links/link_urls.h"
#include "common/ascii.h"

#include <algorithm>
#include <cctype>

namespace svc::engine {

namespace {

// Where the user info ends: the last '@' before any query, so a password holding
// '/' or '@' still splits right.
std::size_t user_info_end(std::string_view rest) {
  std::size_t query = rest.find_first_of("?#");
  std::size_t at = rest.rfind('@', query == std::string_view::npos ? std::string_view::npos : query);
  return at;
}

bool valid_scheme(std::string_view s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s.front()))) return false;
  return std::all_of(s.begin(), s.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '+' || c == '-' || c == '.'; });
}

}  // namespace

std::optional<UrlParts> split_url(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos || !valid_scheme(url.substr(0, sep))) return std::nullopt;
  UrlParts out;
  out.scheme = ascii_lower(url.substr(0, sep));
  std::string_view rest = url.substr(sep + 3);
  if (auto at = user_info_end(rest); at != std::string_view::npos) {
    std::string_view info = rest.substr(0, at);
    out.user = std::string(info.substr(0, info.find(':')));
    rest = rest.substr(at + 1);
  }
  std::size_t end = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, end);
  authority = authority.substr(0, authority.find(','));  // first host of a list
  std::size_t colon = authority.rfind(':');
  if (!authority.empty() && authority.front() == '[') {  // [::1]:5432
    std::size_t close = authority.find(']');
    colon = close != std::string_view::npos && close + 1 < authority.size() && authority[close + 1] == ':'
                ? close + 1 : std::string_view::npos;
  }
  out.host = std::string(authority.substr(0, colon));
  if (colon != std::string_view::npos) out.port = std::string(authority.substr(colon + 1));
  if (end != std::string_view::npos && rest[end] == '/') {
    std::string_view path = rest.substr(end + 1);
    out.path = std::string(path.substr(0, path.find_first_of("?#")));
  }
  if (auto q = rest.find('?'); q != std::string_view::npos && q >= end) {
    std::string_view query = rest.substr(q + 1);
    out.query = std::string(query.substr(0, query.find('#')));
  }
  return out;
}

std::string strip_password(std::string_view url) {
  auto sep = url.find("://");
  if (sep == std::string_view::npos) return std::string(url);
  std::string_view rest = url.substr(sep + 3);
  auto at = user_info_end(rest);
  if (at == std::string_view::npos) return std::string(url);
  auto colon = rest.substr(0, at).find(':');
  if (colon == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, sep + 3)) + std::string(rest.substr(0, colon)) + std::string(rest.substr(at));
}

std::string database_kind(std::string_view scheme) {
  std::string s = ascii_lower(scheme.substr(0, scheme.find('+')));
  if (s == "postgres" || s == "postgresql" || s == "pgsql" || s == "pg") return "postgres";
  if (s == "mysql" || s == "mariadb" || s == "mysqlx") return "mysql";
  if (s == "mongodb") return "mongodb";
  if (s == "redis" || s == "rediss" || s == "valkey") return "redis";
  return "";
}

std::string default_port(std::string_view kind) {
  if (kind == "postgres") return "5432";
  if (kind == "mysql") return "3306";
  if (kind == "mongodb") return "27017";
  if (kind == "redis") return "6379";
  return "";
}

std::string DatabaseEndpoint::display() const {
  return host + ":" + port + "/" + database + (schema.empty() ? "" : "?schema=" + schema);
}

namespace {

// `schema=x` (Prisma), `currentSchema=x` (JDBC style), `search_path=x`, or
// `options=-c search_path=x` (libpq), percent-encoded or not; "public" is the default.
std::string schema_of(std::string_view query) {
  std::string decoded;
  for (std::size_t i = 0; i < query.size(); ++i) {
    if (query[i] == '%' && i + 2 < query.size() && std::isxdigit(static_cast<unsigned char>(query[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(query[i + 2]))) {
      decoded.push_back(static_cast<char>(std::stoi(std::string(query.substr(i + 1, 2)), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(query[i] == '+' ? ' ' : query[i]);
    }
  }
  std::string lower = ascii_lower(decoded);
  for (std::string_view key : {"search_path=", "currentschema=", "schema="}) {
    for (std::size_t at = lower.find(key); at != std::string::npos; at = lower.find(key, at + 1)) {
      char before = at == 0 ? '&' : lower[at - 1];
      if (before != '&' && before != ' ' && before != 'c') continue;  // `-csearch_path=`, `-c search_path=`
      std::size_t b = at + key.size();
      std::string value = lower.substr(b, lower.find_first_of("&, ", b) - b);
      return value == "public" ? "" : value;
    }
  }
  return "";
}

}  // namespace

bool is_concrete(std::string_view text) {
  return !text.empty() && text.find_first_of("${}<>") == std::string_view::npos;
}

std::optional<DatabaseEndpoint> database_endpoint(std::string_view url) {
  auto parts = split_url(url);
  if (!parts) return std::nullopt;
  DatabaseEndpoint db;
  db.kind = database_kind(parts->scheme);
  if (db.kind.empty()) return std::nullopt;
  db.host = ascii_lower(parts->host);
  while (!db.host.empty() && db.host.back() == '.') db.host.pop_back();
  db.port = parts->port.empty() ? default_port(db.kind) : parts->port;
  db.database = parts->path.substr(0, parts->path.find('/'));
  if (db.database.empty()) {
    bool user = !parts->user.empty() && is_concrete(parts->user);
    if (db.kind == "postgres") db.database = user ? parts->user : "postgres";
    if (db.kind == "redis") db.database = "0";
  }
  if (db.kind == "postgres") db.schema = schema_of(parts->query);
  if (!is_concrete(db.host) || !is_concrete(db.port) || !is_concrete(db.database)) return std::nullopt;
  return db;
}

bool looks_like_database_url(std::string_view text) {
  auto sep = text.find("://");
  return sep != std::string_view::npos && sep < 24 && valid_scheme(text.substr(0, sep)) &&
         !database_kind(text.substr(0, sep)).empty();
}

std::optional<std::string> service_url_host(std::string_view url) {
  auto parts = split_url(url);
  if (!parts) return std::nullopt;
  static const char* schemes[] = {"http", "https", "grpc", "grpcs", "ws", "wss", "h2c"};
  if (std::find(std::begin(schemes), std::end(schemes), parts->scheme) == std::end(schemes)) return std::nullopt;
  std::string host = ascii_lower(parts->host);
  if (!is_concrete(host) || host == "localhost" || host == "0.0.0.0") return std::nullopt;
  bool cluster = host.size() > 4 && (host.find(".svc.cluster.local") != std::string::npos ||
                                     host.compare(host.size() - 4, 4, ".svc") == 0);
  if (host.find('.') != std::string::npos && !cluster) return std::nullopt;  // a public domain or an IP
  auto host_char = [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; };
  if (!std::all_of(host.begin(), host.end(), host_char)) return std::nullopt;
  return host;
}

}  // namespace svc::engine
