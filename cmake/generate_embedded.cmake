# Script mode: writes embedded_rules.cpp (rule YAML + doc text) and builtin_registry.cpp.
file(GLOB rule_files ${SOURCE_DIR}/rules/*.yaml)
list(SORT rule_files)
set(entries "")
set(impls "")
foreach(f ${rule_files})
  get_filename_component(id ${f} NAME_WE)
  file(READ ${f} yaml)
  set(doc "")
  if(EXISTS ${SOURCE_DIR}/docs/rules/${id}.md)
    file(READ ${SOURCE_DIR}/docs/rules/${id}.md doc)
  endif()
  string(APPEND entries "  {\"${id}\", R\"svc_embed(${yaml})svc_embed\", R\"svc_embed(${doc})svc_embed\"},\n")
  file(STRINGS ${f} impl_line REGEX "^implementation:")
  if(impl_line)
    string(REGEX REPLACE "^implementation:[ \t]*([a-z0-9_]+).*" "\\1" impl "${impl_line}")
    list(APPEND impls ${impl})
  endif()
endforeach()
list(REMOVE_DUPLICATES impls)
list(REMOVE_ITEM impls engine)
file(WRITE ${OUT_DIR}/embedded_rules.cpp.tmp
  "// Generated from rules/*.yaml and docs/rules/*.md. Do not edit.\n"
  "#include \"checks/core/embedded.h\"\n"
  "namespace svc::engine {\n"
  "const std::vector<EmbeddedRule>& embedded_rules() {\n"
  "  static const std::vector<EmbeddedRule> rules = {\n${entries}  };\n"
  "  return rules;\n}\n}  // namespace svc::engine\n")
set(decls "")
set(rows "")
foreach(impl ${impls})
  string(APPEND decls "std::unique_ptr<Check> make_${impl}();\n")
  string(APPEND rows "    {\"${impl}\", &make_${impl}},\n")
endforeach()
file(WRITE ${OUT_DIR}/builtin_registry.cpp.tmp
  "// Generated from the `implementation:` of rules/*.yaml. Do not edit.\n"
  "#include \"checks/engine/check.h\"\n"
  "namespace svc::builtin {\nusing engine::Check;\n${decls}}\n"
  "namespace svc::engine {\n"
  "const std::map<std::string, CheckFactory>& builtin_checks() {\n"
  "  using namespace svc::builtin;\n"
  "  static const std::map<std::string, CheckFactory> table = {\n${rows}  };\n"
  "  return table;\n}\n}  // namespace svc::engine\n")
foreach(name embedded_rules builtin_registry)
  file(COPY_FILE ${OUT_DIR}/${name}.cpp.tmp ${OUT_DIR}/${name}.cpp ONLY_IF_DIFFERENT)
endforeach()
