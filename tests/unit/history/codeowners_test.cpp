// CODEOWNERS as GitHub and GitLab read it: which file, which rules, whose paths.
#include <catch2/catch.hpp>

#include "checks/history/codeowners.h"
#include "e2e/temp_tree.h"

using svc::history::CodeOwners;
using Owners = std::vector<std::string>;

TEST_CASE("codeowners: GitHub rules, the last match wins", "[history]") {
  auto owners = CodeOwners::parse(
      "# Default owners\n"
      "*       @acme/core\n"
      "\n"
      "*.js    @js-owner  # inline comment\n"
      "/apps/billing/  @acme/payments jane@example.com\n"
      "docs/*  docs@example.com\n"
      "logs/   @ops\n"
      "/build/generated  @build\n"
      "**/migrations  @dba\n"
      "apps/billing/vendor/\n",
      ".github/CODEOWNERS");
  CHECK(owners.file() == ".github/CODEOWNERS");
  REQUIRE(owners.rules().size() == 8);
  CHECK(owners.rules()[1].pattern == "*.js");
  CHECK(owners.rules()[1].owners == Owners{"@js-owner"});
  CHECK(owners.rules()[1].line == 4);
  CHECK(owners.rules()[2].owners == Owners{"@acme/payments", "jane@example.com"});
  CHECK(owners.rules()[7].owners.empty());

  CHECK(owners.owners_of("README.md") == Owners{"@acme/core"});
  CHECK(owners.owners_of("web/src/app.js") == Owners{"@js-owner"});  // a bare pattern, any depth
  CHECK(owners.owners_of("apps/billing/src/pay.ts") == Owners{"@acme/payments", "jane@example.com"});
  CHECK(owners.owners_of("apps/billing/src/pay.js") == Owners{"@acme/payments", "jane@example.com"});
  CHECK(owners.owners_of("x/apps/billing/pay.ts") == Owners{"@acme/core"});  // anchored at the root
  CHECK(owners.owners_of("docs/guide.md") == Owners{"docs@example.com"});
  CHECK(owners.owners_of("docs/api/guide.md") == Owners{"@acme/core"});  // docs/* owns direct files only
  CHECK(owners.owners_of("services/x/logs/today.txt") == Owners{"@ops"});  // a folder at any depth
  CHECK(owners.owners_of("services/logs") == Owners{"@acme/core"});      // a file named logs is not the folder
  CHECK(owners.owners_of("build/generated/a/b.ts") == Owners{"@build"});
  CHECK(owners.owners_of("db/orders/migrations/001.sql") == Owners{"@dba"});
  CHECK(owners.owners_of("apps/billing/vendor/lib.ts").empty());  // a rule without owners unsets them
}

TEST_CASE("codeowners: a folder's owners are those of the files directly inside it", "[history]") {
  auto owners = CodeOwners::parse("* @all\n/apps/billing/ @pay\n*.ts @ts\ndocs/* @docs\n", "CODEOWNERS");
  CHECK(owners.owners_of("apps/billing/") == Owners{"@pay"});
  CHECK(owners.owners_of("apps/billing") == Owners{"@all"});  // without the "/", a file of that name
  CHECK(owners.owners_of("apps/") == Owners{"@all"});
  CHECK(owners.owners_of("docs/") == Owners{"@docs"});
  CHECK(owners.owners_of("") == Owners{"@all"});
  CHECK(owners.owners_of("./apps/billing/x.ts") == Owners{"@ts"});
}

TEST_CASE("codeowners: GitLab sections and their default owners", "[history]") {
  auto owners = CodeOwners::parse(
      "* @everyone\n"
      "[Backend] @backend-team\n"
      "services/\n"
      "services/payments/ @payments\n"
      "^[Docs][2] @tech-writers\n"
      "*.md\n"
      "[Empty section]\n"
      "legacy/\n",
      ".gitlab/CODEOWNERS");
  REQUIRE(owners.rules().size() == 5);
  CHECK(owners.rules()[1].pattern == "services/");
  CHECK(owners.rules()[1].owners == Owners{"@backend-team"});
  CHECK(owners.rules()[1].line == 3);
  CHECK(owners.owners_of("services/orders/a.ts") == Owners{"@backend-team"});
  CHECK(owners.owners_of("services/payments/a.ts") == Owners{"@payments"});
  CHECK(owners.owners_of("services/orders/README.md") == Owners{"@tech-writers"});
  CHECK(owners.owners_of("legacy/a.ts").empty());
  CHECK(owners.owners_of("web/a.ts") == Owners{"@everyone"});
}

TEST_CASE("codeowners: the file is found where GitHub looks first", "[history]") {
  svc::e2e::TempTree tree;
  CHECK_FALSE(CodeOwners::read(tree.str()).has_value());
  tree.write_file("docs/CODEOWNERS", "* @docs-folder\n");
  tree.write_file("CODEOWNERS", "* @root\r\n");
  auto found = CodeOwners::read(tree.str());
  REQUIRE(found);
  CHECK(found->file() == "CODEOWNERS");
  CHECK(found->owners_of("a.ts") == Owners{"@root"});
  tree.write_file(".github/CODEOWNERS", "* @github\n");
  CHECK(CodeOwners::read(tree.str())->file() == ".github/CODEOWNERS");

  svc::e2e::TempTree gitlab;
  gitlab.write_file(".gitlab/CODEOWNERS", "[Section]\n* @gl\n");
  CHECK(CodeOwners::read(gitlab.str())->owners_of("x") == Owners{"@gl"});
}

TEST_CASE("codeowners: odd lines never break the parse", "[history]") {
  auto owners = CodeOwners::parse("[unclosed @x\n\\#notes.md @hash\n   \n\t# indented comment\n[\n^\n", "CODEOWNERS");
  CHECK(owners.owners_of("#notes.md") == Owners{"@hash"});
  CHECK(owners.rules().size() == 4);
}
