// What `svc review` calls a module and a domain: the units coupling is measured between,
// and the parts of an app a split could take out.
#include <catch2/catch.hpp>

#include "checks/review/modules.h"

using svc::engine::Service;
using svc::engine::ServiceMap;
using svc::review::ModuleMap;

namespace {

ServiceMap shop() {
  Service web, api;
  web.name = "web";
  web.path = "apps/web";
  web.frameworks = {"nextjs"};
  api.name = "api";
  api.path = "services/api";
  return ServiceMap({web, api});
}

}  // namespace

TEST_CASE("review modules: a file's unit is its candidate, else its service, else its top folder", "[review]") {
  ServiceMap services = shop();
  ModuleMap modules(services, {"apps/web/src/lib/billing/"});
  CHECK(modules.unit_of("apps/web/src/lib/billing/stripe.ts") == "apps/web/src/lib/billing");
  CHECK(modules.unit_of("apps/web/src/app/page.tsx") == "apps/web");
  CHECK(modules.unit_of("services/api/src/index.ts") == "services/api");
  CHECK(modules.unit_of("services/api/") == "services/api");  // an import of the folder itself
  CHECK(modules.unit_of("infra/terraform/main.tf") == "infra");
  CHECK(modules.unit_of("README.md").empty());
  CHECK(modules.unit_of(".github/workflows/ci.yml").empty());
  CHECK(modules.is_service("apps/web"));
  CHECK_FALSE(modules.is_service("infra"));
}

TEST_CASE("review modules: a domain is the first folder that names a subject", "[review]") {
  ServiceMap services = shop();
  ModuleMap modules(services, {});
  CHECK(modules.domain_of("apps/web/src/app/(dashboard)/billing/page.tsx") == "apps/web/**/billing/**");
  CHECK(modules.domain_of("apps/web/src/lib/billing/stripe.ts") == "apps/web/**/billing/**");
  CHECK(modules.domain_of("apps/web/src/app/api/cron/newsletter/route.ts") == "apps/web/**/newsletter/**");
  CHECK(modules.domain_of("apps/web/app/app.acme.com/[slug]/links/page.tsx") == "apps/web/**/links/**");
  CHECK(modules.domain_of("apps/web/src/lib/utils/date.ts").empty());
  CHECK(modules.domain_of("apps/web/src/app/page.tsx").empty());
  CHECK(modules.domain_of("infra/billing/main.tf").empty());  // no service: no domain
  CHECK(svc::review::domain_name("apps/web/**/billing/**") == "billing");
}

TEST_CASE("review modules: a root service around other services has no domains", "[review]") {
  Service root, web;
  root.path = ".";
  web.path = "apps/web";
  ServiceMap services({root, web});
  ModuleMap modules(services, {});
  CHECK(modules.domain_of("tools/billing/run.ts").empty());
  CHECK(modules.unit_of("tools/billing/run.ts") == "tools");
}

TEST_CASE("review modules: candidates are folders or globs", "[review]") {
  CHECK(svc::review::selects("apps/web/src/lib/billing", "apps/web/src/lib/billing/a.ts"));
  CHECK_FALSE(svc::review::selects("apps/web/src/lib/billing", "apps/web/src/lib/billing-old/a.ts"));
  CHECK(svc::review::selects("apps/web/**/billing/**", "apps/web/src/app/billing/page.tsx"));
  CHECK_FALSE(svc::review::selects("apps/web/**/billing/**", "apps/web/src/app/catalog/page.tsx"));
}
