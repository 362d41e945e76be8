# ocomms_add_plugin(<name> SOURCES <file>... [MIGRATIONS <dir>] [OUTPUT_DIRECTORY <dir>])
#
# Builds the plugin <name> as the shared object `<name>.so`, against the OComms SDK. MIGRATIONS names a
# folder with `sqlite/NNNN_name.sql` and `postgres/NNNN_name.sql`; they are compiled into the plugin.
# Used in the OComms tree and, installed, by out-of-tree plugins after `find_package(OComms)`.
set(_OCOMMS_PLUGIN_CMAKE_DIR "${CMAKE_CURRENT_LIST_DIR}")

# ocomms_embed_migrations(<target> <dir> <symbol>): compiles the migrations in <dir> into <target> as the
# C table <symbol> (see ocomms/migration.hpp).
function(ocomms_embed_migrations target dir symbol)
  get_filename_component(dir "${dir}" ABSOLUTE)
  file(GLOB_RECURSE _sql CONFIGURE_DEPENDS "${dir}/sqlite/*.sql" "${dir}/postgres/*.sql")
  # Named by symbol too, so that one target can embed several tables (tests embed several plugins').
  set(_out "${CMAKE_CURRENT_BINARY_DIR}/${target}_${symbol}.cpp")
  add_custom_command(
    OUTPUT "${_out}"
    COMMAND "${CMAKE_COMMAND}" -DDIR=${dir} -DOUT=${_out} -DSYMBOL=${symbol}
            -P "${_OCOMMS_PLUGIN_CMAKE_DIR}/OCommsEmbedMigrations.cmake"
    DEPENDS ${_sql} "${_OCOMMS_PLUGIN_CMAKE_DIR}/OCommsEmbedMigrations.cmake"
    COMMENT "Embedding migrations of ${target}"
    VERBATIM)
  target_sources(${target} PRIVATE "${_out}")
endfunction()

function(ocomms_add_plugin name)
  cmake_parse_arguments(ARG "" "MIGRATIONS;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "ocomms_add_plugin(${name}): SOURCES is required")
  endif()
  if(NOT name MATCHES "^[a-z][a-z0-9-]*$")
    message(FATAL_ERROR "ocomms_add_plugin(${name}): a plugin name is lowercase letters, digits and '-'")
  endif()
  set(target "ocomms_plugin_${name}")
  string(REPLACE "-" "_" target "${target}")
  add_library(${target} MODULE ${ARG_SOURCES})
  if(TARGET ocomms_sdk)
    target_link_libraries(${target} PRIVATE ocomms_sdk)
  else()
    target_link_libraries(${target} PRIVATE OComms::sdk)
  endif()
  if(COMMAND ocomms_target_warnings)
    ocomms_target_warnings(${target})
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    set(ARG_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugins")
  endif()
  # Only the manifest and the factory are exported; everything else stays private to the plugin.
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME "${name}" SUFFIX ".so"
    LIBRARY_OUTPUT_DIRECTORY "${ARG_OUTPUT_DIRECTORY}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_link_options(${target} PRIVATE -Wl,--no-undefined)
  if(ARG_MIGRATIONS)
    ocomms_embed_migrations(${target} "${ARG_MIGRATIONS}" ocomms_plugin_migrations)
  endif()
  set(OCOMMS_LAST_PLUGIN_TARGET ${target} PARENT_SCOPE)
endfunction()
