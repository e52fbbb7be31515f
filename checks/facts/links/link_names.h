#pragma once
// What the name of an environment variable or settings field says it holds.
#include <optional>
#include <string>
#include <string_view>

namespace svc::engine {

// `ordersServiceUrl`, `orders_service_url`, `ORDERS-SERVICE-URL` -> ORDERS_SERVICE_URL.
std::string upper_snake(std::string_view name);

// DATABASE_URL, DB_URL, POSTGRES_URL, PG*_URL, *_DATABASE_URL, *_DB_URL, SQLALCHEMY_DATABASE_URI,
// MONGO_URL, MONGODB_URI, MYSQL_URL, REDIS_URL ... (upper snake case).
bool is_database_variable(std::string_view name);

// The part naming a service in a variable that holds its address: ORDERS_URL,
// ORDERS_SERVICE_URL, ORDERS_API_BASE, ORDERS_API_URL, ORDERS_HOST -> ORDERS.
// nullopt for anything else, database variables included.
std::optional<std::string> service_address_stem(std::string_view name);

// Split database settings: which part of a connection a variable holds.
enum class DatabasePart { none, host, port, name, user };
struct DatabaseVariable {
  DatabasePart part = DatabasePart::none;
  std::string prefix;  // what comes before the family: ORDERS_ in ORDERS_DB_HOST
  std::string kind;    // postgres | mysql | mongodb | "" when the name does not say
};
DatabaseVariable database_variable(std::string_view name);

// `orders_service`, `Orders-API` -> `orders-service`, `orders-api`: the form service
// names are compared in.
std::string name_key(std::string_view name);
// The key without a trailing -service, -svc, -api, -server, -app.
std::string name_stem(std::string_view key);

}  // namespace svc::engine
