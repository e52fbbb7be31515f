#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "checks/workspace/config.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/facts/tables/table_facts.h"
#include "checks/facts/tables/table_ownership.h"
#include "checks/facts/tables/table_references.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;

namespace {

using svc::test::table_facts_of;

// "create orders@3" for every definition.
std::set<std::string> defined(const FileFacts& f) {
  std::set<std::string> out;
  for (const auto& d : f.tables.definitions)
    out.insert(std::string(to_string(d.change)) + " " + d.table + "@" + std::to_string(d.span.begin.line));
  return out;
}

std::string access_name(TableAccess a) {
  switch (a) {
    case TableAccess::read: return "read";
    case TableAccess::write: return "write";
    case TableAccess::foreign_key: return "fk";
    case TableAccess::model: return "model";
    case TableAccess::import: return "import";
  }
  return "?";
}

// "read orders@3" for table names, "read symbol:orders@4", "write prisma:order@5".
std::set<std::string> referenced(const FileFacts& f) {
  std::set<std::string> out;
  for (const auto& r : f.tables.references) {
    std::string target = r.target == RefTarget::table ? "" : r.target == RefTarget::symbol ? "symbol:" : "prisma:";
    out.insert(access_name(r.access) + " " + target + r.name + "@" + std::to_string(r.span.begin.line));
  }
  return out;
}

const TableReference* ref_named(const FileFacts& f, const std::string& name) {
  for (const auto& r : f.tables.references)
    if (r.name == name) return &r;
  return nullptr;
}

Service service_at(const std::string& name, const std::string& path) {
  Service s;
  s.name = name;
  s.path = path;
  return s;
}

}  // namespace

TEST_CASE("table keys ignore case, quotes and the default schema", "[tables]") {
  CHECK(table_key("\"Orders\"") == "orders");
  CHECK(table_key("public.orders") == "orders");
  CHECK(table_key("`shop`.`Orders`") == "shop.orders");
  CHECK(table_key("[dbo].[Orders]") == "orders");
  CHECK(snake_case("OrderItem") == "order_item");
  CHECK(snake_case("HTTPLog") == "http_log");
  CHECK(pluralize("Category") == "Categories");
  CHECK(pluralize("Order") == "Orders");
}

TEST_CASE("Drizzle tables, schema tables and query builders", "[tables]") {
  auto f = table_facts_of("services/orders/src/db/schema.ts", R"(
import { pgTable, pgSchema, uuid } from 'drizzle-orm/pg-core';
export const orders = pgTable('orders', { id: uuid('id') });
const shop = pgSchema('shop');
export const carts = shop.table('carts', { id: uuid('id') });
export const items = pgTable('order_items', {
  orderId: uuid('order_id').references(() => orders.id),
});
)");
  CHECK(defined(f) == std::set<std::string>{"creates orders@3", "creates shop.carts@5", "creates order_items@6"});
  CHECK(f.tables.definitions[0].symbol == "orders");
  CHECK(f.tables.definitions[0].origin == TableOrigin::drizzle);
  CHECK(referenced(f).count("fk symbol:orders@7"));

  auto q = table_facts_of("services/orders/src/repo.ts", R"(
import { orders, items } from './db/schema';
import * as schema from './db/schema';
export async function list(db) {
  await db.select().from(orders).innerJoin(items, eq(items.orderId, orders.id));
  await db.insert(schema.carts).values({});
  await db.query.orders.findMany();
  return Array.from(new Set([1]));
}
)");
  auto refs = referenced(q);
  CHECK(refs.count("read symbol:orders@5"));
  CHECK(refs.count("read symbol:items@5"));
  CHECK(refs.count("write symbol:carts@6"));
  CHECK(refs.count("read symbol:orders@7"));
  CHECK(refs.size() == 4);
  const auto* o = ref_named(q, "orders");
  const auto* i = ref_named(q, "items");
  REQUIRE(o);
  REQUIRE(i);
  CHECK(q.tables.module_of(*o) == "services/orders/src/db/schema");
  CHECK(o->module_kind == ModuleKind::path);
  CHECK(o->statement == i->statement);  // one builder chain, one statement
}

TEST_CASE("imports that climb out of a folder are references", "[tables]") {
  auto f = table_facts_of("services/billing/src/invoices.ts", R"(
import { orders } from '../../orders/src/lib/db/schema.js';
import { helper } from './helper';
)");
  REQUIRE(f.tables.references.size() == 1);
  const auto& r = f.tables.references[0];
  CHECK(r.access == TableAccess::import);
  CHECK(r.name == "orders");
  CHECK(f.tables.module_of(r) == "services/orders/src/lib/db/schema");
  CHECK(r.span.begin.line == 2);
}

