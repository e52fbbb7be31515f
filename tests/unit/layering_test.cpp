// The folders are layers (see CMakeLists.txt): a file may include its own folder and the
// folders below it, never one above or beside it. The CMake libraries hold the same
// order for the link; this test holds it for headers, which a link never sees.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "e2e/temp_tree.h"

namespace fs = std::filesystem;

namespace {

// What each folder may include besides itself. Within checks/facts, routes come first,
// then links (which name routes' services), then tables (which use both).
const std::map<std::string, std::set<std::string>>& allowed() {
  static const std::set<std::string> below_facts = {"checks/syntax", "checks/dockerfile", "checks/workspace",
                                                     "checks/core", "common"};
  static const std::map<std::string, std::set<std::string>> table = [] {
    std::map<std::string, std::set<std::string>> t;
    t["common"] = {};
    t["checks/core"] = {"common"};
    t["checks/workspace"] = {"checks/core", "common"};
    t["checks/syntax"] = {"checks/core", "common"};
    t["checks/dockerfile"] = {"checks/core", "common"};
    t["checks/facts"] = below_facts;
    t["checks/facts"].insert({"checks/facts/routes", "checks/facts/links", "checks/facts/tables"});
    t["checks/facts/routes"] = below_facts;
    t["checks/facts/routes"].insert("checks/facts");
    t["checks/facts/links"] = t["checks/facts/routes"];
    t["checks/facts/links"].insert("checks/facts/routes");
    t["checks/facts/tables"] = t["checks/facts/links"];
    t["checks/facts/tables"].insert("checks/facts/links");
    t["checks/filters"] = {"checks/workspace", "checks/core", "common"};
    t["checks/local_rules"] = {"checks/syntax", "checks/workspace", "checks/core", "common"};
    std::set<std::string> engine = t["checks/facts/tables"];
    engine.insert({"checks/facts/tables", "checks/filters", "checks/local_rules"});
    t["checks/engine"] = engine;
    engine.insert("checks/engine");
    t["checks/builtin"] = t["checks/report"] = t["checks/graph"] = t["checks/rule_tests"] = engine;
    t["scaffolds/engine"] = {"common"};
    t["checks/history"] = {"checks/core", "common"};
    t["checks/review"] = engine;
    t["checks/review"].insert({"checks/graph", "checks/history"});
    std::set<std::string> everything;
    for (const auto& [folder, _] : t) everything.insert(folder);
    t["cli"] = everything;
    return t;
  }();
  return table;
}

// The layer a file belongs to: its folder, with checks/builtin's rule folders and
// checks/facts' own files (facts.h, fact_kinds) folded into their parents.
std::string layer_of(const std::string& path) {
  for (const char* folder : {"checks/facts/routes/", "checks/facts/links/", "checks/facts/tables/"})
    if (path.rfind(folder, 0) == 0) return std::string(folder, std::string(folder).size() - 1);
  for (const auto& [folder, _] : allowed())
    if (path.rfind(folder + "/", 0) == 0 && folder != "checks/facts/routes" && folder != "checks/facts/links" &&
        folder != "checks/facts/tables")
      return folder;
  return "";
}

struct Scan {
  int files = 0;
  std::vector<std::string> violations;  // "file:line includes X (layer may not use layer)"
};

Scan scan(const fs::path& root) {
  static const std::regex include(R"re(^\s*#\s*include\s*"([^"]+)")re");
  Scan out;
  for (const char* top : {"common", "checks", "cli", "scaffolds/engine"}) {
    if (!fs::exists(root / top)) continue;
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      auto ext = entry.path().extension();
      if (!entry.is_regular_file() || (ext != ".h" && ext != ".cpp")) continue;
      std::string from = fs::relative(entry.path(), root).generic_string();
      std::string from_layer = layer_of(from);
      if (from_layer.empty()) {
        out.violations.push_back(from + ": in no layer: add its folder to the table");
        continue;
      }
      ++out.files;
      std::ifstream in(entry.path());
      int line_no = 0;
      for (std::string line; std::getline(in, line);) {
        ++line_no;
        std::smatch m;
        if (!std::regex_search(line, m, include)) continue;
        std::string to_layer = layer_of(m[1]);
        if (to_layer.empty() || to_layer == from_layer) continue;  // generated, or its own folder
        if (allowed().at(from_layer).count(to_layer)) continue;
        out.violations.push_back(from + ":" + std::to_string(line_no) + " includes " + m[1].str() + " (" +
                                 from_layer + " may not use " + to_layer + ")");
      }
    }
  }
  std::sort(out.violations.begin(), out.violations.end());
  return out;
}

}  // namespace

TEST_CASE("layering: no #include goes up or sideways between folders", "[layering]") {
  Scan found = scan(SVC_SOURCE_DIR);
  for (const auto& v : found.violations) FAIL_CHECK(v);
  CHECK(found.files > 100);
}

TEST_CASE("layering: an include that goes up is reported with its line", "[layering]") {
  svc::e2e::TempTree tree;
  tree.write_file("checks/core/findings.h", "#pragma once\n#include \"checks/core/severity.h\"\n");
  tree.write_file("checks/facts/routes/route_facts.h", "#pragma once\n\n#include \"checks/facts/tables/table_facts.h\"\n");
  tree.write_file("scaffolds/engine/render.cpp", "#include \"cli/terminal.h\"\n#include \"common/path_glob.h\"\n");
  tree.write_file("checks/newfolder/x.cpp", "\n");
  Scan found = scan(tree.path());
  CHECK(found.files == 3);
  CHECK(found.violations == std::vector<std::string>{
      "checks/facts/routes/route_facts.h:3 includes checks/facts/tables/table_facts.h (checks/facts/routes may not use "
      "checks/facts/tables)",
      "checks/newfolder/x.cpp: in no layer: add its folder to the table",
      "scaffolds/engine/render.cpp:1 includes cli/terminal.h (scaffolds/engine may not use cli)"});
}

namespace {

// "path:line: text" of each line of the files under `folders` that `pattern` matches;
// `files` counts the files read.
std::vector<std::string> lines_matching(std::initializer_list<const char*> folders, const std::regex& pattern,
                                        int& files) {
  const fs::path root = SVC_SOURCE_DIR;
  std::vector<std::string> out;
  for (const char* top : folders) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      if (!entry.is_regular_file()) continue;
      ++files;
      std::ifstream in(entry.path());
      int line_no = 0;
      for (std::string line; std::getline(in, line);)
        if (++line_no; std::regex_search(line, pattern))
          out.push_back(fs::relative(entry.path(), root).generic_string() + ":" + std::to_string(line_no) + ": " + line);
    }
  }
  return out;
}

}  // namespace

