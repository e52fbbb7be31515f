#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "checks/facts/routes/route_facts.h"
#include "checks/core/source_file.h"

namespace svc::engine {

class SyntaxTree;

// What defines or changes a table. Models (ORM classes, schema files) outrank
// migrations (DDL) when services compete for a table.
enum class TableOrigin : std::uint8_t {
  drizzle, prisma, typeorm, sequelize, sqlalchemy, sqlmodel, django,  // models
  knex, sequelize_migration, typeorm_migration, alembic, django_migration, sql,  // migrations and DDL
  mongoose,  // a Mongoose model or NestJS @Schema class: a collection, a document store's table
  gorm,      // a Go struct gorm maps to a table
};
bool is_model_origin(TableOrigin origin);
std::string_view to_string(TableOrigin origin);

// `create` claims the table; the other changes act on a table someone created.
enum class TableChange : std::uint8_t { create, alter, drop, index, rename };
std::string_view to_string(TableChange change);  // "creates", "alters", ...

// A table one file defines (a model, CREATE TABLE) or changes with DDL.
struct TableDefinition {
  std::string table;   // as written without quotes; "shop.orders" when schema-qualified
  std::string symbol;  // the code name bound to it (`orders`, `Order`); "" for plain DDL
  TableOrigin origin = TableOrigin::sql;
  TableChange change = TableChange::create;
  SourceSpan span;
  std::string renamed_to;  // rename: the table's new name, when the code says it
  bool rollback = false;   // in a down migration (`down()`, `downgrade()`, `-- migrate:down`)
};

// How a reference names its table.
enum class RefTarget : std::uint8_t {
  table,         // a table name (SQL text, knex('t'), Kysely, Supabase)
  symbol,        // a code symbol bound to a table (Drizzle table, SQLAlchemy/Django/TypeORM model)
  prisma_model,  // a Prisma client accessor (`prisma.orderItem`): a model name
};

enum class TableAccess : std::uint8_t {
  read, write,
  foreign_key,  // REFERENCES / ForeignKey('t.id'): the schemas are coupled
  model,        // a model mapped onto a table it does not manage (Django managed=False, reflection)
  import,       // a table symbol imported from a module outside the importing folder
};

// Where a symbol comes from, when it is imported.
enum class ModuleKind : std::uint8_t {
  none,            // defined in this file (or a Drizzle schema key: looked up in the service)
  path,            // root-relative path without extension: "services/orders/src/db/schema"
  service_alias,   // "@/db/schema": relative to the importing service's folder (or its src/)
  python_package,  // dotted Python module: "orders.models"
  package,         // a bare specifier as written: "@acme/db/schema", "@db/orders" (workspace packages, tsconfig paths)
};

// A use of a table: by name, by symbol or by Prisma model.
struct TableReference {
  std::string name;  // table name, symbol (as exported by its module) or Prisma accessor
  RefTarget target = RefTarget::table;
  TableAccess access = TableAccess::read;
  ModuleKind module_kind = ModuleKind::none;
  std::uint16_t module = 0;  // TableFacts::modules index, when module_kind is not none
  int statement = -1;        // references with the same number come from one statement or builder chain
  SourceSpan span;
};

// A class that stands for a model: a repository whose constructor hands the model to
// its base class (`super(Subscriber, SubscriberEntity)`) or gets it injected
// (`@InjectModel(Order.name)`). Importing the class is using the model's table.
struct TableAlias {
  std::string symbol;           // the class
  std::uint32_t reference = 0;  // TableFacts::references index of the model it wraps
};

// Tables one file defines (ORM models, migrations, schema files) and touches
// (SQL text, query builders, ORM symbols imported from elsewhere). No syntax
// nodes and no file text: facts outlive the parse.
struct TableFacts {
  std::vector<TableDefinition> definitions;
  std::vector<TableReference> references;
  std::vector<TableAlias> aliases;
  std::vector<std::string> modules;  // each module path once: a file names the same few many times
  bool migration = false;            // a migration file (by folder or content)

  bool empty() const { return definitions.empty() && references.empty() && aliases.empty(); }
  void add_reference(std::string name, RefTarget target, TableAccess access, const std::string& module,
                     ModuleKind kind, int statement, SourceSpan span);
  const std::string& module_of(const TableReference& ref) const;  // "" when it names none
};

bool wants_table_facts(const SourceFile& file);
void extract_table_facts(const SourceFile& file, const SyntaxTree* tree, TableFacts& out);

// Marks the definitions that sit in a down migration (table_rollbacks.cpp).
void mark_rollbacks(const SourceFile& file, const SyntaxTree* tree, TableFacts& out);

// Migration folders and files: migrations/, alembic/versions/, drizzle/,
// prisma/migrations/, db/migrate/, knex migration modules (exports.up) ...
bool is_migration_file(const SourceFile& file);

// "orders" for `"Orders"`, "shop.orders" for `Shop.Orders`, the default schemas
// (public, dbo) dropped: the form table names are compared in.
std::string table_key(std::string_view name);

// The names ORMs derive tables from: OrderItem -> order_item (TypeORM, Flask-SQLAlchemy),
// Order -> Orders (Sequelize).
std::string snake_case(std::string_view name);
std::string pluralize(std::string_view name);

}  // namespace svc::engine