TEST_CASE("TypeORM, Sequelize and Prisma client in TypeScript", "[tables]") {
  auto f = table_facts_of("src/entities.ts", R"(
import { Entity, Column } from 'typeorm';
@Entity('orders')
export class Order {}
@Entity({ name: 'line_items' })
class LineItem {}
@Entity()
export class OrderEvent {}
const User = sequelize.define('User', { name: DataTypes.STRING });
const Tag = sequelize.define('Tag', {}, { tableName: 'labels' });
class Person extends Model {}
Person.init({ name: DataTypes.STRING }, { sequelize, tableName: 'people' });
customElements.define('x-foo', class extends HTMLElement {});
)");
  CHECK(defined(f) == std::set<std::string>{"creates orders@3", "creates line_items@5", "creates order_event@8",
                                            "creates Users@9", "creates labels@10", "creates people@12"});
  auto p = table_facts_of("src/prisma.ts", R"(
const rows = await prisma.orderItem.findMany({ where: {} });
await this.prisma.invoice.create({ data });
await prisma.$queryRaw`SELECT id FROM "Payment" WHERE x = ${y}`;
)");
  auto refs = referenced(p);
  CHECK(refs.count("read prisma:orderItem@2"));
  CHECK(refs.count("write prisma:invoice@3"));
  CHECK(refs.count("read Payment@4"));
}

TEST_CASE("Mongoose models, NestJS schema classes and the MongoDB driver", "[tables]") {
  auto f = table_facts_of("src/models.ts", R"(
import mongoose, { model, Schema } from 'mongoose';
export const Order = mongoose.model('Order', orderSchema);
const Category = model('Category', new Schema({}));
const Status = model<IStatus>('Status', statusSchema);
const Controls = mongoose.models.Controls || mongoose.model('Controls', controlsSchema);
const Ledger = model('Ledger', new Schema({}, { collection: 'ledger_v2' }));
const Audit = model('Audit', auditSchema, 'audit_trail');
await Order.findById(id);
await Category.updateOne({ _id: id }, { $set: {} });
await db.collection('payouts').insertOne(doc);
)");
  CHECK(defined(f) == std::set<std::string>{"creates orders@3", "creates categories@4", "creates statuses@5",
                                            "creates controls@6", "creates ledger_v2@7", "creates audit_trail@8"});
  auto refs = referenced(f);
  CHECK(refs.count("read symbol:Order@9"));
  CHECK(refs.count("write symbol:Category@10"));
  CHECK(refs.count("write payouts@11"));

  auto nest = table_facts_of("src/order.schema.ts", R"(
import { Schema, SchemaFactory } from '@nestjs/mongoose';
@Schema()
export class PurchaseOrder {}
@Schema({ collection: 'invoices' })
export class Invoice {}
)");
  // @Schema() with no options points at the class name.
  CHECK(defined(nest) == std::set<std::string>{"creates purchaseorders@4", "creates invoices@5"});
  // Repository classes stand for the model they hand to their base class or get injected.
  auto repos = table_facts_of("src/repositories.ts", R"(
import { InjectModel } from '@nestjs/mongoose';
import { Order } from './order.schema';
import { Subscriber } from './subscriber.schema';
export class SubscriberRepository extends BaseRepository {
  constructor() { super(Subscriber, SubscriberEntity); }
}
export class OrdersRepository {
  constructor(@InjectModel(Order.name) private readonly orders: Model<Order>) {}
}
export class Unrelated extends Base { constructor() { super(options); } }
)");
  std::map<std::string, std::string> aliases;
  for (const auto& a : repos.tables.aliases) aliases[a.symbol] = repos.tables.references.at(a.reference).name;
  CHECK(aliases == std::map<std::string, std::string>{{"OrdersRepository", "Order"}, {"SubscriberRepository", "Subscriber"}});

  // Without mongoose in the file, `model(...)` and `@Schema()` are someone else's.
  auto other = table_facts_of("src/ai.ts", "const m = model('gpt-4o', options);\n");
  CHECK(other.tables.definitions.empty());
}

