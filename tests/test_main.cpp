// The suite's main: Catch2's own, with two warnings always on, because a green run must
// mean the tests ran and checked something. NoTests fails a run whose test name matches
// nothing (a ctest entry that catch_discover_tests mangled); NoAssertions fails a test
// case that asserts nothing. Catch2 2.13 takes only one `-w` on its command line.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

int main(int argc, char* argv[]) {
  Catch::Session session;
  if (int rc = session.applyCommandLine(argc, argv); rc != 0) return rc;
  auto& config = session.configData();
  config.warnings = static_cast<Catch::WarnAbout::What>(config.warnings | Catch::WarnAbout::NoAssertions |
                                                        Catch::WarnAbout::NoTests);
  return session.run();
}
