#include <catch2/catch.hpp>

#include <set>

#include "checks/facts/routes/route_resolver.h"
#include "checks/builtin/shared/route_versioning.h"
#include "checks/syntax/syntax_tree.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;

namespace {

using svc::test::pointers_to;
using svc::test::route_facts_of;

// "GET /api/v1/orders" for every Nest controller route whose full path is known.
std::set<std::string> nest_paths(const std::vector<FileFacts>& files) {
  Service service;
  service.path = ".";
  ServiceRoutes routes(service, pointers_to(files));
  NestRoutePaths nest(routes);
  std::set<std::string> out;
  for (const auto& r : routes.routes())
    if (auto full = nest.full_path(r)) out.insert(r.method + " " + *full);
  return out;
}

const char* kMain = R"(
import { NestFactory } from '@nestjs/core'
async function bootstrap() {
  const app = await NestFactory.create(AppModule)
  %s
  await app.listen(3000)
}
)";

std::string main_with(const std::string& setup) {
  std::string text = kMain;
  return text.replace(text.find("%s"), 2, setup);
}

const char* kController = R"(
@Controller('orders')
export class OrdersController {
  @Get() @Version('1') list() {}
  @Version(['2', '3'])
  @Get(':id') get() {}
  @Get('export') exportAll() {}
  @Version(VERSION_NEUTRAL) @Get('legacy') legacy() {}
}
@Controller({ path: 'customers', version: '2' })
export class CustomersController { @Get() list() {} }
@Controller('health')
export class HealthController { @Get() check() {} }
)";

}  // namespace

TEST_CASE("version segments", "[routes][versioning]") {
  for (const char* yes : {"v1", "v2", "v10", "V3", "v1beta1", "v2alpha", "v1.1"}) CHECK(is_version_segment(yes));
  for (const char* no : {"v", "v1:orders", "vendors", "version1", "1", "v1-orders", "api"})
    CHECK_FALSE(is_version_segment(no));
  CHECK(has_version_segment("/api/v1/orders"));
  CHECK(has_version_segment("/v2"));
  CHECK(has_version_segment("/:version/orders"));
  CHECK(has_version_segment("/{api_version}/orders"));
  CHECK(has_version_segment("/<string:version>/orders"));
  CHECK_FALSE(has_version_segment("/orders/v1:batch"));
  CHECK_FALSE(has_version_segment("/orders/:id"));
  CHECK_FALSE(has_version_segment("/"));
}

TEST_CASE("exempt path globs", "[routes][versioning]") {
  CHECK(path_glob_matches("/", "/"));
  CHECK_FALSE(path_glob_matches("/", "/orders"));
  CHECK(path_glob_matches("**/metrics", "/metrics"));
  CHECK(path_glob_matches("**/metrics", "/internal/metrics"));
  CHECK_FALSE(path_glob_matches("**/metrics", "/metrics/x"));
  CHECK(path_glob_matches("**/swagger*", "/api/swagger-ui"));
  CHECK(path_glob_matches("/static/**", "/static/css/site.css"));
  CHECK(path_glob_matches("/static/**", "/static"));
  CHECK(path_glob_matches("/webhooks/s?ripe", "/webhooks/stripe"));
  CHECK_FALSE(path_glob_matches("/docs", "/docs2"));
}

TEST_CASE("Nest paths: no prefix, no versioning", "[routes][versioning]") {
  auto paths = nest_paths({route_facts_of("src/main.ts", main_with("")), route_facts_of("src/orders.controller.ts", kController)});
  CHECK(paths.count("GET /orders"));
  CHECK(paths.count("GET /orders/export"));
  CHECK(paths.count("GET /customers"));
  CHECK(paths.count("GET /health"));
}