TEST_CASE("Knex, Sequelize and TypeORM migrations, Knex and Kysely queries", "[tables]") {
  auto m = table_facts_of("services/payments/migrations/001_init.js", R"(
exports.up = function (knex) {
  return knex.schema
    .createTable('payments', (t) => {
      t.uuid('order_id').references('orders.id');
    })
    .alterTable('refunds', (t) => {})
    .dropTableIfExists('legacy');
};
)");
  CHECK(m.tables.migration);
  CHECK(defined(m) == std::set<std::string>{"creates payments@4", "alters refunds@7", "drops legacy@8"});
  CHECK(referenced(m).count("fk orders@5"));

  auto s = table_facts_of("migrations/20240101-orders.js", R"(
module.exports = { up: async (queryInterface) => {
  await queryInterface.createTable('Orders', {});
  await queryInterface.addColumn('Customers', 'tier', {});
} };
)");
  CHECK(defined(s) == std::set<std::string>{"creates Orders@3", "alters Customers@4"});

  auto t = table_facts_of("src/migrations/1700-Init.ts", R"(
export class Init implements MigrationInterface {
  async up(queryRunner: QueryRunner) {
    await queryRunner.createTable(new Table({ name: 'shipments', columns: [] }));
    await queryRunner.query(`ALTER TABLE "orders" ADD "shipped" boolean`);
  }
}
)");
  CHECK(defined(t) == std::set<std::string>{"creates shipments@4", "alters orders@5"});

  auto q = table_facts_of("src/repo.js", R"(
const knex = require('knex')(config);
const rows = await knex('orders').where({ id }).select('*');
await knex('audit_log').insert({ id });
const more = await knex.select('*').from('customers as c').join('addresses', 'a.cid', 'c.id');
await db.selectFrom('invoices').selectAll().execute();
await db.insertInto('ledger').values({}).execute();
)");
  auto refs = referenced(q);
  CHECK(refs.count("read orders@3"));
  CHECK(refs.count("write audit_log@4"));
  CHECK(refs.count("read customers@5"));
  CHECK(refs.count("read addresses@5"));
  CHECK(refs.count("read invoices@6"));
  CHECK(refs.count("write ledger@7"));
}

TEST_CASE("SQL in strings, templates and tagged templates", "[tables]") {
  auto f = table_facts_of("src/report.ts", R"(
// SELECT * FROM comments_are_not_sql
const a = await pool.query('SELECT o.id FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.id = $1');
const b = await sql`
  SELECT *
  FROM payments p
  JOIN ${refunds} r ON r.payment_id = p.id
  WHERE p.id = ${id}`;
const c = 'select a plan from the list';
const d = "UPDATE invoices SET paid = true WHERE id = ?";
const e = `WITH recent AS (SELECT * FROM shipments) SELECT * FROM recent`;
const f = `SELECT EXTRACT(YEAR FROM created_at) FROM ${table} WHERE x = 1 ON CONFLICT DO NOTHING`;
)");
  auto refs = referenced(f);
  CHECK(refs.count("read orders@3"));
  CHECK(refs.count("read customers@3"));
  CHECK(refs.count("read payments@6"));
  CHECK(refs.count("write invoices@10"));
  CHECK(refs.count("read shipments@11"));
  for (const auto& r : refs) {
    INFO(r);
    CHECK(r.find("comments_are_not_sql") == std::string::npos);
    CHECK(r.find("the@") == std::string::npos);
    CHECK(r.find("recent") == std::string::npos);
    CHECK(r.find("created_at") == std::string::npos);
  }
  const auto* o = ref_named(f, "orders");
  const auto* c = ref_named(f, "customers");
  REQUIRE(o);
  REQUIRE(c);
  CHECK(o->statement == c->statement);
  CHECK(o->statement != ref_named(f, "payments")->statement);
}

TEST_CASE("SQL files: DDL, DML and what the grammar rejects", "[tables]") {
  auto f = table_facts_of("services/orders/migrations/0001_init.sql", R"(-- orders own these
CREATE TABLE IF NOT EXISTS "orders" (id uuid PRIMARY KEY, customer_id uuid REFERENCES customers(id));
CREATE TEMP TABLE scratch (id int);
ALTER TABLE public.order_items ADD COLUMN note text;
CREATE INDEX orders_idx ON orders (customer_id);
INSERT INTO audit (x) VALUES (1) ON CONFLICT (x) DO UPDATE SET x = excluded.x;
DROP TABLE legacy;
)");
  CHECK(f.tables.migration);
  CHECK(defined(f) == std::set<std::string>{"creates orders@2", "alters public.order_items@4", "indexes orders@5",
                                            "drops legacy@7"});
  auto refs = referenced(f);
  CHECK(refs.count("fk customers@2"));
  CHECK(refs.count("write audit@6"));
}

