// Go table facts: SQL in Query/Exec strings (database/sql, pgx, sqlx), squirrel
// builders, gorm models and calls, goose and golang-migrate rollbacks.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "checks/facts/tables/table_facts.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;
using svc::test::table_facts_of;

namespace {

// "creates users@3 User" for every definition (the symbol when it has one).
std::set<std::string> defined(const FileFacts& f) {
  std::set<std::string> out;
  for (const auto& d : f.tables.definitions)
    out.insert(std::string(to_string(d.change)) + " " + d.table + "@" + std::to_string(d.span.begin.line) +
               (d.symbol.empty() ? "" : " " + d.symbol) + (d.rollback ? " (down)" : ""));
  return out;
}

// "read orders@3", "write symbol:User@7".
std::set<std::string> referenced(const FileFacts& f) {
  std::set<std::string> out;
  for (const auto& r : f.tables.references) {
    std::string access = r.access == TableAccess::read ? "read" : r.access == TableAccess::write ? "write" : "other";
    out.insert(access + " " + (r.target == RefTarget::symbol ? "symbol:" : "") + r.name + "@" +
               std::to_string(r.span.begin.line));
  }
  return out;
}

}  // namespace

TEST_CASE("go tables: SQL passed to database/sql, pgx and sqlx calls", "[tables][go]") {
  auto f = table_facts_of("svc/repo.go", R"go(package repo

func (r *Repo) Get(ctx context.Context, id string) error {
	row := r.db.QueryRowContext(ctx, "SELECT id FROM orders WHERE id = ?", id)
	_, err := r.pool.Exec(ctx, `
		UPDATE orders SET status = $1
		WHERE id = $2`, "paid", id)
	r.db.Select(&items, "select * from order_items where order_id = $1", id)
	r.db.Exec("INSERT INTO audit_log (msg) " +
		"VALUES ($1)", msg)
	log.Printf("select a plan from the list")
	return err
}
)go");
  auto refs = referenced(f);
  CHECK(refs.count("read orders@4"));
  CHECK(refs.count("write orders@6"));
  CHECK(refs.count("read order_items@8"));  // lower case in a SQL call
  CHECK(refs.count("write audit_log@9"));   // a + concatenation read as one statement
  CHECK(refs.size() == 4);                  // lower-case prose outside a SQL call is not SQL
}

TEST_CASE("go tables: squirrel builders and pgx CopyFrom", "[tables][go]") {
  auto f = table_facts_of("svc/repo.go", R"go(package repo

import sq "github.com/Masterminds/squirrel"

func (r *Repo) Store(ctx context.Context) {
	sql, args, _ := r.Builder.Insert("tasks").Columns("id").Values(1).ToSql()
	q := sq.Select("t.id").From("tasks t").LeftJoin("users u ON u.id = t.user_id")
	r.Pool.CopyFrom(ctx, pgx.Identifier{"history"}, cols, rows)
}
)go");
  auto refs = referenced(f);
  CHECK(refs.count("write tasks@6"));
  CHECK(refs.count("read tasks@7"));
  CHECK(refs.count("read users@7"));
  CHECK(refs.count("write history@8"));
}

TEST_CASE("go tables: gorm models by gorm's naming, TableName() overrides, calls", "[tables][go]") {
  auto f = table_facts_of("svc/models.go", R"go(package models

import "gorm.io/gorm"

type Base struct {
	ID uint `gorm:"primaryKey"`
}

type OrderItem struct {
	gorm.Model
	Qty int
}

type Category struct {
	Base
	Name string `gorm:"column:name"`
}

type Profile struct {
	UserID uint
}

func (Profile) TableName() string { return "user_profiles" }

type notAModel struct {
	Name string `json:"name"`
}

func list(db *gorm.DB, id uint) {
	var items []OrderItem
	db.Find(&items)
	p := &Profile{}
	db.Model(&Category{}).Where("id = ?", id).First(p)
	db.Create(&OrderItem{Qty: 1})
	db.Table("legacy_orders").Count(&n)
}
)go");
  auto defs = defined(f);
  CHECK(defs.count("creates order_items@9 OrderItem"));
  CHECK(defs.count("creates categories@14 Category"));
  CHECK(defs.count("creates user_profiles@23 Profile"));
  CHECK(defs.size() == 3);  // Base is embedded: columns, not a table; notAModel has no gorm tag
  auto refs = referenced(f);
  CHECK(refs.count("read symbol:OrderItem@31"));
  CHECK(refs.count("read symbol:Category@33"));
  CHECK(refs.count("read symbol:Profile@33"));
  CHECK(refs.count("write symbol:OrderItem@34"));
  CHECK(refs.count("read legacy_orders@35"));
}

TEST_CASE("go tables: migrations, down halves and goose Go migrations", "[tables][go]") {
  auto up = table_facts_of("svc/migrations/000001_orders.up.sql", "CREATE TABLE orders (id int);\n");
  auto down = table_facts_of("svc/migrations/000001_orders.down.sql", "DROP TABLE orders;\n");
  CHECK(defined(up) == std::set<std::string>{"creates orders@1"});
  CHECK(defined(down) == std::set<std::string>{"drops orders@1 (down)"});
  auto goose = table_facts_of("svc/db/migrations/20240101_orders.sql",
                              "-- +goose Up\nCREATE TABLE orders (id int);\n-- +goose Down\nDROP TABLE orders;\n");
  CHECK(defined(goose) == std::set<std::string>{"creates orders@2", "drops orders@4 (down)"});
  auto go = table_facts_of("svc/db/migrations/20240102_weight.go", R"go(package migrations

func upWeight(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders ADD COLUMN weight INTEGER")
	return err
}

func downWeight(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "ALTER TABLE orders DROP COLUMN weight")
	return err
}
)go");
  CHECK(go.tables.migration);
  CHECK(defined(go) == std::set<std::string>{"alters orders@4", "alters orders@9 (down)"});
}

TEST_CASE("go tables: test files and plain code name no tables", "[tables][go]") {
  CHECK_FALSE(wants_table_facts(SourceFile("svc/repo_test.go", Language::go, "var q = \"SELECT * FROM orders\"\n")));
  CHECK(table_facts_of("svc/main.go", "package main\nfunc main() { fmt.Println(\"hello\") }\n").tables.empty());
}