TEST_CASE("Nest paths: global prefix with exclusions", "[routes][versioning]") {
  auto paths = nest_paths({route_facts_of("src/main.ts", main_with("app.setGlobalPrefix('api/v1', { exclude: ['health'] })")),
                           route_facts_of("src/orders.controller.ts", kController)});
  CHECK(paths.count("GET /api/v1/orders"));
  CHECK(paths.count("GET /api/v1/orders/export"));
  CHECK(paths.count("GET /health"));
}

TEST_CASE("Nest paths: URI versioning", "[routes][versioning]") {
  auto setup = "app.setGlobalPrefix('api')\n  app.enableVersioning({ type: VersioningType.URI })";
  auto paths = nest_paths({route_facts_of("src/main.ts", main_with(setup)), route_facts_of("src/orders.controller.ts", kController)});
  CHECK(paths.count("GET /api/v1/orders"));
  CHECK(paths.count("GET /api/v2/orders/:id"));
  CHECK(paths.count("GET /api/orders/export"));
  CHECK(paths.count("GET /api/orders/legacy"));
  CHECK(paths.count("GET /api/v2/customers"));
}

TEST_CASE("Nest paths: default version and prefix", "[routes][versioning]") {
  auto setup = "app.enableVersioning({ defaultVersion: '1', prefix: 'ver' })";
  auto paths = nest_paths({route_facts_of("src/main.ts", main_with(setup)), route_facts_of("src/orders.controller.ts", kController)});
  CHECK(paths.count("GET /ver1/orders/export"));
  CHECK(paths.count("GET /ver2/customers"));
  CHECK(paths.count("GET /orders/legacy"));
}

TEST_CASE("Nest paths: header versioning keeps the version out of the path", "[routes][versioning]") {
  auto setup = "app.enableVersioning({ type: VersioningType.HEADER, header: 'X-V' })";
  auto paths = nest_paths({route_facts_of("src/main.ts", main_with(setup)), route_facts_of("src/orders.controller.ts", kController)});
  CHECK(paths.count("GET /orders"));
  CHECK(paths.count("GET /customers"));
}

TEST_CASE("Nest paths stay unknown when they cannot be read", "[routes][versioning]") {
  auto controller = route_facts_of("src/orders.controller.ts", kController);
  CHECK(nest_paths({controller}).empty());  // no NestFactory.create seen
  auto dynamic = route_facts_of("src/main.ts", main_with("app.setGlobalPrefix(config.get('PREFIX'))"));
  CHECK(nest_paths({dynamic, controller}).empty());
  CHECK(nest_paths({route_facts_of("src/main.ts", main_with("")), controller,
                    route_facts_of("src/app.module.ts", "RouterModule.register([{ path: 'v1', module: OrdersModule }])")})
            .empty());
  // A version held in a constant svc does not read is a version, not "none".
  auto versioned =
      route_facts_of("src/x.controller.ts", "@Controller('x')\nexport class X { @Version(API_VERSION) @Get() a() {} }");
  CHECK(nest_paths({route_facts_of("src/main.ts", main_with("app.enableVersioning()")), versioned}).empty());
}

TEST_CASE("Nest versions in JavaScript (decorators inside the method)", "[routes][versioning]") {
  auto controller = route_facts_of("src/orders.controller.js", R"(
@Controller('orders')
export class OrdersController {
  @Version('1')
  @Get()
  list() {}
  @Get('export')
  exportAll() {}
}
)");
  auto paths = nest_paths({route_facts_of("src/main.js", main_with("app.enableVersioning()")), controller});
  CHECK(paths.count("GET /v1/orders"));
  CHECK(paths.count("GET /orders/export"));
}

TEST_CASE("Express mount prefixes held in expressions stay unknown", "[routes][versioning]") {
  auto app = route_facts_of("app.js", R"(
const express = require('express')
const app = express()
const legacy = express.Router()
legacy.get('/orders', h)
app.use(config.apiPrefix, legacy)
)");
  Service service;
  service.path = ".";
  ServiceRoutes routes(service, {&app});
  REQUIRE(routes.routes().size() == 1);
  CHECK_FALSE(routes.routes()[0].rooted);
}
