# Templates for `svc new` (scaffolds/<name>/template.yaml and files/**) are embedded into
# the binary, byte for byte, so `svc new` works offline and never reads a template from
# disk or the network at run time. Adding, changing or removing a template file
# regenerates the source (CONFIGURE_DEPENDS re-globs; the list's hash is on the command
# line so a new or deleted file re-runs the generator even when its time stamp is old).
file(GLOB_RECURSE SVC_SCAFFOLD_CANDIDATES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scaffolds/*)
set(SVC_SCAFFOLD_FILES "")
foreach(f ${SVC_SCAFFOLD_CANDIDATES})
  if(f MATCHES "^${CMAKE_SOURCE_DIR}/scaffolds/[^/]+/(template\\.yaml|files/.+)$"
     AND NOT f MATCHES "^${CMAKE_SOURCE_DIR}/scaffolds/engine/")
    list(APPEND SVC_SCAFFOLD_FILES ${f})
  endif()
endforeach()
list(SORT SVC_SCAFFOLD_FILES)
string(SHA256 SVC_SCAFFOLD_LIST_HASH "${SVC_SCAFFOLD_FILES}")
set(SVC_SCAFFOLD_SOURCE ${SVC_GENERATED_DIR}/embedded_scaffolds.cpp)
add_custom_command(
  OUTPUT ${SVC_SCAFFOLD_SOURCE}
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${SVC_SCAFFOLD_SOURCE}
          -DLIST_HASH=${SVC_SCAFFOLD_LIST_HASH}
          -P ${CMAKE_SOURCE_DIR}/cmake/generate_embedded_scaffolds.cmake
  DEPENDS ${SVC_SCAFFOLD_FILES} ${CMAKE_SOURCE_DIR}/cmake/generate_embedded_scaffolds.cmake
  COMMENT "Embedding scaffold templates")
list(APPEND SVC_EMBEDDED_SOURCES ${SVC_SCAFFOLD_SOURCE})
