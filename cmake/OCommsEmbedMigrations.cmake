# cmake -DDIR=<migrations dir> -DOUT=<file.cpp> -DSYMBOL=<C symbol> -P OCommsEmbedMigrations.cmake
# Writes a C++ file defining the ocomms_migration_table <SYMBOL> from DIR/{sqlite,postgres}/NNNN_name.sql.
set(_entries "")
set(_count 0)
foreach(_dialect sqlite postgres)
  file(GLOB _files "${DIR}/${_dialect}/*.sql")
  list(SORT _files)
  foreach(_file IN LISTS _files)
    get_filename_component(_base "${_file}" NAME_WE)
    if(NOT _base MATCHES "^([0-9]+)_([A-Za-z0-9_]+)$")
      message(FATAL_ERROR "${_file}: a migration is named NNNN_name.sql (digits, '_', a name)")
    endif()
    math(EXPR _version "${CMAKE_MATCH_1}")
    set(_name "${CMAKE_MATCH_2}")
    file(READ "${_file}" _sql)
    string(FIND "${_sql}" ")ocomms_sql\"" _clash)
    if(NOT _clash EQUAL -1)
      message(FATAL_ERROR "${_file}: contains the raw-string delimiter )ocomms_sql\"")
    endif()
    string(APPEND _entries "    {\"${_dialect}\", ${_version}, \"${_name}\", R\"ocomms_sql(${_sql})ocomms_sql\"},\n")
    math(EXPR _count "${_count} + 1")
  endforeach()
endforeach()
if(_count EQUAL 0)
  message(FATAL_ERROR "${DIR}: no migrations found under sqlite/ or postgres/")
endif()
file(WRITE "${OUT}.tmp" "// Generated from ${DIR} by OCommsEmbedMigrations.cmake. Do not edit.
#include <ocomms/migration.hpp>

namespace {
const ocomms_migration kMigrations[] = {
${_entries}};
}  // namespace

extern \"C\" __attribute__((visibility(\"default\"))) const ocomms_migration_table ${SYMBOL} = {
    sizeof(kMigrations) / sizeof(kMigrations[0]), kMigrations};
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
