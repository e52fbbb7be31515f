# Templates for `svc new` (scaffolds/<name>/template.yaml and files/**) are embedded into
# the binary, byte for byte, so `svc new` works offline and never reads a template from
# disk or the network at run time. Adding, changing or removing a template file
# regenerates the source (CONFIGURE_DEPENDS re-globs). scaffolds/_shared/** holds the
# partials templates include; it is embedded under the name _shared, without a manifest.
# scaffolds/<name>/versions/<N>.patch keeps what an older released version had otherwise
# (scaffolds/engine/template_versions.h), embedded too so `svc upgrade` runs offline.
file(GLOB_RECURSE SVC_SCAFFOLD_CANDIDATES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/scaffolds/*)
set(SVC_SCAFFOLD_FILES "")
foreach(f ${SVC_SCAFFOLD_CANDIDATES})
  if(f MATCHES "^${CMAKE_SOURCE_DIR}/scaffolds/([^/]+/(template\\.yaml|files/.+|resource/.+|versions/[0-9]+\\.(patch|absent|blobs))|_shared/.+)$"
     AND NOT f MATCHES "^${CMAKE_SOURCE_DIR}/scaffolds/engine/")
    list(APPEND SVC_SCAFFOLD_FILES ${f})
  endif()
endforeach()
list(SORT SVC_SCAFFOLD_FILES)
# The generator reads this list rather than globbing again; it is rewritten only when it
# changes, and depending on it re-runs the generator when a file is added or removed.
set(SVC_SCAFFOLD_LIST ${SVC_GENERATED_DIR}/embedded_scaffolds.list)
string(REPLACE ";" "\n" scaffold_lines "${SVC_SCAFFOLD_FILES}")
file(CONFIGURE OUTPUT ${SVC_SCAFFOLD_LIST} CONTENT "${scaffold_lines}\n" @ONLY)
set(SVC_SCAFFOLD_SOURCE ${SVC_GENERATED_DIR}/embedded_scaffolds.cpp)
add_custom_command(
  OUTPUT ${SVC_SCAFFOLD_SOURCE}
  COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${CMAKE_SOURCE_DIR} -DOUTPUT=${SVC_SCAFFOLD_SOURCE}
          -DLIST=${SVC_SCAFFOLD_LIST}
          -P ${CMAKE_SOURCE_DIR}/cmake/generate_embedded_scaffolds.cmake
  DEPENDS ${SVC_SCAFFOLD_FILES} ${SVC_SCAFFOLD_LIST} ${CMAKE_SOURCE_DIR}/cmake/generate_embedded_scaffolds.cmake
  COMMENT "Embedding scaffold templates")
list(APPEND SVC_EMBEDDED_SOURCES ${SVC_SCAFFOLD_SOURCE})
