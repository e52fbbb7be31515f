#include <catch2/catch.hpp>

#include "checks/syntax/query.h"

using namespace svc::engine;

namespace {
std::vector<std::string> names(const Query& q, const SourceFile& file) {
  auto tree = SyntaxTree::parse(file);
  REQUIRE(tree);
  std::vector<std::string> out;
  q.for_each(*tree, [&](const QueryMatch& m) { out.emplace_back(tree->text(m["name"])); });
  return out;
}
}  // namespace

TEST_CASE("query predicates are applied by the engine", "[query]") {
  SourceFile file("a.ts", Language::typescript, "app.get('/a', h);\nrouter.post('/b', h);\nx.get(1);\n");
  Query eq(Language::typescript,
           R"((call_expression function: (member_expression object: (identifier) @name property: (property_identifier) @p)
               (#eq? @p "get")))");
  CHECK(names(eq, file) == std::vector<std::string>{"app", "x"});
  Query match(Language::typescript,
              R"((call_expression function: (member_expression object: (identifier) @name property: (property_identifier) @p)
                  (#match? @p "^(post|put)$")))");
  CHECK(names(match, file) == std::vector<std::string>{"router"});
  Query any(Language::typescript, R"(((identifier) @name (#any-of? @name "router" "x")))");
  CHECK(names(any, file) == std::vector<std::string>{"router", "x"});
  Query differs(Language::typescript, R"(((identifier) @name (#not-eq? @name "h")))");
  CHECK(names(differs, file) == std::vector<std::string>{"app", "router", "x"});
}

TEST_CASE("a bad query is a clear error", "[query]") {
  CHECK_THROWS_AS(Query(Language::python, "(no_such_node) @x"), QueryError);
}

TEST_CASE("string_value unquotes constants only", "[query]") {
  SourceFile file("a.py", Language::python, "a = 'x'\nb = f\"{y}\"\nc = \"\"\"doc\"\"\"\n");
  auto tree = SyntaxTree::parse(file);
  Query q(Language::python, "(assignment right: (string) @s)");
  std::vector<std::string> values;
  q.for_each(*tree, [&](const QueryMatch& m) { values.push_back(string_value(*tree, m["s"]).value_or("<none>")); });
  CHECK(values == std::vector<std::string>{"x", "<none>", "doc"});
}
