#include <catch2/catch.hpp>

#include "checks/dockerfile/dockerfile.h"
#include "checks/facts/links/link_facts.h"
#include "checks/syntax/documents.h"

using namespace svc::engine;

namespace {

LinkFacts links_of(const std::string& path, const std::string& text) {
  SourceFile file(path, classify_path(path), text);
  REQUIRE(wants_link_facts(file));
  Documents documents(file);
  auto dockerfile = file.language() == Language::dockerfile ? docker::parse(file) : nullptr;
  LinkFacts out;
  extract_link_facts(file, nullptr, dockerfile.get(), documents, out);
  return out;
}

}  // namespace

TEST_CASE("a probe's path is the URL path its command calls", "[links][probes]") {
  CHECK(probe_path("curl -f http://localhost:3000/ping || exit 1") == "/ping");
  CHECK(probe_path("wget -qO- localhost:8080/healthz") == "/healthz");
  CHECK(probe_path("curl --fail http://localhost:${PORT:-3000}/status?full=1") == "/status");
  CHECK(probe_path("python -c \"import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/up')\"") ==
        "/api/up");
  CHECK(probe_path("curl -f http://localhost:3000") == "/");
  CHECK(probe_path("wget -q -O /dev/null localhost:3000/ping") == "/ping");
  CHECK(probe_path("pg_isready -h localhost -U app").empty());
  CHECK(probe_path("grpc_health_probe -addr=:50051").empty());
  CHECK(probe_path("node healthcheck.js").empty());
}

TEST_CASE("compose healthchecks and Kubernetes probes are read with their processes", "[links][probes]") {
  auto compose = links_of("docker-compose.yml", R"(services:
  web:
    build: ./web
    healthcheck:
      test: ["CMD", "curl", "-f", "http://localhost:5000/flask-health-check"]
  worker:
    build: ./web
    healthcheck:
      test: ["CMD", "celery", "inspect", "ping"]
  off:
    build: ./web
    healthcheck:
      disable: true
      test: curl http://localhost/x
)");
  REQUIRE(compose.processes.size() == 3);
  REQUIRE(compose.processes[0].probes.size() == 1);
  CHECK(compose.processes[0].probes[0].path == "/flask-health-check");
  CHECK(compose.processes[0].probes[0].source == "the compose healthcheck of web");
  CHECK(compose.processes[1].probes.empty());
  CHECK(compose.processes[2].probes.empty());

  auto k8s = links_of("deploy/orders.yaml", R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: orders}
spec:
  template:
    spec:
      containers:
        - name: orders
          image: orders:1
          livenessProbe: {httpGet: {path: /live, port: 3000}}
          readinessProbe: {httpGet: {port: 3000}}
          startupProbe: {exec: {command: [sh, -c, "wget -qO- localhost:3000/started"]}}
)");
  REQUIRE(k8s.processes.size() == 1);
  const auto& probes = k8s.processes[0].probes;
  REQUIRE(probes.size() == 3);
  CHECK(probes[0].path == "/live");
  CHECK(probes[0].source == "the Kubernetes livenessProbe of orders");
  CHECK(probes[1].path == "/");
  CHECK(probes[2].path == "/started");
}

TEST_CASE("fly.toml checks name the paths fly probes", "[links][probes]") {
  auto fly = links_of("orders/fly.toml", R"(app = "orders"
[[http_service.checks]]
  path = "/up"
[[services]]
  [[services.http_checks]]
    path = "/ready"
)");
  REQUIRE(fly.probes.size() == 2);
  CHECK(fly.probes[0].path == "/up");
  CHECK(fly.probes[0].span.begin.line == 2);
  CHECK(fly.probes[1].path == "/ready");
  CHECK_FALSE(wants_link_facts(SourceFile("pyproject.toml", Language::toml, "")));
}

TEST_CASE("a Dockerfile's probe is the HEALTHCHECK its final stage inherits", "[links][probes]") {
  auto inherited = links_of("orders/Dockerfile",
                            "FROM node:22 AS base\nHEALTHCHECK CMD curl -f http://localhost:3000/ping\n"
                            "FROM base\nCMD [\"node\", \"server.js\"]\n");
  REQUIRE(inherited.probes.size() == 1);
  CHECK(inherited.probes[0].path == "/ping");
  CHECK(inherited.probes[0].source == "the Dockerfile HEALTHCHECK");
  CHECK(inherited.probes[0].span.begin.line == 2);
  auto opted_out = links_of("orders/Dockerfile",
                            "FROM node:22 AS base\nHEALTHCHECK CMD curl -f http://localhost:3000/ping\n"
                            "FROM base\nHEALTHCHECK NONE\n");
  CHECK(opted_out.probes.empty());
}
