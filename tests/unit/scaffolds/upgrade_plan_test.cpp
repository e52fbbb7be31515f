// Each file's fate in `svc upgrade`, from base, yours and theirs: the team's edits are
// merged or kept, never replaced, removed or brought back.
#include <catch2/catch.hpp>

#include "scaffolds/engine/upgrade_plan.h"

using namespace svc::scaffolds;

namespace {

std::map<std::string, UpgradeFile> plan(const std::map<std::string, std::string>& base,
                                        const std::map<std::string, std::string>& theirs,
                                        const std::map<std::string, std::string>& disk) {
  auto read = [&](const std::string& p) -> std::optional<std::string> {
    auto it = disk.find(p);
    return it == disk.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
  std::map<std::string, UpgradeFile> out;
  for (auto& f : plan_upgrade(base, theirs, read, 1, 2)) out[f.path] = f;
  return out;
}

}  // namespace

TEST_CASE("upgrade plan: unchanged files are replaced, edited ones merged or marked", "[scaffolds][upgrade]") {
  auto p = plan({{"same", "s\n"}, {"untouched", "u1\n"}, {"edited", "a\nb\nc\nd\n"}, {"clash", "x = 1\n"}},
                {{"same", "s\n"}, {"untouched", "u2\n"}, {"edited", "a\nb\nc\nD\n"}, {"clash", "x = 3\n"}},
                {{"same", "s\n"}, {"untouched", "u1\n"}, {"edited", "A\nb\nc\nd\n"}, {"clash", "x = 2\n"}});
  CHECK(p["same"].action == UpgradeAction::unchanged);
  CHECK(p["untouched"].action == UpgradeAction::update);
  CHECK(p["untouched"].result == "u2\n");
  CHECK(p["edited"].action == UpgradeAction::merge);
  CHECK(p["edited"].result == "A\nb\nc\nD\n");
  CHECK(p["clash"].action == UpgradeAction::conflict);
  CHECK(p["clash"].result.find("<<<<<<< yours\nx = 2\n") != std::string::npos);
  CHECK(needs_attention(p["clash"].action));
}

TEST_CASE("upgrade plan: added, removed, kept and deleted files", "[scaffolds][upgrade]") {
  auto p = plan({{"dropped", "d\n"}, {"dropped-edited", "e\n"}, {"dropped-gone", "g\n"}, {"deleted", "x\n"},
                 {"deleted-changed", "y\n"}},
                {{"new", "n\n"}, {"both-added", "theirs\n"}, {"deleted", "x\n"}, {"deleted-changed", "y2\n"}},
                {{"dropped", "d\n"}, {"dropped-edited", "e (team)\n"}, {"both-added", "mine\n"}});
  CHECK(p["new"].action == UpgradeAction::add);
  CHECK(p["new"].result == "n\n");
  CHECK(p["dropped"].action == UpgradeAction::remove);
  CHECK(p["dropped-edited"].action == UpgradeAction::keep_changed);
  CHECK(p["dropped-edited"].result == "e (team)\n");
  CHECK_FALSE(p.count("dropped-gone"));
  CHECK(p["deleted"].action == UpgradeAction::keep_deleted);
  CHECK(p["deleted-changed"].action == UpgradeAction::deleted_changed);
  CHECK(needs_attention(p["deleted-changed"].action));
  CHECK(p["both-added"].action == UpgradeAction::conflict);
}
