# Script mode: writes embedded_scaffolds.cpp, every file of every template as a byte
# array (template files hold any characters, so no string-literal delimiter is safe).
# In: SOURCE_DIR, OUTPUT, LIST (the template files, one per line, from embed_scaffolds.cmake).
file(STRINGS ${LIST} files)
set(arrays "")
set(rows "")
set(index 0)
foreach(f ${files})
  file(RELATIVE_PATH rel ${SOURCE_DIR}/scaffolds ${f})
  string(REGEX REPLACE "^([^/]+)/(.+)$" "\\1" template "${rel}")
  string(REGEX REPLACE "^([^/]+)/(.+)$" "\\2" path "${rel}")
  file(READ ${f} hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  if(size EQUAL 0)
    set(bytes "0")
  else()
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
    # Break the array into lines of 32 bytes so compilers and editors stay comfortable.
    string(REGEX REPLACE "((0x[0-9a-f][0-9a-f],){32})" "\\1\n" bytes "${bytes}")
  endif()
  # Paths are used in a C string: escape what C cares about.
  string(REPLACE "\\" "\\\\" c_path "${path}")
  string(REPLACE "\"" "\\\"" c_path "${c_path}")
  string(APPEND arrays "static const unsigned char file_${index}[] = {\n${bytes}};\n")
  string(APPEND rows "      {\"${template}\", \"${c_path}\", file_${index}, ${size}},\n")
  math(EXPR index "${index} + 1")
endforeach()
file(WRITE ${OUTPUT}.tmp
  "// Generated from scaffolds/*/template.yaml and scaffolds/*/files/**. Do not edit.\n"
  "#include \"scaffolds/engine/embedded.h\"\n"
  "namespace svc::scaffolds {\nnamespace {\n${arrays}}  // namespace\n"
  "const std::vector<EmbeddedFile>& embedded_files() {\n"
  "  static const std::vector<EmbeddedFile> files = {\n${rows}  };\n"
  "  return files;\n}\n}  // namespace svc::scaffolds\n")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
