#include <catch2/catch.hpp>

#include <set>

#include "checks/facts/routes/route_facts_django.h"
#include "checks/facts/routes/route_resolver.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;

namespace {

using svc::test::pointers_to;
using svc::test::route_facts_of;

// "ALL /api/v1/orders" for every route of the URLconfs, with "rooted" when the root reaches it.
std::set<std::string> served(const std::vector<FileFacts>& files) {
  Service service;
  service.path = ".";
  return svc::test::served_routes(service, files, true);
}

}  // namespace

TEST_CASE("Django regex routes read as paths", "[routes]") {
  CHECK(django_regex_path("^api/v1/orders/(?P<pk>[0-9]+)/$") == "api/v1/orders/{pk}/");
  CHECK(django_regex_path("^health/?$") == "health");
  CHECK(django_regex_path(R"(^\.well-known/jwks.json$)") == ".well-known/jwks.json");
  CHECK(django_regex_path("^(?:api/)?v2/items$") == "v2/items");
  CHECK(django_regex_path("^(?:api)/items/([0-9]+)$") == "api/items/{param}");
}

TEST_CASE("Django URLconfs: include() prefixes, DRF routers, appended patterns", "[routes]") {
  std::vector<FileFacts> files{
      route_facts_of("config/urls.py", R"(
from django.contrib import admin
from django.urls import include, path, re_path
from orders.api import router
from . import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("health/", views.health),
    re_path(r"^api/v1/", include("orders.urls")),
    path("api/v2/", include(router.urls)),
    path("inline/", include([path("a/", views.a)])),
]
if settings.DEBUG:
    urlpatterns += [re_path(r"^debug/(?P<name>\w+)/$", views.debug)]
)"),
      route_facts_of("config/views.py", "def health(request):\n    return None\n"),
      route_facts_of("orders/urls.py", R"(
from django.urls import path
from . import views
urlpatterns = [path("orders/", views.list_orders)]
urlpatterns.append(path("orders/<int:pk>/", views.order))
)"),
      route_facts_of("orders/api.py", R"(
from rest_framework import routers
router = routers.DefaultRouter()
router.register(r"customers", CustomerViewSet, basename="customer")
)")};
  CHECK(served(files) == std::set<std::string>{"USE /admin", "ALL /health", "ALL /api/v1/orders",
                                               "ALL /api/v1/orders/<int:pk>", "ALL /api/v2/customers",
                                               "ALL /inline/a", "ALL /debug/{name}"});
  const auto& root = files[0].routes;
  REQUIRE(root.servers.size() == 1);
  CHECK(root.servers[0].framework == "django");
}

TEST_CASE("django-health-check's URLconf counts as a health library", "[routes]") {
  auto f = route_facts_of("config/urls.py", R"(
from django.urls import include, path
urlpatterns = [path("ht/", include("health_check.urls"))]
)");
  CHECK(f.routes.health_library.has_value());
  auto plain = route_facts_of("config/urls.py", "from django.urls import include, path\n"
                                                "urlpatterns = [path('v1/', include('orders.urls'))]\n");
  CHECK_FALSE(plain.routes.health_library.has_value());
}

TEST_CASE("FastAPI's APIRouter is no DRF router", "[routes]") {
  auto f = route_facts_of("app/main.py", "from fastapi import APIRouter\nrouter = APIRouter()\n"
                                         "router.register('x', y)\n");
  for (const auto& c : f.routes.containers) CHECK(c.framework != "django");
}
