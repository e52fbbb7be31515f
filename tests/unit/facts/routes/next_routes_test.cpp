#include <catch2/catch.hpp>

#include <set>

#include "checks/facts/routes/route_resolver.h"
#include "unit/facts/file_facts_support.h"

using namespace svc::engine;
using svc::test::pointers_to;
using svc::test::route_facts_of;

namespace {

std::set<std::string> served(const std::string& service_path, const std::vector<FileFacts>& files) {
  Service service;
  service.path = service_path;
  service.frameworks = {"nextjs"};
  return svc::test::served_routes(service, files);
}

}  // namespace

TEST_CASE("Next.js: a route file's path is its URL", "[routes][nextjs]") {
  CHECK(next_route_path("app/api/orders/route.ts", FileRouter::app_route) == "/api/orders");
  CHECK(next_route_path("src/app/api/orders/[id]/route.ts", FileRouter::app_route) == "/api/orders/:id");
  CHECK(next_route_path("app/(shop)/@modal/api/cart/route.js", FileRouter::app_route) == "/api/cart");
  CHECK(next_route_path("app/docs/[...slug]/route.ts", FileRouter::app_route) == "/docs/:slug*");
  CHECK(next_route_path("app/files/[[...path]]/route.ts", FileRouter::app_route) == "/files/:path*");
  CHECK(next_route_path("app/route.ts", FileRouter::app_route) == "/");
  CHECK(next_route_path("pages/api/users/index.ts", FileRouter::pages_api) == "/api/users");
  CHECK(next_route_path("src/pages/api/users/[id].ts", FileRouter::pages_api) == "/api/users/:id");
  // Not routed: a private folder, an `app` folder below the root, pages outside /api.
  CHECK_FALSE(next_route_path("app/api/_lib/route.ts", FileRouter::app_route));
  CHECK_FALSE(next_route_path("lib/app/api/route.ts", FileRouter::app_route));
  CHECK_FALSE(next_route_path("pages/about.ts", FileRouter::pages_api));
}

TEST_CASE("Next.js: exported handlers become routes behind basePath", "[routes][nextjs]") {
  std::vector<FileFacts> files;
  files.push_back(route_facts_of("web/next.config.mjs", "export default { basePath: '/shop' };\n"));
  files.push_back(route_facts_of("web/app/api/orders/[id]/route.ts",
                                 "export async function GET() { return Response.json({}) }\n"
                                 "export const DELETE = withAuth(async () => new Response(null))\n"
                                 "function helper() {}\n"));
  files.push_back(route_facts_of("web/app/api/auth/[...nextauth]/route.ts",
                                 "const handler = NextAuth({});\nexport { handler as GET, handler as POST };\n"));
  files.push_back(route_facts_of("web/src/auth/route.ts", "export const { GET, POST } = handlers;\n"));
  files.push_back(route_facts_of("web/pages/api/stock.ts",
                                 "export default async function (req, res) { res.json({}) }\n"));
  files.push_back(route_facts_of("web/app/page.tsx", "export default function Page() { return null }\n"));
  CHECK(served("web", files) == std::set<std::string>{"GET /shop/api/orders/:id", "DELETE /shop/api/orders/:id",
                                                      "GET /shop/api/auth/:nextauth*", "POST /shop/api/auth/:nextauth*",
                                                      "ALL /shop/api/stock"});
}

TEST_CASE("Next.js: the /api paths a file requests are recorded", "[routes][nextjs]") {
  FileFacts f = route_facts_of("web/components/Cart.tsx",
                               "export function Cart({ id }) {\n"
                               "  fetch(`/api/cart/${id}`);\n  useSWR('/api/user');\n  fetch('https://x.test/api/y');\n"
                               "  return <a href=\"/api/z\">z</a>;\n}\n");  // a link is a request too
  CHECK(f.routes.called_paths == std::vector<std::string>{"/api/cart/*", "/api/user", "/api/z"});
}
