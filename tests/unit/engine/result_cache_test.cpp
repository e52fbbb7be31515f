// The result cache never changes an answer: every rule's fixtures give the same findings
// and facts cold, from a fresh cache and from a warm one; a pack that is damaged on disk
// is ignored and rebuilt; the folder is pruned by size.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "checks/engine/result_cache.h"
#include "checks/engine/runner.h"
#include "checks/facts/fact_codec.h"
#include "checks/facts/fact_kinds.h"
#include "e2e/temp_tree.h"

namespace fs = std::filesystem;
using namespace svc::engine;
using svc::e2e::TempTree;

namespace {

std::string fixtures_root() { return std::string(SVC_SOURCE_DIR) + "/tests/fixtures/rules"; }

// Everything a report shows of the findings, and every fact a file gave.
std::string answer_of(const AuditResult& r) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : r.findings)
    out.push_back({f.rule, f.severity, f.path, f.line, f.column, f.end_line, f.end_column, f.service, f.message,
                   f.source_line, f.fingerprint, f.suppressed, f.suppression_reason});
  for (const auto& facts : r.facts) out.push_back({facts.path, facts.service, nlohmann::json(facts)});
  return out.dump(1);
}

AuditOptions fixture_options(const std::string& root, const std::string& cache_dir) {
  AuditOptions options;
  options.root = root;
  options.jobs = 2;
  options.cache_dir = cache_dir;
  for (const auto& kind : fact_kinds()) options.collect_facts.emplace_back(kind.name);
  return options;
}

std::string only_pack(const fs::path& dir) {
  std::vector<fs::path> packs;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pack") packs.push_back(e.path());
  REQUIRE(packs.size() == 1);
  return packs.front().string();
}

AuditOptions docker_options(const TempTree& tree, const fs::path& cache) {
  AuditOptions options;
  options.root = tree.str();
  options.only = {"docker-root-user"};
  options.jobs = 1;
  options.cache_dir = cache.string();
  return options;
}

const char* kRootDockerfile = "FROM node:22-slim\nCMD [\"node\", \"index.js\"]\n";

}  // namespace

TEST_CASE("result cache: every rule's fixtures give the same findings and facts cold and warm", "[cache][rules]") {
  for (const auto& dir : fs::directory_iterator(fixtures_root())) {
    std::string root = dir.path().string();
    INFO(dir.path().filename().string());
    TempTree cache;
    AuditResult cold = run_audit(fixture_options(root, ""));
    AuditResult filling = run_audit(fixture_options(root, cache.str()));
    AuditResult warm = run_audit(fixture_options(root, cache.str()));
    REQUIRE(filling.cache);
    REQUIRE(warm.cache);
    CHECK(filling.cache->reused == 0);
    CHECK(warm.cache->reused == warm.read);
    CHECK(warm.parsed == 0);
    CHECK(answer_of(filling) == answer_of(cold));
    CHECK(answer_of(warm) == answer_of(cold));
  }
}

TEST_CASE("result cache: a changed file is done again, the others are not", "[cache]") {
  TempTree tree, cache;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  tree.write_file("services/web/Dockerfile", kRootDockerfile);
  auto first = run_audit(docker_options(tree, cache.path()));
  CHECK(first.findings.size() == 2);

  tree.write_file("services/web/Dockerfile", "FROM node:22-slim\nUSER node\nCMD [\"node\", \"index.js\"]\n");
  auto second = run_audit(docker_options(tree, cache.path()));
  REQUIRE(second.cache);
  CHECK(second.cache->reused == 1);
  CHECK(second.parsed == 1);
  REQUIRE(second.findings.size() == 1);
  CHECK(second.findings[0].path == "services/api/Dockerfile");
}

TEST_CASE("result cache: another rule set or configuration never reads this one's results", "[cache]") {
  TempTree tree, cache;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto options = docker_options(tree, cache.path());
  CHECK(run_audit(options).findings.size() == 1);

  tree.write_file(".svc.yaml", "rules:\n  docker-root-user: warning\n");
  auto relaxed = run_audit(options);
  REQUIRE(relaxed.cache);
  CHECK(relaxed.cache->reused == 0);
  REQUIRE(relaxed.findings.size() == 1);
  CHECK(relaxed.findings[0].severity == Severity::warning);

  options.only = {"docker-root-user", "docker-no-healthcheck"};
  auto more = run_audit(options);
  CHECK(more.cache->reused == 0);
  CHECK(more.findings.size() == 2);
}

