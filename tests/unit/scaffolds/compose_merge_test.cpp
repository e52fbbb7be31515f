// A service joins a repository's compose file: its entries added as lines, every byte of
// the team's file kept, and refusals that leave the file alone.
#include <catch2/catch.hpp>

#include <yaml-cpp/yaml.h>

#include "scaffolds/engine/compose_merge.h"
#include "scaffolds/engine/scaffold_error.h"

using svc::scaffolds::merge_compose;
using svc::scaffolds::ScaffoldError;

namespace {

const char* const kAddition =
    "services:\n"
    "  orders:\n"
    "    build: services/orders\n"
    "    depends_on:\n"
    "      orders-db: {condition: service_healthy}\n"
    "  orders-db:\n"
    "    image: postgres:17\n"
    "volumes:\n"
    "  orders-db-data:\n";

}  // namespace

TEST_CASE("compose merge adds services and volumes under the file's keys, in its indentation", "[scaffolds][compose]") {
  // The team's services (indented by four), then a key of their own after a blank line.
  std::string services =
      "# the team's stack\n"
      "name: shop\n"
      "services:\n"
      "    web:   # the Next.js app\n"
      "        build: apps/web\n"
      "\n"
      "    cart:\n"
      "        image: \"cart:1\"\n";
  std::string rest = "\nx-common: &common\n    restart: unless-stopped\n";
  std::string merged = merge_compose(services + rest, kAddition, "compose.yaml");
  CHECK(merged == services +
                      "    orders:\n"
                      "      build: services/orders\n"
                      "      depends_on:\n"
                      "        orders-db: {condition: service_healthy}\n"
                      "    orders-db:\n"
                      "      image: postgres:17\n" +
                      rest + "\nvolumes:\n  orders-db-data:\n");
  YAML::Node doc = YAML::Load(merged);
  CHECK(doc["services"]["orders"]["build"].as<std::string>() == "services/orders");
  CHECK(doc["services"]["web"]["build"].as<std::string>() == "apps/web");
  CHECK(doc["volumes"]["orders-db-data"]);
}

TEST_CASE("compose merge refuses a name the file already has, and inline keys", "[scaffolds][compose]") {
  CHECK_THROWS_WITH(merge_compose("services:\n  orders:\n    image: x\n", kAddition, "compose.yaml"),
                    Catch::Contains("compose.yaml already defines services.orders"));
  CHECK_THROWS_WITH(merge_compose("services: {web: {image: x}}\n", kAddition, "compose.yaml"),
                    Catch::Contains("compose.yaml:1: `services` is written inline"));
  CHECK_THROWS_WITH(merge_compose("services:\n  web: [\n", kAddition, "docker-compose.yml"),
                    Catch::Contains("docker-compose.yml:"));
}

TEST_CASE("compose merge into a file without services starts the key at the end", "[scaffolds][compose]") {
  std::string merged = merge_compose("name: shop", kAddition, "compose.yaml");
  YAML::Node doc = YAML::Load(merged);
  CHECK(doc["name"].as<std::string>() == "shop");
  CHECK(doc["services"]["orders-db"]["image"].as<std::string>() == "postgres:17");
}
