# Man pages generated from the built binary's help text with help2man: svc.1 from
# `svc --help`, and svc-<command>.1 from `svc <command> --help` (as git does), plus the
# hand-written sections in docs/man/*.h2m. Nothing generated is committed.
#
# Two modes. Included from CMakeLists.txt it adds the build and install rules; run as
# `cmake -DSVC=... -DSUBCOMMAND=... -P cmake/man_page.cmake` it writes one page.

if(CMAKE_SCRIPT_MODE_FILE)
  # --- script mode: one page -------------------------------------------------------
  # In: HELP2MAN, SVC (binary), VERSION, SUBCOMMAND (empty for svc.1), INCLUDE, OUTPUT.
  execute_process(COMMAND ${SVC} --help OUTPUT_VARIABLE top_help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "`${SVC} --help` failed (${rc})")
  endif()
  if(SUBCOMMAND)
    # The one-line summary is the one `svc --help` lists for the command.
    if(NOT top_help MATCHES "\n  ${SUBCOMMAND} +([^\n]+)")
      message(FATAL_ERROR "`svc --help` does not list the command `${SUBCOMMAND}`")
    endif()
    set(summary "${CMAKE_MATCH_1}")
    set(program "${SVC} ${SUBCOMMAND}")
    set(title "SVC-${SUBCOMMAND}")
  else()
    if(NOT top_help MATCHES "^svc [^ ]+ - ([^\n]+)")
      message(FATAL_ERROR "`svc --help` does not start with `svc VERSION - summary`")
    endif()
    set(summary "${CMAKE_MATCH_1}")
    set(program "${SVC}")
    set(title "SVC")
  endif()
  # Subcommands have no --version of their own: give help2man the binary's version.
  execute_process(
    COMMAND ${HELP2MAN} --no-info --section=1 --version-string=${VERSION} "--name=${summary}"
      --include=${INCLUDE} "${program}"
    OUTPUT_VARIABLE page RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT page MATCHES "\n\\.TH ")
    message(FATAL_ERROR "help2man failed for `${program}` (${rc}): ${err}")
  endif()
  # svc.1: the help's first line repeats NAME at the top of DESCRIPTION; drop it.
  string(REPLACE "\nsvc ${VERSION} \\- ${summary}\n" "\n" page "${page}")
  # help2man titles every page after the binary (SVC); name a command's page after it.
  string(TOUPPER "${title}" title)
  string(REGEX REPLACE "\n\\.TH [^ ]+ " "\n.TH ${title} " page "${page}")
  file(WRITE ${OUTPUT}.tmp "${page}")
  file(RENAME ${OUTPUT}.tmp ${OUTPUT})
  return()
endif()

# --- configure mode: build and install rules ------------------------------------------
option(SVC_MAN_PAGES "Generate man pages from the help text (needs help2man) and install them" ON)
if(NOT SVC_MAN_PAGES)
  return()
endif()
find_program(SVC_HELP2MAN help2man)
if(NOT SVC_HELP2MAN)
  message(FATAL_ERROR "help2man not found: run scripts/install-deps.sh, or configure with -DSVC_MAN_PAGES=OFF")
endif()

# Keep in step with `svc help`: a command missing here has no page (the script fails
# when one listed here is missing from the help).
set(SVC_MAN_COMMANDS audit rules explain test new graph review upgrade add)
set(SVC_MAN_DIR ${CMAKE_BINARY_DIR}/man)
set(SVC_MAN_PAGE_FILES)
foreach(command "" ${SVC_MAN_COMMANDS})
  if(command)
    set(page ${SVC_MAN_DIR}/svc-${command}.1)
    set(include ${CMAKE_SOURCE_DIR}/docs/man/svc-command.h2m)
  else()
    set(page ${SVC_MAN_DIR}/svc.1)
    set(include ${CMAKE_SOURCE_DIR}/docs/man/svc.h2m)
  endif()
  add_custom_command(OUTPUT ${page}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${SVC_MAN_DIR}
    COMMAND ${CMAKE_COMMAND} -DHELP2MAN=${SVC_HELP2MAN} -DSVC=$<TARGET_FILE:svc>
      -DVERSION=${PROJECT_VERSION} -DSUBCOMMAND=${command} -DINCLUDE=${include} -DOUTPUT=${page}
      -P ${CMAKE_CURRENT_LIST_DIR}/man_page.cmake
    DEPENDS svc ${include} ${CMAKE_CURRENT_LIST_DIR}/man_page.cmake
    COMMENT "Generating man page ${page}"
    VERBATIM)
  list(APPEND SVC_MAN_PAGE_FILES ${page})
endforeach()
add_custom_target(svc_man ALL DEPENDS ${SVC_MAN_PAGE_FILES})
install(FILES ${SVC_MAN_PAGE_FILES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
