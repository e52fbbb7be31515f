# Rules (YAML) and their doc pages are embedded into the binary, and the table of
# builtin checks is generated from each YAML's `implementation:` so no registry is
# ever edited by hand.
set(SVC_GENERATED_DIR ${CMAKE_BINARY_DIR}/generated)
file(GLOB SVC_RULE_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/rules/*.yaml)
file(GLOB SVC_DOC_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/docs/rules/*.md)
set(SVC_EMBEDDED_SOURCES ${SVC_GENERATED_DIR}/embedded_rules.cpp ${SVC_GENERATED_DIR}/builtin_registry.cpp)
add_custom_command(
  OUTPUT ${SVC_EMBEDDED_SOURCES}
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUT_DIR=${SVC_GENERATED_DIR}
          -P ${CMAKE_SOURCE_DIR}/cmake/generate_embedded.cmake
  DEPENDS ${SVC_RULE_FILES} ${SVC_DOC_FILES} ${CMAKE_SOURCE_DIR}/cmake/generate_embedded.cmake
  COMMENT "Embedding rules and docs")
