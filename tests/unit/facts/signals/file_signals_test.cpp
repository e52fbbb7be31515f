// Signals of files without code (notebooks, Go, vercel.json, OpenAPI documents,
// Kubernetes CronJobs), Python's data libraries, and which files are read at all.
#include <catch2/catch.hpp>

#include "checks/engine/runner.h"
#include "checks/core/rule_catalog.h"
#include "e2e/temp_tree.h"
#include "unit/facts/signals/signals_of.h"

using namespace svc::engine;
using svc::e2e::TempTree;
using svc::test::describe;
using svc::test::notes_of;
using svc::test::signals_of;
using Notes = std::vector<std::string>;

TEST_CASE("signals: notebooks, Go modules and Go programs", "[signals]") {
  auto nb = signals_of("research/churn.ipynb", R"({"cells": [], "metadata": {}, "nbformat": 4})");
  REQUIRE(nb.size() == 1);
  CHECK(nb[0].kind == SignalKind::notebook);
  CHECK(nb[0].span.begin.line == 1);
  CHECK(notes_of(signals_of("services/checker/go.mod", "module github.com/acme/checker\n\ngo 1.22\n"),
                 SignalKind::go_module) == Notes{"module github.com/acme/checker"});
  auto program = signals_of("services/checker/cmd/main.go", "// Command checker.\npackage main\n\nfunc main() {}\n");
  CHECK(notes_of(program, SignalKind::go_module) == Notes{"Go program (func main)"});
  CHECK(program.at(0).span.begin.line == 4);
  // A library package, another file of the program's package and a Go test are no program.
  CHECK(signals_of("services/checker/http.go", "package checker\n").empty());
  CHECK(signals_of("services/checker/cmd/handlers.go", "package main\n\nfunc handle() {}\n").empty());
  CHECK(signals_of("services/checker/main_test.go", "package main\n\nfunc main() {}\n").empty());
}

TEST_CASE("signals: vercel.json crons on the line of each entry, and its CORS headers", "[signals]") {
  auto s = signals_of("apps/web/vercel.json", R"json({
  "crons": [
    { "path": "/api/cron/digest", "schedule": "0 9 * * *" },
    {
      "path": "/api/cron/cleanup",
      "schedule": "0 3 * * *"
    }
  ],
  "headers": [{ "source": "/api/(.*)", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "*" }] }]
})json");
  INFO(describe(s));
  REQUIRE(notes_of(s, SignalKind::cron) == Notes{"vercel.json crons: /api/cron/digest", "vercel.json crons: /api/cron/cleanup"});
  CHECK(s[0].span.begin.line == 3);
  CHECK(s[1].span.begin.line == 5);
  CHECK(notes_of(s, SignalKind::cors) == Notes{"vercel.json headers: Access-Control-Allow-Origin"});
  CHECK(signals_of("apps/web/vercel.json", R"({"framework": "nextjs"})").empty());
}

TEST_CASE("signals: OpenAPI documents by name or by their version key", "[signals]") {
  auto named = signals_of("docs/openapi.yaml", "# Public API\nopenapi: 3.1.0\ninfo:\n  title: Acme\n");
  REQUIRE(named.size() == 1);
  CHECK(named[0].kind == SignalKind::openapi_document);
  CHECK(named[0].span.begin.line == 2);
  CHECK(notes_of(signals_of("api/spec.json", R"({"swagger": "2.0", "info": {}})"), SignalKind::openapi_document) ==
        Notes{"OpenAPI document spec.json"});
  // A YAML file that merely mentions OpenAPI is not one.
  CHECK(signals_of("config/api.yaml", "generator:\n  openapi: ./spec.yaml\n").empty());
}

TEST_CASE("signals: Kubernetes CronJobs with their schedule", "[signals]") {
  auto s = signals_of("deploy/k8s/digest.yaml", R"(apiVersion: batch/v1
kind: CronJob
metadata:
  name: digest
spec:
  schedule: "0 9 * * *"
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::cron) == Notes{"Kubernetes CronJob: 0 9 * * *"});
  CHECK(s[0].span.begin.line == 2);
  CHECK(signals_of("deploy/k8s/api.yaml", "kind: Deployment\nmetadata:\n  name: CronJobRunner\n").empty());
}

TEST_CASE("signals: Python data and ML libraries, as imported", "[signals]") {
  auto s = signals_of("services/forecast/model.py", R"(import numpy as np
import pandas as pd, os
from sklearn.linear_model import LinearRegression
import pandas_helpers
from .pandas import frame
)");
  INFO(describe(s));
  CHECK(notes_of(s, SignalKind::python_data_lib) == Notes{"import numpy", "import pandas", "import sklearn"});
}

TEST_CASE("signals: tests and files without a signal's words are not read for signals", "[signals]") {
  CHECK(signals_of("tests/e2e/webhook.test.ts", "stripe.webhooks.constructEvent(body, sig, secret)\n").empty());
  CHECK(signals_of("tests/test_api.py", "import pandas\n").empty());
  SourceFile plain("src/math.ts", Language::typescript, "export const add = (a: number, b: number) => a + b\n");
  CHECK_FALSE(wants_signal_facts(plain));
}

TEST_CASE("signals: an audit collecting signals reads notebooks and Go files, large notebooks too", "[signals]") {
  TempTree tree;
  tree.write_file("research/small.ipynb", R"({"cells": []})");
  tree.write_file("research/large.ipynb", "{\"cells\": [\"" + std::string(3 * 1024 * 1024, 'x') + "\"]}");
  tree.write_file("services/checker/go.mod", "module example.com/checker\n");
  tree.write_file("services/checker/main.go", "package main\nfunc main() {}\n");
  tree.write_file("README.md", "# notes\n");
  AuditOptions options;
  options.root = tree.str();
  options.collect_facts = {"signals"};
  options.disable = RuleCatalog::builtin().ids();
  options.jobs = 1;
  AuditResult result = run_audit(options);
  std::map<std::string, std::string> found;  // path -> kind
  for (const auto& f : result.facts)
    for (const auto& s : f.signals.signals) found[f.path] = std::string(to_string(s.kind));
  CHECK(found == std::map<std::string, std::string>{{"research/large.ipynb", "notebook"},
                                                    {"research/small.ipynb", "notebook"},
                                                    {"services/checker/go.mod", "go-module"},
                                                    {"services/checker/main.go", "go-module"}});
  CHECK(result.skipped.too_large == 1);

  // Without signals collected, notebooks and go.mod are not read at all; main.go is
  // Go source, which route facts read.
  options.collect_facts = {"routes"};
  CHECK(run_audit(options).read == 1);
}
