// Table ownership (precedence, copies in separate databases, conflicts), reference
// resolution across services, and the rules on a tree with a .svc.yaml.
#include <catch2/catch.hpp>

#include <algorithm>

#include "checks/workspace/config.h"
#include "checks/engine/runner.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/facts/tables/table_ownership.h"
#include "checks/facts/tables/table_references.h"
#include "e2e/temp_tree.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;

namespace {

TableOwnership ownership_of(const ServiceMap& services, const std::vector<FileFacts>& facts, const Config& config) {
  return compute_table_ownership(services, facts, config, compute_service_links(services, facts, config));
}

using svc::test::table_facts_of;

ServiceMap shop(std::vector<std::string> databases = {}) {
  std::vector<Service> list;
  for (const char* name : {"orders", "billing", "reports"}) {
    Service s;
    s.name = name;
    s.path = std::string("services/") + name;
    list.push_back(s);
  }
  for (std::size_t i = 0; i < databases.size(); ++i) list[i].database = databases[i];
  return ServiceMap(list);
}

const std::string kDrizzle = "export const orders = pgTable('orders', { id: uuid('id') });\n";
const std::string kCreate = "CREATE TABLE orders (id uuid PRIMARY KEY);\n";
const std::string kSqlAlchemy = "class Order(Base):\n    __tablename__ = \"orders\"\n";

constexpr int orders = 0, billing = 1, reports = 2;

}  // namespace

TEST_CASE("ownership: a model outranks a migration, and model and migration outrank a model", "[tables]") {
  Config config;
  std::vector<FileFacts> facts = {
      table_facts_of("services/orders/src/schema.ts", kDrizzle, orders),
      table_facts_of("services/orders/drizzle/0000.sql", kCreate, orders),
      table_facts_of("services/billing/app/models.py", kSqlAlchemy, billing),
      table_facts_of("services/reports/migrations/0001.sql", kCreate, reports),
  };
  auto own = ownership_of(shop(), facts, config);
  const OwnedTable* t = own.find("\"Orders\"");
  REQUIRE(t);
  CHECK(t->claims.size() == 4);
  CHECK(own.owner_for(*t, orders) == orders);
  CHECK(own.owner_for(*t, billing) == orders);  // its model maps the orders service's table
  CHECK(own.owner_for(*t, reports) == orders);  // a migration loses to a model
  CHECK(t->copies == std::vector<int>{orders});
  CHECK(own.conflicts().empty());
  CHECK(t->claim_of(orders)->where() == "services/orders/src/schema.ts:1");
}

TEST_CASE("ownership: tied definitions are copies unless the services share a database", "[tables]") {
  Config config;
  std::vector<FileFacts> facts = {
      table_facts_of("services/orders/src/schema.ts", kDrizzle, orders),
      table_facts_of("services/billing/app/models.py", kSqlAlchemy, billing),
  };
  SECTION("databases unknown: each owns its copy, a third service's reference is ambiguous") {
    auto own = ownership_of(shop(), facts, config);
    const OwnedTable* t = own.find("orders");
    REQUIRE(t);
    CHECK(own.owner_for(*t, orders) == orders);
    CHECK(own.owner_for(*t, billing) == billing);
    CHECK(own.owner_for(*t, reports) == -1);
    CHECK(own.conflicts().empty());
  }
  SECTION("one database: a conflict, reported once") {
    auto own = ownership_of(shop({"shop", "shop", "shop"}), facts, config);
    const OwnedTable* t = own.find("orders");
    REQUIRE(t);
    CHECK(own.owner_for(*t, orders) == -1);
    REQUIRE(own.conflicts().size() == 1);
    CHECK(own.conflicts()[0].services == std::vector<int>{billing, orders});  // claim order: by file
    CHECK(t->conflict());
  }
  SECTION("separate databases: the reader of its own database touches no one's table") {
    auto own = ownership_of(shop({"orders", "billing", "billing"}), facts, config);
    const OwnedTable* t = own.find("orders");
    CHECK(own.owner_for(*t, reports) == billing);
  }
}

