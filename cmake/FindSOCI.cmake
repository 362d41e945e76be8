# Finds SOCI (Debian's libsoci-dev ships no CMake package) and defines SOCI::core, SOCI::sqlite3 and
# SOCI::postgresql (the backends only where their libraries are installed).
find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY soci_core)
find_library(SOCI_SQLITE3_LIBRARY soci_sqlite3)
find_library(SOCI_POSTGRESQL_LIBRARY soci_postgresql)

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI REQUIRED_VARS SOCI_CORE_LIBRARY SOCI_INCLUDE_DIR)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}")
  if(SOCI_SQLITE3_LIBRARY)
    add_library(SOCI::sqlite3 UNKNOWN IMPORTED)
    set_target_properties(SOCI::sqlite3 PROPERTIES IMPORTED_LOCATION "${SOCI_SQLITE3_LIBRARY}"
                          INTERFACE_LINK_LIBRARIES SOCI::core)
  endif()
  if(SOCI_POSTGRESQL_LIBRARY)
    # SOCI's PostgreSQL headers include libpq's, which Debian keeps in /usr/include/postgresql.
    find_path(SOCI_LIBPQ_INCLUDE_DIR libpq-fe.h PATH_SUFFIXES postgresql)
    add_library(SOCI::postgresql UNKNOWN IMPORTED)
    set_target_properties(SOCI::postgresql PROPERTIES IMPORTED_LOCATION "${SOCI_POSTGRESQL_LIBRARY}"
                          INTERFACE_INCLUDE_DIRECTORIES "${SOCI_LIBPQ_INCLUDE_DIR}"
                          INTERFACE_LINK_LIBRARIES SOCI::core)
  endif()
endif()
