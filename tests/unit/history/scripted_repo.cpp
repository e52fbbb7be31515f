#include "unit/history/scripted_repo.h"

#include <fmt/format.h>

#include "e2e/git_history.h"
#include "e2e/git_repo.h"

namespace svc::history::testing {
namespace {

e2e::Author at(int day, const char* name, const char* email) { return {name, email, kStart + day * kDay}; }

e2e::Author ana_old(int day) { return at(day, "ana", "ana.lima@old.example"); }
e2e::Author ana_new(int day) { return at(day, "Ana Lima", "ana@example.com"); }
e2e::Author bo(int day) { return at(day, "Bo Chen", "Bo.Chen@Example.COM"); }
e2e::Author cy(int day) { return at(day, "Cy Diaz", "cy@example.com"); }

}  // namespace

ScriptedRepo::ScriptedRepo() {
  const auto& dir = tree.path();
  { e2e::GitRepo init(dir); }
  const std::string mailmap = "Ana Lima <ana@example.com> <ana.lima@old.example>\n";
  tree.write_file(".mailmap", mailmap);  // libgit2 reads the work tree's copy
  tree.write_file("services/README.md", "services\n");  // the subfolder root must exist on disk

  root = e2e::commit_as(dir, ana_old(0),
                        {{".mailmap", mailmap},
                         {"services/orders/index.ts", "o"},
                         {"services/billing/index.ts", "b"},
                         {"packages/ui/index.ts", "u"}},
                        "start");
  bo1 = e2e::commit_as(dir, bo(1), {{"services/orders/a.ts", "1"}, {"services/billing/a.ts", "1"}}, "orders pay");
  bo2 = e2e::commit_as(dir, at(2, "bo chen", "bo.chen@example.com"),
                       {{"services/orders/b.ts", "1"}, {"services/billing/b.ts", "1"}, {"services/billing/c.ts", "1"}},
                       "refunds");
  ana = e2e::commit_as(dir, ana_new(3), {{"services/orders/a.ts", "2"}, {"services/billing/a.ts", "2"}}, "currency");
  cy1 = e2e::commit_as(dir, cy(4), {{"packages/ui/button.tsx", "1"}}, "button");
  cy2 = e2e::commit_as(dir, cy(5), {{"packages/ui/button.tsx", "2"}, {"services/orders/a.ts", "3"}}, "pay button");
  cy3 = e2e::commit_as(dir, cy(6), {{"packages/ui/card.tsx", "1"}}, "card");
  std::map<std::string, std::optional<std::string>> generated{{"services/orders/huge.ts", "1"}};
  for (int i = 0; i < 55; ++i) generated[fmt::format("packages/ui/gen/f{:02}.ts", i)] = "g";
  huge = e2e::commit_as(dir, ana_new(7), generated, "regenerate icons");
  e2e::create_branch(dir, "feature");
  feature = e2e::commit_as(dir, bo(8), {{"services/orders/c.ts", "1"}, {"services/billing/d.ts", "1"}}, "invoices",
                           "feature");
  cy4 = e2e::commit_as(dir, cy(9), {{"packages/ui/x.tsx", "1"}}, "x");
  merge = e2e::merge_into_head(dir, "feature", ana_new(10), "merge feature");
  bo3 = e2e::commit_as(dir, bo(11), {{"services/billing/c.ts", std::nullopt}, {"services/orders/b.ts", "2"}},
                       "drop c");
  docs = e2e::commit_as(dir, ana_new(12), {{"docs/readme.md", "d"}}, "docs");
  ana2 = e2e::commit_as(dir, ana_new(13), {{"packages/ui/button.tsx", "3"}}, "button again");
  empty = e2e::commit_as(dir, cy(14), {}, "retrigger CI");
}

std::string module_of(const std::string& path) {
  for (const char* top : {"services/", "packages/"}) {
    if (path.rfind(top, 0) != 0) continue;
    auto slash = path.find('/', std::string(top).size());
    return slash == std::string::npos ? "" : path.substr(0, slash);
  }
  return "";
}

}  // namespace svc::history::testing