TEST_CASE("ownership: owns: in .svc.yaml decides, and two declarations conflict", "[tables]") {
  Config config;
  ServiceMap services = shop();
  std::vector<Service> list = services.services();
  list[billing].owns = {"orders"};
  std::vector<FileFacts> facts = {table_facts_of("services/orders/src/schema.ts", kDrizzle, orders)};
  auto own = ownership_of(ServiceMap(list), facts, config);
  const OwnedTable* t = own.find("orders");
  REQUIRE(t);
  CHECK(own.owner_for(*t, orders) == billing);
  CHECK(t->claim_of(billing)->where() == "owns: in .svc.yaml");
  list[reports].owns = {"public.orders"};
  auto both = ownership_of(ServiceMap(list), facts, config);
  REQUIRE(both.conflicts().size() == 1);
  CHECK(both.conflicts()[0].services == std::vector<int>{billing, reports});
}

TEST_CASE("ownership: schema-qualified names, test files and files outside services", "[tables]") {
  Config config;
  std::vector<FileFacts> facts = {
      table_facts_of("services/orders/src/schema.ts", "const shop = pgSchema('shop');\nexport const o = shop.table('orders', {});\n", orders),
      table_facts_of("services/orders/migrations/1.sql", "CREATE TABLE orders (id int); CREATE TABLE crm.leads (id int);\n", orders),
      table_facts_of("services/billing/migrations/1.sql", "CREATE TABLE sales.leads (id int);\n", billing),
      table_facts_of("services/billing/tests/schema.sql", "CREATE TABLE invoices (id int);\n", billing),
      table_facts_of("scripts/seed.sql", "CREATE TABLE payments (id int);\n", -1),
  };
  auto own = ownership_of(shop(), facts, config);
  REQUIRE(own.find("orders"));
  CHECK(own.find("orders")->key == "shop.orders");
  CHECK(own.find("orders")->claims.size() == 2);  // `orders` without a schema is shop.orders
  CHECK(own.find("SHOP.\"orders\""));
  CHECK(own.find("leads") == nullptr);  // crm.leads or sales.leads: ambiguous
  CHECK(own.find("crm.leads"));
  CHECK(own.find("invoices") == nullptr);
  CHECK(own.find("payments") == nullptr);
}

TEST_CASE("ownership: migrations replay: a table dropped or renamed away is gone, a rename's target is owned", "[tables]") {
  Config config;
  // drizzle-kit's SQLite table rebuild, and a rename written by knex and by Alembic.
  const std::string rebuild =
      "PRAGMA foreign_keys=OFF;--> statement-breakpoint\n"
      "CREATE TABLE `__new_orders` (`id` text PRIMARY KEY NOT NULL, `total` integer);--> statement-breakpoint\n"
      "INSERT INTO `__new_orders`(\"id\") SELECT \"id\" FROM `orders`;--> statement-breakpoint\n"
      "DROP TABLE `orders`;--> statement-breakpoint\n"
      "ALTER TABLE `__new_orders` RENAME TO `orders`;--> statement-breakpoint\n"
      "PRAGMA foreign_keys=ON;\n";
  std::vector<FileFacts> facts = {
      table_facts_of("services/orders/drizzle/0000_init.sql", "CREATE TABLE `orders` (`id` text PRIMARY KEY);\n"
                                                              "CREATE TABLE `tmp_import` (`id` text);\n", orders),
      table_facts_of("services/orders/drizzle/0001_rebuild.sql", rebuild + "DROP TABLE `tmp_import`;\n", orders),
      table_facts_of("services/billing/migrations/1.js",
                     "exports.up = (knex) => knex.schema.createTable('invoice', (t) => t.uuid('id'))\n"
                     "  .then(() => knex.schema.renameTable('invoice', 'invoices'));\n"
                     "exports.down = (knex) => knex.schema.dropTable('invoices');\n", billing),
      table_facts_of("services/reports/alembic/versions/a1_runs.py",
                     "def upgrade():\n    op.create_table('run')\n    op.rename_table('run', 'report_runs')\n\n"
                     "def downgrade():\n    op.rename_table('report_runs', 'run')\n    op.drop_table('run')\n", reports),
  };
  auto own = ownership_of(shop(), facts, config);
  CHECK(own.find("__new_orders") == nullptr);
  CHECK(own.find("tmp_import") == nullptr);
  REQUIRE(own.find("orders"));
  CHECK(own.find("orders")->owner == orders);
  CHECK(own.find("orders")->claims.size() == 1);  // the rename; the first CREATE was dropped
  CHECK(own.find("orders")->claims.front().where() == "services/orders/drizzle/0001_rebuild.sql:5");
  CHECK(own.find("invoice") == nullptr);
  REQUIRE(own.find("invoices"));
  CHECK(own.find("invoices")->owner == billing);  // the down migration's drop is not replayed
  CHECK(own.find("run") == nullptr);
  REQUIRE(own.find("report_runs"));
  CHECK(own.find("report_runs")->owner == reports);
}

