#include <catch2/catch.hpp>

#include <map>

#include "checks/workspace/config.h"
#include "checks/workspace/manifests.h"
#include "checks/workspace/services.h"
#include "checks/workspace/workspace.h"
#include "tests/e2e/temp_tree.h"

using namespace svc::engine;
using svc::e2e::TempTree;

TEST_CASE("go.mod: required modules without their major version and the module's last element as name", "[manifests]") {
  std::string name;
  auto deps = go_mod_dependencies(R"(module github.com/acme/shop/services/orders/v2

go 1.22

require github.com/go-chi/chi/v5 v5.0.12

require (
	github.com/jackc/pgx/v5 v5.5.0 // indirect
	"golang.org/x/sync" v0.6.0
)
)",
                                  &name);
  CHECK(deps == std::set<std::string>{"github.com/go-chi/chi", "github.com/jackc/pgx", "golang.org/x/sync"});
  CHECK(name == "orders");
  CHECK(go_mod_dependencies("not a go.mod").empty());
}

TEST_CASE("Go modules that serve HTTP or gRPC are services, a library module is not", "[services]") {
  TempTree tree;
  tree.write_file("services/orders/go.mod", "module example.com/orders\n\nrequire github.com/gin-gonic/gin v1.9.1\n");
  tree.write_file("services/orders/cmd/orders/main.go", "package main\nfunc main() {}\n");
  tree.write_file("services/orders/internal/api/api.go", "package api\n");
  tree.write_file("services/gateway/go.mod", "module example.com/gateway\n\ngo 1.22\n");
  tree.write_file("services/gateway/main.go", R"(package main

import "net/http"

func main() {
	mux := http.NewServeMux()
	http.ListenAndServe(":8080", mux)
}
)");
  tree.write_file("services/gateway/main_test.go", "package main\n");
  tree.write_file("services/catalog/go.mod", "module example.com/catalog\nrequire google.golang.org/grpc v1.62.0\n");
  tree.write_file("services/catalog/cmd/catalog/main.go", "package main\n\nfunc main() {\n}\n");
  // Generated protobuf code in a module of its own: it requires gRPC but builds no program.
  tree.write_file("services/catalog/genproto/go.mod", "module example.com/catalog/genproto\nrequire google.golang.org/grpc v1.62.0\n");
  tree.write_file("services/catalog/genproto/catalog.pb.go", "package genproto\n");
  tree.write_file("libs/money/go.mod", "module example.com/money\n");
  tree.write_file("libs/money/money.go", "package money\n\nimport \"net/http\"\n\nvar Client = http.DefaultClient\n");
  Workspace ws(tree.str(), {});
  ServiceMap map = discover_services(ws, Config{});
  std::map<std::string, const Service*> by_path;
  for (const auto& s : map.services()) by_path[s.path] = &s;
  REQUIRE(by_path.size() == 3);
  const Service& orders = *by_path.at("services/orders");
  CHECK(orders.uses("gin"));
  CHECK(orders.language == "go");
  CHECK(orders.name == "orders");
  CHECK(orders.go_module == "example.com/orders");
  CHECK(orders.anchor_file() == "services/orders/cmd/orders/main.go");
  const Service& gateway = *by_path.at("services/gateway");
  CHECK(gateway.uses("net/http"));
  CHECK(gateway.is_http());
  CHECK(gateway.anchor_file() == "services/gateway/main.go");
  CHECK(by_path.at("services/catalog")->uses("grpc"));
}
