#pragma once
// Which service owns which table, decided once from the facts of every file and
// shared by the database rules and `svc graph`. A pure function of its inputs.
//
// Two services may each define a table of the same name in their own databases
// (`users`, `events`, `outbox` ...). So a service that defines a table itself owns
// its own copy unless the facts show it shares a database with another claimant;
// only then do precedence and conflicts decide between them.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "checks/facts/facts.h"
#include "checks/facts/links/service_links.h"
#include "checks/workspace/services.h"

namespace svc::engine {

struct Config;

// Precedence of a claim, strongest first.
enum class ClaimLevel : std::uint8_t {
  declared,   // `.svc.yaml` services[].owns
  model,      // an ORM model or schema file (Drizzle, Prisma, SQLAlchemy, Django ...)
  migration,  // CREATE TABLE, createTable, op.create_table, CreateModel
};

struct TableClaim {
  int service = -1;
  ClaimLevel level = ClaimLevel::migration;
  std::string path;  // the file that claims it; "" for `owns:`
  SourceSpan span;
  std::string table;   // as the claim writes it
  std::string symbol;  // the model's code name, when it has one
  TableOrigin origin = TableOrigin::sql;

  // "services/orders/src/db/schema.ts:5" or "owns: in .svc.yaml", for messages.
  std::string where() const;
};

struct OwnedTable {
  std::string key;   // table_key(): "orders", "shop.orders"
  std::string name;  // as the strongest claim writes it
  std::vector<TableClaim> claims;  // strongest first, then by file and line
  std::vector<int> copies;         // claimants owning their own copy (one per database, as far as known)

  // A one-owner summary for views that draw one node per table name: the strongest
  // copy's owner (-1 when claimants tie and none owns a copy), its precedence, and
  // the services of a reported conflict. Judge a service's access with owner_for().
  int owner = -1;
  ClaimLevel level = ClaimLevel::migration;
  std::vector<int> contenders;
  bool conflict() const { return owner < 0; }
  const TableClaim* owner_claim() const { return claim_of(owner); }

  bool claimed_by(int service) const;
  // The service's strongest claim, or null.
  const TableClaim* claim_of(int service) const;
};

// Services tied for one table at the same precedence while sharing a database (or
// both declaring it under `owns:`): reported once.
struct OwnershipConflict {
  const OwnedTable* table = nullptr;
  std::vector<int> services;  // in claim order
};

enum class SameDatabase { yes, no, unknown };

class TableOwnership {
 public:
  const std::vector<OwnedTable>& tables() const { return tables_; }
  // The table a name means, however it is spelled: case, quotes and the default
  // schema do not matter; `shop.orders` and `orders` meet when only one table is
  // called orders. Null when no service claims it or the name is ambiguous.
  const OwnedTable* find(std::string_view name) const;

  // Who owns the table `service` touches. Among the claimants not known to use another
  // database, precedence picks the owner. Claimants tied at the top own a copy each,
  // in their own databases, unless they are known to share one (a conflict: -1). A
  // service outside the tie touches the one copy in a database it is known to share,
  // else nobody's for sure (-1).
  int owner_for(const OwnedTable& table, int service) const;
  const std::vector<OwnershipConflict>& conflicts() const { return conflicts_; }

  // From `.svc.yaml` `database:` and the database connections of the link facts.
  SameDatabase same_database(int a, int b) const;
  // Whether `reader` may be reading `owner`'s table from a copy: it connects to a
  // database declared read-only (a replica or warehouse) and to none of the
  // databases the owner itself connects to with write access.
  bool reads_through_readonly(int reader, int owner) const;

 private:
  friend TableOwnership compute_table_ownership(const ServiceMap&, const std::vector<FileFacts>&, const Config&,
                                                const ServiceLinks&);
  struct Databases {
    std::set<std::string> declared, connected;
    std::set<std::string> writable;  // connected, less the read-only ones
    bool readonly = false;
  };
  int decide(const OwnedTable& table, const std::vector<int>& candidates, std::vector<int>* tied) const;
  bool same_table(const OwnedTable& table, int a, int b) const;
  std::vector<int> strongest(const OwnedTable& table, int service) const;
  void find_conflicts();
  void index();

  std::vector<OwnedTable> tables_;  // by key
  std::vector<Databases> databases_;  // by service
  std::vector<OwnershipConflict> conflicts_;
  std::map<std::string, std::size_t, std::less<>> by_key_;
  std::map<std::string, std::vector<std::size_t>, std::less<>> by_bare_;  // "orders" -> orders, shop.orders
};

// Precedence among services that share a database: `owns:` > models > migrations;
// between services tied at one level, the one that also claims the table at a
// weaker level (its model and its migration) wins. Test files and files outside
// every service claim nothing. `links` says which databases each service connects to.
TableOwnership compute_table_ownership(const ServiceMap& services, const std::vector<FileFacts>& facts,
                                       const Config& config, const ServiceLinks& links);

}  // namespace svc::engine
