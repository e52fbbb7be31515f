// The README's first command audits examples/monorepo; its README promises exactly
// these findings. A rule that starts firing on the clean services, or stops firing
// on a deliberate violation, fails here.
#include <catch2/catch.hpp>

#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

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
