// Which folders are services: discovery over a workspace (libraries are not services),
// and `.svc.yaml` `services:` refining it, adding to it, or replacing it.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
using nlohmann::json;

namespace {

json audit_json(const TempTree& tree) {
  auto r = run_svc({"audit", tree.str(), "--format", "json", "--fail-on", "never", "--no-cache"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  return json::parse(r.out);
}

// path -> "discovered", "declared" or "discovered+declared"
std::map<std::string, std::string> sources(const json& report) {
  std::map<std::string, std::string> out;
  for (const auto& s : report["services"]) {
    std::string how = s["discovered"].get<bool>() ? "discovered" : "";
    if (s["declared"].get<bool>()) how += how.empty() ? "declared" : "+declared";
    out[s["path"].get<std::string>()] = how;
  }
  return out;
}

// apps/api and apps/worker deploy; packages/queue names bullmq but only the apps import it;
// the root declares the workspace.
void write_workspace(TempTree& tree) {
  tree.write_file("pnpm-workspace.yaml", "packages:\n  - apps/*\n  - packages/*\n");
  // The root holds every package's tools (Express for some package's tests) and a
  // development-environment image: neither makes it a service.
  tree.write_file("package.json",
                  R"({"name": "shop", "private": true, "workspaces": ["apps/*", "packages/*"],
                      "devDependencies": {"express": "^4.21.0"}})");
  tree.write_file(".gitpod.dockerfile", "FROM gitpod/workspace-full\n");
  tree.write_file(".devcontainer/Dockerfile", "FROM mcr.microsoft.com/devcontainers/typescript-node\n");
  tree.write_file("apps/api/package.json",
                  R"({"name": "@shop/api", "scripts": {"start": "node dist/index.js"},
                      "dependencies": {"hono": "^4.6.0", "@shop/queue": "workspace:*"}})");
  tree.write_file("apps/api/src/index.ts", "import { Hono } from 'hono';\nexport default new Hono();\n");
  tree.write_file("apps/worker/package.json",
                  R"({"name": "@shop/worker", "dependencies": {"bullmq": "^5.0.0", "@shop/queue": "workspace:*"}})");
  tree.write_file("apps/worker/Dockerfile", "FROM node:22-slim\nUSER node\nCMD [\"node\", \"dist/worker.js\"]\n");
  // A `start` that only rebuilds on change deploys nothing.
  tree.write_file("packages/queue/package.json",
                  R"({"name": "@shop/queue", "scripts": {"start": "npm run watch:build", "watch:build": "tsc -w"},
                      "dependencies": {"bullmq": "^5.0.0"}})");
  tree.write_file("packages/queue/src/index.ts", "import { Queue } from 'bullmq';\nexport const q = new Queue('mail');\n");
}

}  // namespace

TEST_CASE("discovery: a workspace package only other packages import is a library, and the workspace root is no service",
          "[e2e][discovery]") {
  TempTree tree;
  write_workspace(tree);
  json report = audit_json(tree);
  CHECK(sources(report) == std::map<std::string, std::string>{{"apps/api", "discovered"}, {"apps/worker", "discovered"}});
  REQUIRE(report["libraries"].size() == 1);
  CHECK(report["libraries"][0]["name"] == "@shop/queue");
  CHECK(report["libraries"][0]["path"] == "packages/queue");

  SECTION("a Dockerfile makes it deployed again") {
    tree.write_file("packages/queue/Dockerfile", "FROM node:22-slim\nUSER node\nCMD [\"node\", \"index.js\"]\n");
    json again = audit_json(tree);
    CHECK(sources(again).count("packages/queue") == 1);
    CHECK(again["libraries"].empty());
  }
}

TEST_CASE("discovery: .svc.yaml services refine what discovery finds and add what it missed",
          "[e2e][discovery]") {
  TempTree tree;
  write_workspace(tree);
  tree.write_file("legacy/app.py", "print('hi')\n");
  tree.write_file(".svc.yaml", "services:\n  - name: storefront\n    path: apps/api/\n    owns: [orders]\n"
                               "  - name: legacy\n    path: legacy\n");
  json report = audit_json(tree);
  CHECK(sources(report) == std::map<std::string, std::string>{{"apps/api", "discovered+declared"},
                                                               {"apps/worker", "discovered"},
                                                               {"legacy", "declared"}});
  for (const auto& s : report["services"])
    if (s["path"] == "apps/api") CHECK(s["name"] == "storefront");

  auto text = run_svc({"audit", tree.str(), "--fail-on", "never", "--no-cache", "--color", "never"});
  CHECK(text.out.find("in 3 services (2 from .svc.yaml)") != std::string::npos);
}

TEST_CASE("discovery: discover: false makes the services list the only services", "[e2e][discovery]") {
  TempTree tree;
  write_workspace(tree);
  tree.write_file(".svc.yaml", "discover: false\nservices:\n  - name: api\n    path: apps/api\n");
  CHECK(sources(audit_json(tree)) == std::map<std::string, std::string>{{"apps/api", "declared"}});

  SECTION("without a list it is a configuration error") {
    tree.write_file(".svc.yaml", "discover: false\n");
    auto r = run_svc({"audit", tree.str(), "--no-cache"});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(".svc.yaml:1:11: discover: false needs a services: list") != std::string::npos);
  }
}