TEST_CASE("layering: cross-file facts are derived once, by DerivedFacts", "[layering]") {
  // A check or the graph that builds routes, links or ownership itself builds them again
  // on every run; they ask WorkspaceContext::derived instead.
  static const std::regex builds(R"(compute_service_links\(|compute_table_ownership\(|ServiceRoutes [a-z_]+\()");
  int files = 0;
  for (const auto& hit : lines_matching({"checks/builtin", "checks/graph", "checks/report", "checks/engine", "cli"},
                                        builds, files))
    FAIL_CHECK(hit);
  CHECK(files > 30);
}

TEST_CASE("layering: checks keep no state between files", "[layering]") {
  // What a check needs across files goes through Check::collect() and ctx.notes; a
  // mutex in a check means a hidden second facts mechanism (and results that depend on
  // thread timing).
  static const std::regex locks(R"(std::mutex|std::lock_guard)");
  int files = 0;
  for (const auto& hit : lines_matching({"checks/builtin"}, locks, files)) FAIL_CHECK(hit);
  CHECK(files > 20);
}

TEST_CASE("layering: fact kinds and checks parse YAML and JSON through Documents", "[layering]") {
  // A file's documents are parsed once (checks/syntax/documents.h) and shared by every
  // reader; a reader that parses the text itself parses it again.
  static const std::regex parses(R"(YAML::Load|json::parse\(|load_yaml_documents\()");
  int files = 0;
  for (const auto& hit : lines_matching({"checks/builtin", "checks/facts"}, parses, files)) FAIL_CHECK(hit);
  CHECK(files > 50);
}
