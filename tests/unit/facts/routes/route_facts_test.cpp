#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>

#include "checks/builtin/shared/health_routes.h"
#include "checks/facts/routes/route_resolver.h"
#include "checks/syntax/code_syntax.h"
#include "checks/engine/runner.h"
#include "checks/syntax/syntax_tree.h"
#include "unit/facts/file_facts_support.h"

namespace fs = std::filesystem;
using namespace svc::engine;

namespace {

using svc::test::pointers_to;
using svc::test::route_facts_of;

// "GET /health" for every route the service serves, after cross-file resolution.
std::set<std::string> served(const std::vector<FileFacts>& files) {
  Service service;
  service.path = ".";
  return svc::test::served_routes(service, files);
}

std::optional<bool> touches(const std::vector<FileFacts>& files, const std::string& route) {
  Service service;
  service.path = ".";
  ServiceRoutes routes(service, pointers_to(files));
  for (const auto& r : routes.routes())
    if (r.method + " " + r.path == route) return routes.handler_touches_dependency(r);
  FAIL("no route " << route);
  return std::nullopt;
}

}  // namespace

TEST_CASE("Hono facts: apps, basePath, chained routes and mounts", "[routes]") {
  auto f = route_facts_of("src/index.ts", R"(
import { Hono } from 'hono'
import users from './routes/users'
const app = new Hono().basePath('/api')
const v1 = app.basePath('/v1')
app.get('/health', (c) => c.json({ ok: true })).post('/echo', (c) => c.json({}))
v1.route('/users', users)
export default app
)");
  const auto& r = f.routes;
  REQUIRE(r.containers.size() == 2);
  CHECK(r.containers[0].name == "app");
  CHECK(r.containers[0].prefix == "/api");
  CHECK(r.containers[1].name == "v1");
  REQUIRE(r.routes.size() == 2);
  CHECK(r.routes[0].method == "GET");
  CHECK(r.routes[0].path == "/health");
  CHECK(r.routes[0].span.begin.line == 6);
  CHECK(r.routes[1].method == "POST");
  REQUIRE(r.servers.size() == 1);
  CHECK(r.servers[0].text == "new Hono()");
  REQUIRE(r.imports.size() == 1);
  CHECK(r.imports[0].kind == ImportKind::default_export);
  REQUIRE(r.exports.size() == 1);
  CHECK(r.exports[0].exported == "default");
  CHECK(r.exports[0].local == "app");
  bool mounted_users = false;
  for (const auto& m : r.mounts) mounted_users = mounted_users || (m.child.name == "users" && m.prefix == "/users");
  CHECK(mounted_users);
}

TEST_CASE("a path in a comment, a log line or a fetch URL is no route", "[routes]") {
  auto f = route_facts_of("src/index.ts", R"(
import axios from 'axios'
// app.get('/health', ok)
const app = new Hono()
app.get('/v1/x', async (c) => {
  console.log('GET /health')
  await fetch('http://other/health')
  await axios.get('/health', { timeout: 5 })
  return c.json({})
})
)");
  REQUIRE(f.routes.routes.size() == 1);
  CHECK(f.routes.routes[0].path == "/v1/x");
}

TEST_CASE("path constants resolve, other path expressions stay names", "[routes]") {
  auto f = route_facts_of("server.js", R"(
const HEALTH = '/healthz'
const app = express()
app.get(HEALTH, (req, res) => res.send('ok'))
app.get(config.readyPath, ready)
app.route('/orders').get(list).post(create)
)");
  const auto& r = f.routes.routes;
  REQUIRE(r.size() == 4);
  CHECK(r[0].path == "/healthz");
  CHECK_FALSE(r[0].dynamic_path);
  CHECK(r[1].path == "{config.readyPath}");
  CHECK(r[1].dynamic_path);
  CHECK(r[1].handler.ref.name == "ready");
  CHECK(r[2].path == "/orders");
  CHECK(r[3].method == "POST");
}

