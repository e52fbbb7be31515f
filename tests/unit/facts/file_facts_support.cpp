#include "unit/facts/file_facts_support.h"

#include <catch2/catch.hpp>

#include "checks/facts/routes/route_resolver.h"
#include "checks/syntax/syntax_tree.h"

namespace svc::test {

using namespace engine;

FileFacts route_facts_of(const std::string& path, const std::string& text) {
  SourceFile file(path, classify_path(path), text);
  auto tree = SyntaxTree::parse(file);
  REQUIRE(tree);
  FileFacts facts{path, 0, {}};
  extract_route_facts(*tree, facts.routes);
  return facts;
}

FileFacts table_facts_of(const std::string& path, const std::string& text, int service) {
  SourceFile file(path, classify_path(path), text);
  auto tree = SyntaxTree::parse(file);
  FileFacts facts;
  facts.path = path;
  facts.service = service;
  extract_table_facts(file, tree.get(), facts.tables);
  return facts;
}

std::vector<const FileFacts*> pointers_to(const std::vector<FileFacts>& files) {
  std::vector<const FileFacts*> out;
  for (const auto& f : files) out.push_back(&f);
  return out;
}

std::set<std::string> served_routes(const Service& service, const std::vector<FileFacts>& files, bool mark_partial) {
  ServiceRoutes routes(service, pointers_to(files));
  std::set<std::string> out;
  for (const auto& r : routes.routes()) out.insert(r.method + " " + r.path + (mark_partial && !r.rooted ? " (partial)" : ""));
  return out;
}

}  // namespace svc::test
