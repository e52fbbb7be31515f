# tree-sitter grammars arrive as npm packages pinned in package.json/package-lock.json.
# Only their generated src/parser.c and src/scanner.c are compiled; no package script runs.
set(SVC_NODE_MODULES ${CMAKE_SOURCE_DIR}/node_modules)
set(SVC_GRAMMAR_STAMP ${SVC_NODE_MODULES}/.svc-lock-hash)
file(SHA256 ${CMAKE_SOURCE_DIR}/package-lock.json SVC_LOCK_HASH)
set(SVC_INSTALLED_HASH "")
if(EXISTS ${SVC_GRAMMAR_STAMP})
  file(READ ${SVC_GRAMMAR_STAMP} SVC_INSTALLED_HASH)
endif()
if(NOT SVC_INSTALLED_HASH STREQUAL SVC_LOCK_HASH)
  find_program(SVC_NPM npm REQUIRED)
  message(STATUS "Installing tree-sitter grammars with npm ci")
  execute_process(
    COMMAND ${SVC_NPM} ci --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error
    WORKING_DIRECTORY ${CMAKE_SOURCE_DIR}
    RESULT_VARIABLE SVC_NPM_RESULT)
  if(NOT SVC_NPM_RESULT EQUAL 0)
    message(FATAL_ERROR "npm ci failed (${SVC_NPM_RESULT}); the grammars are needed to build svc")
  endif()
  file(WRITE ${SVC_GRAMMAR_STAMP} ${SVC_LOCK_HASH})
endif()
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/package-lock.json)

set(SVC_GRAMMAR_DIRS
  tree-sitter-typescript/typescript
  tree-sitter-typescript/tsx
  tree-sitter-javascript
  tree-sitter-python
  tree-sitter-go
  @derekstride/tree-sitter-sql
  tree-sitter-json)
add_library(svc_grammars STATIC)
foreach(dir ${SVC_GRAMMAR_DIRS})
  set(src ${SVC_NODE_MODULES}/${dir}/src)
  if(NOT EXISTS ${src}/parser.c)
    message(FATAL_ERROR "grammar source missing: ${src}/parser.c (delete node_modules and re-run cmake)")
  endif()
  set(files ${src}/parser.c)
  if(EXISTS ${src}/scanner.c)
    list(APPEND files ${src}/scanner.c)
  endif()
  # Each grammar gets its own include path: they ship different tree_sitter/parser.h copies.
  string(MAKE_C_IDENTIFIER ${dir} lib)
  add_library(svc_grammar_${lib} OBJECT ${files})
  target_include_directories(svc_grammar_${lib} PRIVATE ${src})
  target_compile_options(svc_grammar_${lib} PRIVATE -w -O1 -g0)
  set_target_properties(svc_grammar_${lib} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  target_sources(svc_grammars PRIVATE $<TARGET_OBJECTS:svc_grammar_${lib}>)
endforeach()