TEST_CASE("references resolve through imports, Prisma models and Python packages", "[tables]") {
  Config config;
  ServiceMap services = shop();
  std::vector<Service> list = services.services();
  list[billing].dependencies = {"@prisma/client"};
  services = ServiceMap(list);
  std::vector<FileFacts> facts = {
      table_facts_of("services/orders/src/lib/db/schema.ts", kDrizzle, orders),
      table_facts_of("services/orders/prisma/schema.prisma", "model OrderItem {\n  id Int @id\n  @@map(\"order_items\")\n}\n", orders),
      table_facts_of("services/orders/orders/models.py", "class Refund(Base):\n    __tablename__ = \"refunds\"\n", orders),
      table_facts_of("services/billing/src/invoices.ts", R"(
import { orders } from '../../orders/src/lib/db/schema.js';
const rows = await db.select().from(orders);
const items = await prisma.orderItem.findMany();
)", billing),
      table_facts_of("services/billing/app/refunds.py", R"(
from orders.models import Refund
from app.models import Refund as Local
rows = session.execute(select(Refund)).all()
)", billing),
  };
  auto own = ownership_of(services, facts, config);
  auto refs = resolve_table_references(services, facts, own);
  std::vector<std::string> seen;
  for (const auto& r : refs)
    if (r.table) seen.push_back(r.file->path.substr(r.file->path.rfind('/') + 1) + " " + r.ref->name + " -> " + r.table->key);
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<std::string>{"invoices.ts orderItem -> order_items", "invoices.ts orders -> orders",
                                         "invoices.ts orders -> orders", "refunds.py Refund -> refunds",
                                         "refunds.py Refund -> refunds"});
}

TEST_CASE("the rules on a tree with owns:, databases and a read-only warehouse", "[tables]") {
  svc::e2e::TempTree tree;
  tree.write_file(".svc.yaml", R"(services:
  - name: orders
    path: services/orders
    owns: [orders, ledger]
    database: shop
  - name: billing
    path: services/billing
    database: shop
  - name: reports
    path: services/reports
    database: analytics
databases:
  - name: analytics
    readonly: true
)");
  tree.write_file("services/orders/app.py", "rows = db.execute(text(\"SELECT * FROM orders\"))\n");
  tree.write_file("services/billing/app.py", "rows = db.execute(text(\"SELECT * FROM orders JOIN invoices ON true\"))\n");
  tree.write_file("services/billing/migrations/0001.sql",
                  "CREATE TABLE invoices (id int);\nCREATE TABLE ledger (id int);\n");
  tree.write_file("services/reports/app.py", "rows = db.execute(text(\"SELECT * FROM orders\"))\n");
  AuditOptions options;
  options.root = tree.str();
  options.only = {"db-cross-service-access", "db-migration-outside-owner"};
  options.jobs = 1;
  auto result = run_audit(options);
  std::vector<std::string> found;
  for (const auto& f : result.findings) found.push_back(f.rule + " " + f.path + ":" + std::to_string(f.line));
  CHECK(found == std::vector<std::string>{"db-cross-service-access services/billing/app.py:1",
                                          "db-migration-outside-owner services/billing/migrations/0001.sql:2"});
  REQUIRE(result.findings.size() == 2);
  CHECK(result.findings[0].message.find("joins orders (owned by orders) with invoices (owned by billing)") !=
        std::string::npos);
  CHECK(result.findings[1].message.find("owns: in .svc.yaml") != std::string::npos);
}
