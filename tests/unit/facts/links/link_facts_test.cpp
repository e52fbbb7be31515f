#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "checks/workspace/config.h"
#include "checks/facts/links/link_facts.h"
#include "checks/syntax/documents.h"
#include "checks/facts/links/link_names.h"
#include "checks/facts/links/link_urls.h"
#include "checks/facts/links/service_links.h"
#include "checks/syntax/syntax_tree.h"

using namespace svc::engine;

namespace {

FileFacts links_of(const std::string& path, const std::string& text, int service = -1) {
  SourceFile file(path, classify_path(path), text);
  REQUIRE(wants_link_facts(file));
  auto tree = SyntaxTree::parse(file);  // null for YAML and .env
  FileFacts facts;
  facts.path = path;
  facts.service = service;
  Documents documents(file);
  extract_link_facts(file, tree.get(), nullptr, documents, facts.links);
  return facts;
}

Service service_at(const std::string& name, const std::string& path) {
  Service s;
  s.name = name;
  s.path = path;
  return s;
}

const EnvVar* env_named(const std::vector<EnvVar>& env, const std::string& name) {
  auto it = std::find_if(env.begin(), env.end(), [&](const EnvVar& v) { return v.name == name; });
  return it == env.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("database URLs normalise to host, port and database", "[links]") {
  auto db = database_endpoint("postgresql+asyncpg://app:s3cret@DB.internal:6543/orders?sslmode=require");
  REQUIRE(db);
  CHECK(db->kind == "postgres");
  CHECK(db->display() == "db.internal:6543/orders");
  CHECK(database_endpoint("postgres://orders@postgres/")->display() == "postgres:5432/orders");  // the user's database
  CHECK(database_endpoint("postgres://postgres:5432")->database == "postgres");
  CHECK(database_endpoint("mysql://root:pw@LOCALHOST/shop")->display() == "localhost:3306/shop");
  CHECK(database_endpoint("mongodb://a:27017,b:27017/catalog?replicaSet=rs0")->display() == "a:27017/catalog");
  CHECK(database_endpoint("redis://cache")->display() == "cache:6379/0");
  CHECK(database_endpoint("postgres://u:p@127.0.0.1:5432/x")->host == "127.0.0.1");
  CHECK(database_endpoint("postgres://u:p/w@d@db:5432/x")->host == "db");  // '/' and '@' in a password
  CHECK_FALSE(database_endpoint("postgres://${DB_HOST}:5432/x"));
  CHECK_FALSE(database_endpoint("mysql://db:3306"));  // no database: cannot tell
  CHECK_FALSE(database_endpoint("https://orders:3000/v1"));
  CHECK(database_endpoint("postgres://u@db/app?schema=orders")->display() == "db:5432/app?schema=orders");
  CHECK(database_endpoint("postgres://u@db/app?options=-c%20search_path%3Dbilling")->schema == "billing");
  CHECK(database_endpoint("postgres://u@db/app?schema=public")->schema.empty());
  CHECK(strip_password("postgres://app:s3cret@db/orders") == "postgres://app@db/orders");
  CHECK(strip_password("http://orders:3000/x") == "http://orders:3000/x");
}

TEST_CASE("variable names say what they hold", "[links]") {
  for (const char* name : {"DATABASE_URL", "DB_URL", "POSTGRES_URL", "PGBOUNCER_URL", "ORDERS_DATABASE_URL",
                           "SQLALCHEMY_DATABASE_URI", "MONGO_URL", "MONGODB_URI"})
    CHECK(is_database_variable(name));
  CHECK_FALSE(is_database_variable("ORDERS_URL"));
  CHECK(service_address_stem("ORDERS_URL") == std::optional<std::string>("ORDERS"));
  CHECK(service_address_stem("ORDERS_SERVICE_URL") == std::optional<std::string>("ORDERS"));
  CHECK(service_address_stem("ORDERS_API_BASE") == std::optional<std::string>("ORDERS"));
  CHECK(service_address_stem("SHARED_UTILS_URL") == std::optional<std::string>("SHARED_UTILS"));
  CHECK_FALSE(service_address_stem("DATABASE_URL"));
  CHECK_FALSE(service_address_stem("DB_HOST"));
  CHECK(upper_snake("ordersServiceUrl") == "ORDERS_SERVICE_URL");
  CHECK(database_variable("PGHOST").part == DatabasePart::host);
  CHECK(database_variable("ORDERS_DB_NAME").prefix == "ORDERS_");
  CHECK(database_variable("POSTGRES_DB").kind == "postgres");
  CHECK(database_variable("APP_NAME").part == DatabasePart::none);
}

TEST_CASE("compose services: build, environment as list and map, env_file, depends_on", "[links]") {
  auto f = links_of("deploy/docker-compose.yml", R"(
x-env: &common
  LOG_LEVEL: info
services:
  orders:
    build: ../services/orders
    environment:
      <<: *common
      DATABASE_URL: postgres://orders:pw@db:5432/orders
    depends_on:
      db: {condition: service_healthy}
  worker:
    build: {context: .., dockerfile: services/orders/Dockerfile.worker}
    env_file: [../services/orders/.env, {path: extra.env, required: false}]
    environment:
      - REDIS_URL=redis://cache:6379/0
      - PASSTHROUGH
    depends_on: [db, orders]
    command: rq worker emails --url redis://cache high
  db:
    image: postgres:16
)");
  REQUIRE(f.links.compose);
  REQUIRE(f.links.processes.size() == 3);
  const auto& orders = f.links.processes[0];
  CHECK(orders.build == "services/orders");
  CHECK(orders.span.begin.line == 5);
  REQUIRE(env_named(orders.env, "DATABASE_URL"));
  CHECK(env_named(orders.env, "DATABASE_URL")->value == "postgres://orders@db:5432/orders");
  CHECK(env_named(orders.env, "DATABASE_URL")->span.begin.line == 9);
  CHECK(env_named(orders.env, "LOG_LEVEL"));
  REQUIRE(orders.depends_on.size() == 1);
  CHECK(orders.depends_on[0].name == "db");
  const auto& worker = f.links.processes[1];
  CHECK(worker.build == ".");
  CHECK(worker.dockerfile == "services/orders/Dockerfile.worker");
  CHECK(worker.env_files == std::vector<std::string>{"services/orders/.env", "deploy/extra.env"});
  CHECK(env_named(worker.env, "REDIS_URL"));
  CHECK_FALSE(env_named(worker.env, "PASSTHROUGH"));
  CHECK(worker.depends_on.size() == 2);
  REQUIRE(worker.queues.size() == 2);
  CHECK(worker.queues[0].queue == "emails");
  CHECK(worker.queues[1].queue == "high");
  CHECK(f.links.processes[2].image == "postgres:16");
}

TEST_CASE(".env files: quotes, export and comments", "[links]") {
  auto f = links_of("services/orders/.env", "# local\nexport DATABASE_URL=\"postgres://o:pw@db/orders\"\n"
                                            "ORDERS_URL=http://orders:3000 # inline\nEMPTY=\nbad line\n");
  REQUIRE(f.links.env.size() == 3);
  CHECK(f.links.env[0].value == "postgres://o@db/orders");
  CHECK(f.links.env[0].span.begin.line == 2);
  CHECK(f.links.env[1].value == "http://orders:3000");
}

TEST_CASE("Kubernetes manifests: containers of every document, ConfigMaps", "[links]") {
  auto f = links_of("k8s/orders.yaml", R"(apiVersion: v1
kind: ConfigMap
metadata: {name: orders-config, namespace: shop}
data:
  DATABASE_URL: postgres://orders@orders-db:5432/orders
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: orders, namespace: shop}
spec:
  template:
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/orders:1.4
          envFrom: [{configMapRef: {name: orders-config}}]
          env:
            - name: BILLING_URL
              value: http://billing.shop.svc.cluster.local
            - name: SECRET
              valueFrom: {secretKeyRef: {name: s, key: k}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: job
              args: ["celery", "-A", "app", "worker", "-Q", "reports,default"]
)");
  REQUIRE(f.links.config_maps.size() == 1);
  CHECK(f.links.config_maps[0].namespace_ == "shop");
  REQUIRE(f.links.processes.size() == 2);
  const auto& api = f.links.processes[0];
  CHECK(api.name == "orders");
  CHECK(api.container == "api");
  CHECK(api.env.size() == 1);
  CHECK(api.env[0].span.begin.line == 18);
  CHECK(api.config_maps.size() == 1);
  REQUIRE(f.links.processes[1].queues.size() == 2);
  CHECK(f.links.processes[1].queues[0].queue == "reports");
}

TEST_CASE("TypeScript: URL literals, environment reads, BullMQ queues", "[links]") {
  auto f = links_of("services/orders/src/config.ts", R"(
import { Queue, Worker } from 'bullmq'
import { Worker as Thread } from 'node:worker_threads'
const EMAILS = 'emails'
export const db = process.env.DATABASE_URL ?? 'postgres://orders:pw@localhost:5432/orders'
const billing = process.env.BILLING_SERVICE_URL
const { SHARED_UTILS_URL } = process.env
const inventory = `http://inventory:8080/v1/items/${id}`
const external = 'https://api.stripe.com/v1'
export const q = new Queue(EMAILS, { connection })
new Worker('invoices', async (job) => {})
new Thread('./thread.js')
)");
  REQUIRE(f.links.database_urls.size() == 1);
  CHECK(f.links.database_urls[0].url == "postgres://orders@localhost:5432/orders");
  REQUIRE(f.links.service_urls.size() == 1);
  CHECK(f.links.service_urls[0].url.rfind("http://inventory:8080", 0) == 0);
  std::vector<std::string> reads;
  for (const auto& r : f.links.env_reads) reads.push_back(r.name);
  CHECK(reads == std::vector<std::string>{"BILLING_SERVICE_URL", "SHARED_UTILS_URL"});
  REQUIRE(f.links.queues.size() == 2);
  CHECK((f.links.queues[0].queue == "emails" && f.links.queues[0].produces));
  CHECK((f.links.queues[1].queue == "invoices" && !f.links.queues[1].produces));
}

TEST_CASE("Python: settings, os.environ, Celery and RQ", "[links]") {
  auto f = links_of("services/billing/app/tasks.py", R"(
import os
from celery import shared_task
from rq import Queue, Worker
from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    orders_service_url: str = "http://orders:3000"
    database_url: str = "postgresql+asyncpg://billing:pw@postgres:5432/billing"

settings = Settings()
utils = os.environ["SHARED_UTILS_URL"]
base = settings.ORDERS_API_BASE

@app.task(queue="invoices")
def render_invoice(invoice_id): ...

@shared_task
def cleanup(): ...

def enqueue():
    render_invoice.delay(1)
    celery_app.send_task("reports.build", queue="reports")
    q = Queue("emails", connection=redis)
    q.enqueue(send, 1)
    Worker([Queue("high"), "low"]).work()
)");
  REQUIRE(f.links.database_urls.size() == 1);
  CHECK(f.links.database_urls[0].url == "postgresql+asyncpg://billing@postgres:5432/billing");
  REQUIRE(f.links.service_urls.size() == 1);
  std::vector<std::string> reads;
  for (const auto& r : f.links.env_reads) reads.push_back(r.name);
  std::sort(reads.begin(), reads.end());
  CHECK(reads == std::vector<std::string>{"ORDERS_API_BASE", "ORDERS_SERVICE_URL", "SHARED_UTILS_URL"});
  auto has = [&](const std::string& system, const std::string& queue, const std::string& task, bool produces) {
    return std::any_of(f.links.queues.begin(), f.links.queues.end(), [&](const QueueRef& q) {
      return q.system == system && q.queue == queue && q.task == task && q.produces == produces;
    });
  };
  CHECK(has("celery", "invoices", "render_invoice", false));
  CHECK(has("celery", "", "cleanup", false));
  CHECK(has("celery", "", "render_invoice", true));
  CHECK(has("celery", "reports", "build", true));
  CHECK(has("rq", "emails", "", true));
  CHECK(has("rq", "high", "", false));
  CHECK(has("rq", "low", "", false));
  CHECK_FALSE(has("rq", "high", "", true));  // a queue handed to a Worker is consumed, not produced
}

TEST_CASE("service links join compose, .env, Kubernetes and code across files", "[links]") {
  ServiceMap services({service_at("orders", "services/orders"), service_at("billing", "services/billing"),
                       service_at("shared-utils", "services/shared-utils")});
  std::vector<FileFacts> facts = {
      links_of(".env", "ORDERS_DB=orders\n"),
      links_of("docker-compose.yml", R"(services:
  db: {image: postgres:16}
  orders:
    build: ./services/orders
    environment:
      DATABASE_URL: ${ORDERS_URL:-postgres://o@db:5432/${ORDERS_DB:-nope}}
  orders-worker:
    build: ./services/orders
    command: celery -A app worker -Q invoices
    env_file: services/orders/.env
  billing:
    build: {context: ., dockerfile: services/billing/Dockerfile}
    environment:
      - DB_HOST=db
      - DB_NAME=billing
      - SHARED_UTILS_URL=http://shared-utils:8000
    depends_on: [db, shared-utils]
  shared-utils:
    build: ./services/shared-utils
)"),
      links_of("services/orders/.env", "DATABASE_URL=postgres://o@db:5432/orders\n", 0),
      links_of("services/billing/app/main.py", "import os\nu = os.getenv('ORDERS_URL')\n", 1),
  };
  Config config;
  ServiceLinks links = compute_service_links(services, facts, config);

  std::vector<std::string> mapped;
  for (const auto& p : links.processes) mapped.push_back(p.name + "=" + std::to_string(p.service));
  CHECK(mapped == std::vector<std::string>{"db=-1", "orders=0", "orders-worker=0", "billing=1", "shared-utils=2"});

  auto orders_db = links.databases_of(0);
  REQUIRE(orders_db.size() == 3);  // compose (interpolated), the worker's env_file, the .env itself
  for (const auto* u : orders_db) CHECK(u->key == "compose:./db:5432/orders");
  auto billing_db = links.databases_of(1);
  REQUIRE(billing_db.size() == 1);
  CHECK(billing_db[0]->via == "DB_HOST+DB_NAME");
  CHECK(billing_db[0]->key == "compose:./db:5432/billing");

  std::vector<std::string> calls;
  for (const auto* c : links.calls_from(1))
    calls.push_back(std::string(to_string(c->how)) + ":" + std::to_string(c->callee));
  std::sort(calls.begin(), calls.end());
  CHECK(calls == std::vector<std::string>{"depends-on:2", "env-var:0", "env-var:2"});

  auto queues = links.queues_of(0);
  REQUIRE(queues.size() == 1);
  CHECK(queues[0]->queue == "invoices");
  CHECK(links.names_of(services, 0) == std::vector<std::string>{"orders", "orders-worker"});
}

TEST_CASE("bare hosts resolve per compose project, and read-only databases are marked", "[links]") {
  ServiceMap services({service_at("a", "a"), service_at("b", "b")});
  std::vector<FileFacts> facts = {
      links_of("a/docker-compose.yml", "services:\n  db: {image: postgres}\n  app:\n    build: .\n"
                                       "    environment: {DATABASE_URL: 'postgres://x@db/app'}\n"),
      links_of("b/docker-compose.yml", "services:\n  db: {image: postgres}\n  app:\n    build: .\n"
                                       "    environment: {DATABASE_URL: 'postgres://x@db/app'}\n"),
      links_of("b/.env", "WAREHOUSE_URL=postgres://r@warehouse.internal:5432/analytics\n", 1),
  };
  Config config;
  config.databases.push_back({"analytics", true});
  ServiceLinks links = compute_service_links(services, facts, config);
  REQUIRE(links.databases.size() == 3);
  CHECK(links.databases_of(0)[0]->key == "compose:a/db:5432/app");
  CHECK(links.databases_of(1)[0]->key == "compose:b/db:5432/app");
  CHECK(links.databases_of(1)[1]->readonly);
}

TEST_CASE("shared databases leave out one service's processes, migration runners and replicas", "[links]") {
  std::vector<Service> list = {service_at("api", "apps/api"), service_at("worker", "apps/worker"),
                               service_at("orders-worker", "apps/orders-worker"), service_at("orders", "apps/orders"),
                               service_at("migrations", "db/migrations"), service_at("reports", "apps/reports")};
  list[0].frameworks = {"hono", "bullmq"};
  list[1].frameworks = {"bullmq"};
  ServiceMap services(list);
  std::vector<FileFacts> facts = {
      links_of("apps/api/.env", "DATABASE_URL=postgres://u@pg.internal/app\n", 0),
      links_of("apps/api/src/queue.ts", "import { Queue } from 'bullmq'\nnew Queue('mail')\n", 0),
      links_of("apps/worker/.env", "DATABASE_URL=postgres://u@pg.internal/app\n", 1),
      links_of("apps/worker/src/main.ts", "import { Worker } from 'bullmq'\nnew Worker('mail', run)\n", 1),
      links_of("apps/orders-worker/.env", "DATABASE_URL=postgres://u@pg.internal/orders\n", 2),
      links_of("apps/orders/.env", "DATABASE_URL=postgres://u@pg.internal/orders\n", 3),
      links_of("db/migrations/.env", "DATABASE_URL=postgres://u@pg.internal/orders\n", 4),
      links_of("apps/reports/.env", "DATABASE_URL=postgres://u@pg.internal/orders?schema=reports\n"
                                    "SALES_URL=postgres://u@pg.internal/sales\n", 5),
      links_of("apps/orders/.env.example", "SALES_URL=postgres://u@pg.internal/sales\n", 3),
  };
  Config config;
  ServiceLinks links = compute_service_links(services, facts, config);
  std::set<std::string> kinds = {"postgres"};
  CHECK(shared_databases(links, services, kinds).empty());  // each case above is one owner

  facts.push_back(links_of("apps/api/src/db.ts", "const url = 'postgres://u@pg.internal/orders'\n", 0));
  links = compute_service_links(services, facts, config);
  auto shared = shared_databases(links, services, kinds);
  REQUIRE(shared.size() == 1);
  CHECK(shared[0].owner->service == 3);  // named like the database
  REQUIRE(shared[0].others.size() == 1);
  CHECK(shared[0].others[0]->service == 0);
  CHECK(shared[0].others[0]->site.path == "apps/api/src/db.ts");

  config.databases.push_back({"orders", true});
  links = compute_service_links(services, facts, config);
  CHECK(shared_databases(links, services, kinds).empty());
}