TEST_CASE("Prisma schema models and @@map", "[tables]") {
  auto f = table_facts_of("services/accounts/prisma/schema.prisma", R"(datasource db {
  provider = "postgresql"
}
model Customer {
  id    String @id
  // @@map("not_this")
  @@map("customers")
}
model Address {
  id String @id
}
)");
  CHECK(defined(f) == std::set<std::string>{"creates customers@4", "creates Address@9"});
  CHECK(f.tables.definitions[0].symbol == "Customer");
}

TEST_CASE("SQLAlchemy, SQLModel, Flask-SQLAlchemy and Django models", "[tables]") {
  auto f = table_facts_of("services/billing/app/models.py", R"(
from sqlalchemy import Table, Column, ForeignKey
from .base import Base

class Invoice(Base):
    """SELECT * FROM docstrings_are_not_sql"""
    __tablename__ = "invoices"
    __table_args__ = {"schema": "billing"}
    order_id = Column(ForeignKey("orders.id"))

class Hero(SQLModel, table=True):
    id: int

class AuditEntry(db.Model):
    id = db.Column(db.Integer)

ledger = Table("ledger", metadata, Column("id"))
mirror = Table("orders", metadata, autoload_with=engine)
)");
  CHECK(defined(f) == std::set<std::string>{"creates billing.invoices@7", "creates hero@11", "creates audit_entry@14",
                                            "creates ledger@17"});
  auto refs = referenced(f);
  CHECK(refs.count("fk orders@9"));
  CHECK(refs.count("model orders@18"));
  CHECK(refs.size() == 2);

  auto d = table_facts_of("services/shop/catalog/models.py", R"(
from django.db import models

class Product(models.Model):
    name = models.CharField(max_length=100)
    order = models.ForeignKey("orders.Order", on_delete=models.CASCADE)

class Legacy(models.Model):
    class Meta:
        db_table = "legacy_products"

class External(models.Model):
    class Meta:
        managed = False
        db_table = "customers"

class Base(models.Model):
    class Meta:
        abstract = True
)");
  CHECK(defined(d) == std::set<std::string>{"creates catalog_product@4", "creates legacy_products@8"});
  auto drefs = referenced(d);
  CHECK(drefs.count("model customers@12"));
  CHECK(drefs.count("fk symbol:Order@6"));
}

TEST_CASE("Alembic and Django migrations, Python queries and imports", "[tables]") {
  auto a = table_facts_of("services/billing/alembic/versions/0001_init.py", R"(
def upgrade():
    op.create_table("invoices", sa.Column("id", sa.Integer))
    op.add_column("orders", sa.Column("invoice_id", sa.Integer))
    op.create_index("ix_x", "payments", ["x"])
    op.create_foreign_key("fk", "invoices", "orders", ["order_id"], ["id"])
    op.execute("UPDATE customers SET tier = 'gold'")
)");
  CHECK(a.tables.migration);
  CHECK(defined(a) == std::set<std::string>{"creates invoices@3", "alters orders@4", "indexes payments@5",
                                            "alters invoices@6"});
  auto arefs = referenced(a);
  CHECK(arefs.count("fk orders@6"));
  CHECK(arefs.count("write customers@7"));

  auto m = table_facts_of("services/shop/catalog/migrations/0001_initial.py", R"(
class Migration(migrations.Migration):
    operations = [
        migrations.CreateModel(name="Product", fields=[]),
        migrations.AddField(model_name="order", name="x", field=None),
    ]
)");
  CHECK(defined(m) == std::set<std::string>{"creates catalog_product@4", "alters catalog_order@5"});

  auto q = table_facts_of("services/reports/app/queries.py", R"(
from sqlalchemy import select, text
from orders.models import Order
from ..models import Report
from app.util import Helper

def run(session):
    session.execute(select(Order).join(Report).where(Order.id == 1))
    session.query(Report).all()
    Order.objects.filter(id=1).update(x=1)
    session.execute(text("SELECT * FROM payments WHERE id = :id AND x = %(x)s"))
    cur.execute(f"SELECT * FROM {table_name} JOIN refunds r ON true")
)");
  auto refs = referenced(q);
  CHECK(refs.count("import symbol:Order@3"));
  CHECK_FALSE(refs.count("import symbol:Helper@5"));  // not a models module
  CHECK(refs.count("read symbol:Order@8"));
  CHECK(refs.count("read symbol:Report@8"));
  CHECK(refs.count("read symbol:Report@9"));
  CHECK(refs.count("write symbol:Order@10"));
  CHECK(refs.count("read payments@11"));
  CHECK(refs.count("read refunds@12"));
  const auto* order = ref_named(q, "Order");
  REQUIRE(order);
  CHECK(q.tables.module_of(*order) == "orders.models");
  CHECK(order->module_kind == ModuleKind::python_package);
}
