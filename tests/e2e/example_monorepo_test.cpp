// The README's first command audits examples/monorepo; its README promises exactly
// these findings. A rule that starts firing on the clean services, or stops firing
// on a deliberate violation, fails here.
#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;

namespace {

using RuleAndPath = std::pair<std::string, std::string>;

const std::set<RuleAndPath> kExpected = {
    {"api-error-leak", "apps/storefront/src/app/api/orders/[id]/route.ts"},
    {"db-shared-database", "docker-compose.yml"},
    {"docker-no-healthcheck", "services/notifications/Dockerfile"},
    {"docker-root-user", "services/notifications/Dockerfile"},
    {"docker-shell-form-cmd", "services/notifications/Dockerfile"},
    {"openapi-hand-written", "services/notifications/openapi.yaml"},
    {"auth-jwt-shared-secret", "services/notifications/src/lib/auth.ts"},
    {"api-error-leak", "services/notifications/src/lib/errors.ts"},
    {"health-endpoint-missing", "services/notifications/src/server.ts"},
    {"docker-root-user", "services/reports/Dockerfile"},
    {"db-cross-service-access", "services/reports/src/reports/revenue.py"},
    {"api-unversioned-route", "services/reports/src/reports/routes/exports.py"},
    {"health-no-dependency-check", "services/reports/src/reports/routes/health.py"},
};

}  // namespace

TEST_CASE("example monorepo: the findings its README lists, and no others", "[e2e][example]") {
  auto r = run_svc({"audit", std::string(SVC_SOURCE_DIR) + "/examples/monorepo", "--format", "json"});
  INFO(r.err);
  CHECK(r.exit_code == 1);
  auto report = nlohmann::json::parse(r.out);
  std::set<RuleAndPath> found, suppressed;
  for (const auto& f : report["findings"])
    (f["suppressed"].get<bool>() ? suppressed : found).insert({f["rule"].get<std::string>(), f["path"].get<std::string>()});
  CHECK(found == kExpected);
  CHECK(suppressed == std::set<RuleAndPath>{{"docker-single-stage", "services/notifications/Dockerfile"}});
}

TEST_CASE("example monorepo: the storefront is a Next.js app with its server surface", "[e2e][example][nextjs]") {
  auto r = run_svc({"graph", std::string(SVC_SOURCE_DIR) + "/examples/monorepo", "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto graph = nlohmann::json::parse(r.out);
  nlohmann::json storefront;
  for (const auto& n : graph["nodes"])
    if (n["id"] == "service:apps/storefront") storefront = n;
  REQUIRE(storefront.is_object());
  CHECK(storefront["attributes"]["kind"] == "nextjs");
  // Three route handlers (GET /api/products, GET /api/orders/:id, the newsletter's cron) and
  // four Server Actions (checkout, cart, newsletter subscribe and send).
  CHECK(storefront["attributes"]["route_handlers"] == "3");
  CHECK(storefront["attributes"]["server_actions"] == "4");
  CHECK(storefront["attributes"]["trpc_procedures"] == "0");
}

TEST_CASE("example monorepo: svc review of its scripted history proposes moving the newsletter out",
          "[e2e][example][review]") {
  svc::e2e::TempTree tmp;
  std::string dest = tmp.str() + "/shop";
  auto made = run_program({"bash", std::string(SVC_SOURCE_DIR) + "/scripts/example-history.sh", dest});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
  auto r = run_svc({"review", dest, "--format", "json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out);
  const nlohmann::json* newsletter = nullptr;
  for (const auto& c : doc["candidates"])
    if (c["path"] == "apps/storefront/**/newsletter/**") newsletter = &c;
  REQUIRE(newsletter);
  CHECK((*newsletter)["verdict"] == "split");
  CHECK((*newsletter)["tables"] == nlohmann::json::array({"newsletter_subscribers"}));
  CHECK((*newsletter)["svc_new"] ==
        "svc new newsletter --template hono --dir services/newsletter --db postgres --queue bullmq --yes");
  bool ships_together = false;
  for (const auto& c : doc["coupling"]["change"])
    ships_together = ships_together || (c["a"] == "services/orders" && c["b"] == "workers/mailer" &&
                                        c["distributed_monolith"] == true);
  CHECK(ships_together);
  for (const auto& c : doc["criteria"])
    if (c["id"] == "long-running-work") CHECK(c["verdict"] == "split");
}

TEST_CASE("example monorepo: docs/guide/review-example.md is what svc review prints today", "[e2e][example][review]") {
  svc::e2e::TempTree tmp;
  std::string dest = tmp.str() + "/shop";
  REQUIRE(run_program({"bash", std::string(SVC_SOURCE_DIR) + "/scripts/example-history.sh", dest}).exit_code == 0);
  auto r = run_svc({"review", dest, "--format", "markdown"});
  REQUIRE(r.exit_code == 0);
  std::ifstream in(std::string(SVC_SOURCE_DIR) + "/docs/guide/review-example.md");
  std::string committed((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  INFO("regenerate it with scripts/example-review.sh");
  CHECK(r.out == committed);
}
