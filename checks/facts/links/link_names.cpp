#include "checks/facts/links/link_names.h"

#include <array>
#include <cctype>

#include <re2/re2.h>

namespace svc::engine {

std::string upper_snake(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    bool lower_before = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                                  std::isdigit(static_cast<unsigned char>(name[i - 1])));
    if (std::isupper(c) && lower_before) out.push_back('_');
    out.push_back(c == '-' || c == '.' ? '_' : static_cast<char>(std::toupper(c)));
  }
  return out;
}

bool is_database_variable(std::string_view name) {
  static const RE2 db(
      R"(^(.*_)?(DATABASE|DB|POSTGRES|POSTGRESQL|PG[A-Z]*|MYSQL|MARIADB|MONGO|MONGODB|REDIS|SQLALCHEMY_DATABASE))"
      R"(_(URL|URI|DSN)$)"
      R"(|^(DATABASE|DB|PG|POSTGRES|MYSQL|MONGO|MONGODB)_?(URL|URI|DSN)$)");
  return RE2::FullMatch(re2::StringPiece(name.data(), name.size()), db);
}

std::optional<std::string> service_address_stem(std::string_view name) {
  static const RE2 address(
      R"(^([A-Z0-9_]+?)_(?:SERVICE_|SVC_|API_|SERVER_|INTERNAL_)?)"
      R"((?:URL|URI|BASE_URL|BASE|ENDPOINT|HOST|ADDR|ADDRESS|ORIGIN)$)");
  std::string stem;
  if (is_database_variable(name) || database_variable(name).part != DatabasePart::none) return std::nullopt;
  if (!RE2::FullMatch(re2::StringPiece(name.data(), name.size()), address, &stem)) return std::nullopt;
  return stem;
}

DatabaseVariable database_variable(std::string_view name) {
  // Family spellings and the kind of server they imply.
  struct Family { const char* text; const char* kind; bool joined; };  // joined: PGHOST, not PG_HOST
  static const std::array<Family, 10> families = {{
      {"DB_", "", false}, {"DATABASE_", "", false}, {"PG", "postgres", true}, {"PG_", "postgres", false},
      {"POSTGRES_", "postgres", false}, {"POSTGRESQL_", "postgres", false}, {"MYSQL_", "mysql", false},
      {"MARIADB_", "mysql", false}, {"MONGO_", "mongodb", false}, {"MONGODB_", "mongodb", false}}};
  struct Part { const char* text; DatabasePart part; };
  static const std::array<Part, 8> parts = {{{"HOST", DatabasePart::host}, {"HOSTNAME", DatabasePart::host},
                                             {"PORT", DatabasePart::port}, {"NAME", DatabasePart::name},
                                             {"DATABASE", DatabasePart::name}, {"DB", DatabasePart::name},
                                             {"USER", DatabasePart::user}, {"USERNAME", DatabasePart::user}}};
  for (const auto& p : parts) {
    std::string_view part = p.text;
    if (name.size() <= part.size() || name.substr(name.size() - part.size()) != part) continue;
    std::string_view head = name.substr(0, name.size() - part.size());
    for (const auto& f : families) {
      std::string_view fam = f.text;
      if (head.size() < fam.size() || head.substr(head.size() - fam.size()) != fam) continue;
      std::string_view prefix = head.substr(0, head.size() - fam.size());
      if (!prefix.empty() && prefix.back() != '_') continue;  // SPGHOST is not PGHOST
      if (p.part == DatabasePart::name && part == "DB" && fam != "POSTGRES_" && fam != "MONGO_") continue;
      return {p.part, std::string(prefix), f.kind};
    }
  }
  return {};
}

std::string name_key(std::string_view name) {
  std::string out;
  for (char c : name) {
    unsigned char u = static_cast<unsigned char>(c);
    out.push_back(c == '_' || c == '.' || c == ' ' ? '-' : static_cast<char>(std::tolower(u)));
  }
  return out;
}

std::string name_stem(std::string_view key) {
  for (std::string_view suffix : {"-service", "-svc", "-api", "-server", "-app"})
    if (key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix)
      return std::string(key.substr(0, key.size() - suffix.size()));
  return std::string(key);
}

}  // namespace svc::engine
