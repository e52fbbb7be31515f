// The file merge `svc upgrade` relies on: the team's edit and the template's change both
// kept when they touch different lines, conflict markers when they touch the same one.
#include <catch2/catch.hpp>

#include "scaffolds/engine/three_way_merge.h"

using svc::scaffolds::merge_three_way;

TEST_CASE("three-way merge keeps both sides' changes to different lines", "[scaffolds][upgrade]") {
  std::string base = "a\nb\nc\nd\ne\n";
  std::string ours = "a\nB (team)\nc\nd\ne\n";
  std::string theirs = "a\nb\nc\nd\nE (template)\n";
  auto m = merge_three_way(base, ours, theirs, 1, 2);
  CHECK_FALSE(m.conflicted);
  CHECK(m.text == "a\nB (team)\nc\nd\nE (template)\n");
}

TEST_CASE("three-way merge marks a line both sides changed, in diff3 style", "[scaffolds][upgrade]") {
  auto m = merge_three_way("port = 1\n", "port = 2\n", "port = 3\n", 1, 2);
  CHECK(m.conflicted);
  CHECK(m.text ==
        "<<<<<<< yours\nport = 2\n||||||| generated (version 1)\nport = 1\n=======\nport = 3\n>>>>>>> template (version 2)\n");
}

TEST_CASE("three-way merge of identical changes is clean", "[scaffolds][upgrade]") {
  auto m = merge_three_way("x\n", "y\n", "y\n", 1, 2);
  CHECK_FALSE(m.conflicted);
  CHECK(m.text == "y\n");
}
