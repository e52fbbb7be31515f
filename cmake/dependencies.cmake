# Libraries from Debian packages (scripts/install-deps.sh installs them).
find_package(PkgConfig REQUIRED)
find_package(fmt REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(CLI11 CONFIG QUIET)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(TREE_SITTER REQUIRED IMPORTED_TARGET tree-sitter)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
find_package(Threads REQUIRED)

add_library(svc_deps INTERFACE)
add_library(svc::deps ALIAS svc_deps)
target_link_libraries(svc_deps INTERFACE
  fmt::fmt yaml-cpp nlohmann_json::nlohmann_json
  PkgConfig::LIBGIT2 PkgConfig::TREE_SITTER PkgConfig::RE2 PkgConfig::XXHASH Threads::Threads)
if(TARGET CLI11::CLI11)
  target_link_libraries(svc_deps INTERFACE CLI11::CLI11)
endif()
