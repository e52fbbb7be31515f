// The install story: `cmake --install` puts svc and its man pages (generated from the
// help text) under a prefix, and the installed binary runs on its own: the grammars
// are linked in, nothing is read from the source or build tree at run time.
#include <catch2/catch.hpp>

#include <cctype>
#include <filesystem>
#include <string>

#include "e2e/cli_runner.h"
#include "e2e/sample_files.h"
#include "e2e/temp_tree.h"

using namespace svc::e2e;
namespace fs = std::filesystem;

namespace {

// The first line that is not a roff comment (help2man starts with `.\" DO NOT MODIFY`).
std::string first_roff_request(const std::string& page) {
  size_t pos = 0;
  while (pos < page.size()) {
    size_t end = page.find('\n', pos);
    if (end == std::string::npos) end = page.size();
    std::string line = page.substr(pos, end - pos);
    if (line.rfind(".\\\"", 0) != 0) return line;
    pos = end + 1;
  }
  return "";
}

}  // namespace

TEST_CASE("install: cmake --install puts svc and its man pages under the prefix", "[e2e][install]") {
  TempTree prefix;
  auto install = run_program({SVC_CMAKE, "--install", SVC_BUILD_DIR, "--prefix", prefix.str()});
  INFO(install.out << install.err);
  REQUIRE(install.exit_code == 0);

  fs::path svc = prefix.path() / "bin" / "svc";
  REQUIRE(fs::exists(svc));
  auto version = run_program({svc.string(), "--version"});
  CHECK(version.exit_code == 0);
  CHECK(version.out.rfind("svc ", 0) == 0);

  // Run from the prefix, away from the source tree and its node_modules.
  TempTree repo;
  repo.write_file("services/api/Dockerfile", kRootDockerfile);
  auto rules = run_program({svc.string(), "rules"}, {.cwd = prefix.path()});
  CHECK(rules.exit_code == 0);
  CHECK(rules.out.find("docker-root-user") != std::string::npos);
  auto audit = run_program({svc.string(), "audit", repo.str(), "--no-progress"}, {.cwd = prefix.path()});
  INFO(audit.out << audit.err);
  CHECK(audit.exit_code == 1);
  CHECK(audit.out.find("[docker-root-user]") != std::string::npos);

  if (!SVC_MAN_PAGES) return;  // configured with -DSVC_MAN_PAGES=OFF
  fs::path man1 = prefix.path() / "share" / "man" / "man1";
  std::string page = prefix.read_file("share/man/man1/svc.1");
  CHECK(first_roff_request(page).rfind(".TH SVC \"1\"", 0) == 0);
  CHECK(page.find("audit") != std::string::npos);
  CHECK(page.find("EXIT STATUS") != std::string::npos);
  for (std::string command : {"audit", "rules", "explain", "graph", "review", "upgrade", "add"}) {
    INFO(command);
    std::string upper = command;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    std::string sub = prefix.read_file("share/man/man1/svc-" + command + ".1");
    CHECK(first_roff_request(sub).rfind(".TH SVC-" + upper + " \"1\"", 0) == 0);
    CHECK(sub.find("svc " + command) != std::string::npos);
  }

  // Where man is installed, it must render the page (no troff warnings on stderr).
  if (fs::exists("/usr/bin/man")) {
    auto man = run_program({"/usr/bin/man", "-l", (man1 / "svc-audit.1").string()},
                           {.env = {{"MANWIDTH", "100"}, {"MANPAGER", "cat"}, {"PAGER", "cat"}}});
    INFO(man.err);
    CHECK(man.exit_code == 0);
    CHECK(man.out.find("--fail-on") != std::string::npos);
    CHECK(man.err.empty());
  }
}