TEST_CASE("plugins: routes on a function's parameter", "[routes]") {
  SECTION("counted once mounted or declared a framework instance") {
    std::vector<FileFacts> files{route_facts_of("a.ts", R"(
const app = new Hono()
function mountProbes(app: Hono) { app.get('/livez', (c) => c.text('ok')) }
function pingUpstream(client) { return client.get('/health', {}) }
export async function plugin(fastify, opts) { fastify.get('/readyz', async () => 1) }
)")};
    CHECK(served(files) == std::set<std::string>{"GET /livez", "GET /readyz"});
  }
  SECTION("an untyped one counts when a container is handed to it") {
    std::vector<FileFacts> files{route_facts_of("a.py", R"(
app = Flask(__name__)
def register(app):
    @app.route("/health")
    def health():
        return "ok"
register(app)
)")};
    CHECK(served(files) == std::set<std::string>{"GET /health"});
  }
}

TEST_CASE("Python facts: routers, decorated routes, mounts and imports", "[routes]") {
  auto f = route_facts_of("app/main.py", R"(
from fastapi import FastAPI, APIRouter
from .routers import health
router = APIRouter(prefix="/items")

@router.get("/{id}")
async def item(id: int):
    return {}

app = FastAPI()
app.include_router(health.router, prefix="/ops")
app.include_router(router)
)");
  const auto& r = f.routes;
  REQUIRE(r.containers.size() == 2);
  CHECK(r.containers[0].name == "router");
  CHECK(r.containers[0].prefix == "/items");
  CHECK(r.containers[1].kind == ContainerKind::app);
  REQUIRE(r.routes.size() == 1);
  CHECK(r.routes[0].path == "/{id}");
  CHECK(r.routes[0].span.begin.line == 6);
  REQUIRE(r.mounts.size() == 2);
  CHECK(r.mounts[0].child.name == "health");
  CHECK(r.mounts[0].child.member == "router");
  CHECK(r.mounts[0].prefix == "/ops");
  CHECK(r.imports.size() == 3);
}

TEST_CASE("mount prefixes resolve across the files of a service", "[routes]") {
  SECTION("Hono sub-app mounted from another file") {
    std::vector<FileFacts> files{
        route_facts_of("src/index.ts", "import health from './routes/health.js'\nconst app = new Hono()\n"
                                 "app.route('/health', health)\nexport default app\n"),
        route_facts_of("src/routes/health.ts", "const h = new Hono()\nh.get('/', (c) => c.text('ok'))\nexport default h\n")};
    CHECK(served(files) == std::set<std::string>{"GET /health"});
  }
  SECTION("Express router exported with module.exports") {
    std::vector<FileFacts> files{
        route_facts_of("app.js", "const app = express()\napp.use('/api', require('./api'))\n"),
        route_facts_of("api/index.js", "const r = express.Router()\nr.get('/healthz', h)\nmodule.exports = r\n")};
    CHECK(served(files) == std::set<std::string>{"GET /api/healthz"});
  }
  SECTION("FastAPI router with its own prefix, imported as a submodule") {
    std::vector<FileFacts> files{
        route_facts_of("app/main.py", "from .routers import health\napp = FastAPI()\napp.include_router(health.router)\n"),
        route_facts_of("app/routers/health.py",
                 "router = APIRouter(prefix='/health')\n@router.get('')\ndef h():\n  return 1\n")};
    CHECK(served(files) == std::set<std::string>{"GET /health"});
  }
  SECTION("Flask url_prefix at registration replaces the blueprint's") {
    std::vector<FileFacts> files{
        route_facts_of("app/__init__.py", "from app.probes import bp\napp = Flask(__name__)\n"
                                    "app.register_blueprint(bp, url_prefix='/health')\n"),
        route_facts_of("app/probes.py", "bp = Blueprint('p', __name__, url_prefix='/x')\n@bp.route('/live')\ndef live():\n  "
                                  "return 'ok'\n")};
    CHECK(served(files) == std::set<std::string>{"GET /health/live"});
  }
  SECTION("Fastify plugin registered with a prefix") {
    std::vector<FileFacts> files{
        route_facts_of("src/server.ts", "import probes from './probes'\nconst app = Fastify()\n"
                                  "app.register(probes, { prefix: '/v1' })\n"),
        route_facts_of("src/probes.ts", "export default async function (f) {\n  f.get('/readyz', async () => 1)\n}\n")};
    CHECK(served(files) == std::set<std::string>{"GET /v1/readyz"});
  }
}

TEST_CASE("health handlers: what touches a dependency", "[routes]") {
  SECTION("a constant answer does not") {
    std::vector<FileFacts> files{
        route_facts_of("a.ts", "const app = new Hono()\napp.get('/health', (c) => c.json({ ok: 1 }))\n")};
    CHECK(touches(files, "GET /health") == std::optional<bool>(false));
  }
  SECTION("a query does, also one call down") {
    std::vector<FileFacts> files{route_facts_of("a.ts",
                                          "const app = new Hono()\nfunction status() { return pool.query('x') }\n"
                                          "app.get('/health', async (c) => c.json(await status()))\n")};
    CHECK(touches(files, "GET /health") == std::optional<bool>(true));
  }
  SECTION("a handler passed by name from another file") {
    std::vector<FileFacts> files{
        route_facts_of("main.py",
                 "from .views import health\napp = Flask(__name__)\napp.add_url_rule('/health', 'h', health)\n"),
        route_facts_of("views.py", "def health():\n    db.session.execute(text('SELECT 1'))\n    return 'ok'\n")};
    CHECK(touches(files, "GET /health") == std::optional<bool>(true));
  }
  SECTION("a helper of the service that cannot be seen is unknown") {
    std::vector<FileFacts> files{route_facts_of("a.ts", "import { summary } from './lib/summary'\nconst app = new Hono()\n"
                                                  "app.get('/health', (c) => c.json(summary()))\n")};
    CHECK_FALSE(touches(files, "GET /health").has_value());
  }
}

TEST_CASE("dependency words are whole words", "[routes]") {
  CHECK(names_dependency("prisma.$queryRaw"));
  CHECK(names_dependency("checkDb"));
  CHECK(names_dependency("session.execute"));
  CHECK(names_dependency("redisClient.ping"));
  CHECK_FALSE(names_dependency("c.json"));
  CHECK_FALSE(names_dependency("res.status.send"));
  CHECK_FALSE(names_dependency("spool"));
  CHECK(names_dependency("healthcheck"));
  CHECK(names_dependency("service.getHealth"));
  CHECK_FALSE(names_dependency("HealthResponse"));
}

TEST_CASE("health paths: the convention and configured paths", "[routes]") {
  auto route = [](std::string method, std::string path, bool rooted) {
    ResolvedRoute r;
    r.method = std::move(method);
    r.path = std::move(path);
    r.rooted = rooted;
    return r;
  };
  HealthPaths convention;
  CHECK(convention.matches(route("GET", "/health", true)));
  CHECK(convention.matches(route("GET", "/api/v1/healthz", true)));
  CHECK(convention.matches(route("GET", "/health/db", true)));
  CHECK(convention.matches(route("ALL", "/readyz", false)));
  CHECK_FALSE(convention.matches(route("POST", "/health", true)));
  CHECK_FALSE(convention.matches(route("GET", "/healthy-food", true)));
  HealthPaths status(std::vector<std::string>{"/status"});
  CHECK(status.matches(route("GET", "/status", true)));
  CHECK_FALSE(status.matches(route("GET", "/api/status", true)));
  CHECK(status.matches(route("GET", "/api/status", false)));  // prefix unknown: the tail decides
  CHECK_FALSE(status.matches(route("GET", "/health", true)));
  auto dynamic = route("GET", "/{config.healthCheckPath}", true);
  dynamic.dynamic = true;
  CHECK(convention.matches(dynamic));
  dynamic.path = "/{config.metricsPath}";
  CHECK_FALSE(convention.matches(dynamic));
  CHECK(join_route_path("/api/", "health/") == "/api/health");
  CHECK(join_route_path("", "") == "/");
  CHECK(join_route_path("health", "") == "/health");
}

TEST_CASE("paths: in .svc.yaml replaces the health path convention", "[routes]") {
  fs::path root = fs::temp_directory_path() / "svc-health-paths-test";
  fs::remove_all(root);
  fs::create_directories(root / "status-api");
  fs::create_directories(root / "health-api");
  auto write = [&](const fs::path& p, const std::string& text) { std::ofstream(p) << text; };
  write(root / ".svc.yaml", "rules:\n  health-endpoint-missing: {paths: [\"/status\"]}\n");
  for (const char* dir : {"status-api", "health-api"})
    write(root / dir / "package.json", R"({"name": "x", "dependencies": {"hono": "^4"}})");
  write(root / "status-api" / "index.ts", "const app = new Hono()\napp.get('/status', (c) => c.text('ok'))\n");
  write(root / "health-api" / "index.ts", "const app = new Hono()\napp.get('/health', (c) => c.text('ok'))\n");
  AuditOptions options;
  options.root = root.string();
  options.only = {"health-endpoint-missing"};
  auto result = run_audit(options);
  fs::remove_all(root);
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].path == "health-api/index.ts");
  CHECK(result.findings[0].line == 1);
}