TEST_CASE("result cache: a damaged pack is ignored, named, and rebuilt", "[cache]") {
  TempTree tree, cache;
  tree.write_file("services/api/Dockerfile", kRootDockerfile);
  auto options = docker_options(tree, cache.path());
  auto first = run_audit(options);
  std::string pack = only_pack(cache.path());

  auto damage = GENERATE(as<std::string>{}, "flip", "truncate", "empty", "garbage");
  SECTION(damage) {
    std::string bytes;
    {
      std::ifstream in(pack, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    if (damage == "flip") bytes[bytes.size() - 3] ^= 0x20;
    if (damage == "truncate") bytes.resize(bytes.size() / 2);
    if (damage == "empty") bytes.clear();
    if (damage == "garbage") bytes = "svc-result-cache 1 0123456789abcdef 00000000000000000004\n\xff\xff\xff\xff";
    std::ofstream(pack, std::ios::binary | std::ios::trunc) << bytes;

    auto damaged = run_audit(options);
    REQUIRE(damaged.cache);
    CHECK(damaged.cache->reused == 0);
    CHECK_FALSE(damaged.cache->ignored.empty());
    REQUIRE(damaged.findings.size() == 1);
    CHECK(damaged.findings[0].fingerprint == first.findings[0].fingerprint);

    auto rebuilt = run_audit(options);
    CHECK(rebuilt.cache->ignored.empty());
    CHECK(rebuilt.cache->reused == 1);
  }
}

TEST_CASE("result cache: the folder is pruned to its size, least recently used first", "[cache]") {
  TempTree cache;
  auto entry = [](int i) {
    return CacheEntry{fmt::format("f{}", i), hash_content(std::to_string(i)), 1, std::vector<std::uint8_t>(4000, 7)};
  };
  std::string error;
  for (int key = 0; key < 3; ++key) {
    ResultCache c(cache.str(), fmt::format("key {}", key));
    CHECK(c.save({}, {entry(1), entry(2)}, 1 << 30, error));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // distinct times
  }
  std::size_t before = 0;
  for (const auto& e : fs::directory_iterator(cache.path())) before += e.path().extension() == ".pack";
  CHECK(before == 3);

  ResultCache newest(cache.str(), "key 3");
  CHECK(newest.save({}, {entry(1)}, 13000, error));  // room for this pack (4 kB) and one more (8 kB)
  std::set<std::string> left;
  for (const auto& e : fs::directory_iterator(cache.path())) left.insert(e.path().filename().string());
  CHECK(left.size() == 2);
  ResultCache last_written(cache.str(), "key 2");
  CHECK(last_written.size() == 2);  // the most recently used older pack stayed
  ResultCache first_written(cache.str(), "key 0");
  CHECK(first_written.size() == 0);
}

TEST_CASE("result cache: an entry is found only for the same path, content and service", "[cache]") {
  TempTree cache;
  std::string error;
  {
    ResultCache c(cache.str(), "k");
    CHECK(c.save({}, {CacheEntry{"a.ts", hash_content("x"), 5, {1, 2, 3}}}, 1 << 20, error));
  }
  ResultCache c(cache.str(), "k");
  REQUIRE(c.find("a.ts", hash_content("x"), 5));
  CHECK(c.find("a.ts", hash_content("x"), 5)->payload == std::vector<std::uint8_t>{1, 2, 3});
  CHECK_FALSE(c.find("a.ts", hash_content("y"), 5));
  CHECK_FALSE(c.find("a.ts", hash_content("x"), 6));
  CHECK_FALSE(c.find("b.ts", hash_content("x"), 5));
}

TEST_CASE("result cache: a stamp stands for the content only when the file was modified well before", "[cache]") {
  std::int64_t now = 100'000'000'000;
  CHECK(stamp_trustworthy({10, now - 3'000'000'000, now - 3'000'000'000, 1}, now));
  CHECK_FALSE(stamp_trustworthy({10, now - 1'000'000'000, now - 3'000'000'000, 1}, now));  // modified just before
  CHECK_FALSE(stamp_trustworthy({10, now - 3'000'000'000, now - 1'000'000'000, 1}, now));  // status changed just before
  CHECK_FALSE(stamp_trustworthy({-1, 0, 0, 0}, now));
}

TEST_CASE("result cache: an edit that keeps the size and the modification time is still seen", "[cache]") {
  TempTree tree, cache;
  const std::string root = "FROM node:22-slim\nCMD [\"node\", \"index.js\"]\n# padding...........\n";
  const std::string fixed = "FROM node:22-slim\nUSER node\nCMD [\"node\", \"index.js\"]\n# padding.\n";
  REQUIRE(root.size() == fixed.size());
  auto file = tree.write_file("services/api/Dockerfile", root);
  auto mtime = fs::last_write_time(file) - std::chrono::seconds(10);
  fs::last_write_time(file, mtime);
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));  // the stamps are old enough to be trusted

  auto options = docker_options(tree, cache.path());
  CHECK(run_audit(options).findings.size() == 1);
  auto known = run_audit(options);  // from the stamp alone
  CHECK(known.cache->reused == 1);
  CHECK(known.findings.size() == 1);

  tree.write_file("services/api/Dockerfile", fixed);
  fs::last_write_time(file, mtime);  // same size, same mtime: only the status-change time moved
  auto edited = run_audit(options);
  CHECK(edited.cache->reused == 0);
  CHECK(edited.findings.empty());
}
