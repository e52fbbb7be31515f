#include "checks/facts/tables/table_facts.h"

#include <algorithm>
#include <cctype>
#include <iterator>

#include <re2/re2.h>

#include "checks/facts/routes/route_resolver.h"
#include "checks/syntax/syntax_tree.h"
#include "checks/facts/tables/table_sql.h"

namespace svc::engine {

// Defined per source kind in table_facts_{js,python,prisma,go}.cpp and table_facts_sql.cpp.
void extract_js_table_facts(const SyntaxTree& tree, TableFacts& out);
void extract_python_table_facts(const SyntaxTree& tree, TableFacts& out);
void extract_prisma_table_facts(const SourceFile& file, TableFacts& out);
void extract_go_table_facts(const SyntaxTree& tree, TableFacts& out);

bool is_model_origin(TableOrigin origin) {
  switch (origin) {
    case TableOrigin::knex:
    case TableOrigin::sequelize_migration:
    case TableOrigin::typeorm_migration:
    case TableOrigin::alembic:
    case TableOrigin::django_migration:
    case TableOrigin::sql: return false;
    default: return true;
  }
}

std::string_view to_string(TableOrigin origin) {
  switch (origin) {
    case TableOrigin::drizzle: return "Drizzle table";
    case TableOrigin::prisma: return "Prisma model";
    case TableOrigin::typeorm: return "TypeORM entity";
    case TableOrigin::sequelize: return "Sequelize model";
    case TableOrigin::sqlalchemy: return "SQLAlchemy model";
    case TableOrigin::sqlmodel: return "SQLModel model";
    case TableOrigin::django: return "Django model";
    case TableOrigin::knex: return "Knex migration";
    case TableOrigin::sequelize_migration: return "Sequelize migration";
    case TableOrigin::typeorm_migration: return "TypeORM migration";
    case TableOrigin::alembic: return "Alembic migration";
    case TableOrigin::django_migration: return "Django migration";
    case TableOrigin::sql: return "SQL DDL";
    case TableOrigin::mongoose: return "Mongoose model";
    case TableOrigin::gorm: return "gorm model";
  }
  return "definition";
}

void TableFacts::add_reference(std::string name, RefTarget target, TableAccess access, const std::string& module,
                               ModuleKind kind, int statement, SourceSpan span) {
  std::size_t index = 0;
  if (kind != ModuleKind::none) {
    index = std::find(modules.begin(), modules.end(), module) - modules.begin();
    if (index > UINT16_MAX) return;  // never in real code; a fact lost rather than a wrong one
    if (index == modules.size()) modules.push_back(module);
  }
  references.push_back({std::move(name), target, access, kind, static_cast<std::uint16_t>(index), statement, span});
}

const std::string& TableFacts::module_of(const TableReference& ref) const {
  static const std::string none;
  return ref.module_kind == ModuleKind::none || ref.module >= modules.size() ? none : modules[ref.module];
}

std::string_view to_string(TableChange change) {
  switch (change) {
    case TableChange::create: return "creates";
    case TableChange::alter: return "alters";
    case TableChange::drop: return "drops";
    case TableChange::index: return "indexes";
    case TableChange::rename: return "renames";
  }
  return "changes";
}

namespace {

// Words a code file needs before any extractor can find a table in it. The rules'
// prefilters also let files through for their database URLs (link facts): those are
// parsed for links, not walked for tables.
bool code_may_name_tables(const std::string& text, Language language) {
  static const char* const js[] = {
      "Table", "table", "Entity", "define(", ".init(", "knex", "from(", "From(", "Into(", "join(", "Join(",
      "insert(", "update(", "delete(", "prisma", "findMany", "findUnique", "findFirst", "findAll", "findOne",
      "findBy", "findAndCount", "bulkCreate", "destroy(", "Repository", "references", "queryInterface",
      "queryRunner", "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE", "MERGE",
      "sql", "SQL", "query(", "execute(", "raw(", "exec(", "run(", "/schema", "/models", "/entities", "/entity",
      "model(", "model<", "@Schema", "InjectModel", "super(", "collection(", "findById", "updateOne", "deleteOne",
      "countDocuments", "insertMany"};
  static const char* const py[] = {
      "__tablename__", "Table(", "table=True", ".Model", "op.", "migrations.", "select(", "insert(", "update(",
      "delete(", "query", "objects", "ForeignKey", "execute", "text(", "sql", "SQL", "SELECT", "INSERT",
      "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE", "MERGE", "models"};
  static const char* const go[] = {
      "gorm", "squirrel", "goqu", "Query", "Exec", "Select", "Get(", "Raw(", "CopyFrom", "TableName", "SELECT",
      "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "TRUNCATE", "MERGE"};
  auto any = [&](const auto& words) {
    return std::any_of(std::begin(words), std::end(words), [&](const char* w) { return text.find(w) != std::string::npos; });
  };
  return language == Language::python ? any(py) : language == Language::go ? any(go) : any(js);
}

}  // namespace

bool wants_table_facts(const SourceFile& file) {
  // Tests create throwaway tables and read anything: they are not product code.
  if (is_test_path(file.path())) return false;
  switch (file.language()) {
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
      return file.path().find(".d.ts") == std::string::npos && code_may_name_tables(file.text(), file.language());
    case Language::python:
    case Language::go: return code_may_name_tables(file.text(), file.language());
    case Language::sql:
    case Language::prisma: return true;
    default: return false;
  }
}

bool is_migration_file(const SourceFile& file) {
  static const RE2 folder(
      R"((^|/)(migrations?|alembic/versions|db/migrate|db/migration|drizzle|supabase/migrations)/)");
  if (RE2::PartialMatch(file.path(), folder)) return true;
  const std::string& text = file.text();
  static const RE2 ddl(R"((?i)\b(create|alter)\s+table\b)");
  if (file.language() == Language::sql) return RE2::PartialMatch(text, ddl);
  for (const char* marker : {"exports.up", "export async function up", "export function up", "def upgrade(",
                             "migrations.Migration", "implements MigrationInterface"})
    if (text.find(marker) != std::string::npos) return true;
  return false;
}

void extract_table_facts(const SourceFile& file, const SyntaxTree* tree, TableFacts& out) {
  switch (file.language()) {
    case Language::typescript:
    case Language::tsx:
    case Language::javascript:
      if (tree) extract_js_table_facts(*tree, out);
      break;
    case Language::python:
      if (tree) extract_python_table_facts(*tree, out);
      break;
    case Language::go:
      if (tree) extract_go_table_facts(*tree, out);
      break;
    case Language::sql: {
      SqlScan scan{file, out};
      if (tree) scan_sql_tree(scan, *tree);
      else scan_sql_fragment(scan, file.text(), 0);
      break;
    }
    case Language::prisma: extract_prisma_table_facts(file, out); break;
    default: break;
  }
  if (out.empty()) return;
  out.migration = is_migration_file(file);
  mark_rollbacks(file, tree, out);
  out.definitions.shrink_to_fit();
  out.references.shrink_to_fit();
  out.modules.shrink_to_fit();
}

std::string snake_case(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(name[i]);
    bool boundary = std::isupper(c) && i > 0 &&
                    (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                     (i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]))));
    if (boundary && out.back() != '_') out.push_back('_');
    out.push_back(static_cast<char>(std::tolower(c)));
  }
  return out;
}

std::string pluralize(std::string_view name) {
  std::string s(name);
  if (s.empty()) return s;
  auto ends = [&](std::string_view e) { return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0; };
  if (ends("y") && s.size() > 1 && std::string_view("aeiou").find(s[s.size() - 2]) == std::string_view::npos)
    return s.substr(0, s.size() - 1) + "ies";
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return s + "es";
  return s + "s";
}

std::string table_key(std::string_view name) {
  std::vector<std::string> parts(1);
  char quote = 0;
  for (char c : name) {
    if (quote) {
      if (c == quote) quote = 0;
      else parts.back().push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    } else if (c == '"' || c == '`') {
      quote = c;
    } else if (c == '[') {
      quote = ']';
    } else if (c == '.') {
      parts.emplace_back();
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      parts.back().push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  if (parts.size() > 1 && (parts.front() == "public" || parts.front() == "dbo")) parts.erase(parts.begin());
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + p;
  return out;
}

}  // namespace svc::engine
