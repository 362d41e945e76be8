# `cmake --install build --prefix P` gives: P/bin/ocomms, P/lib/ocomms/plugins/*.so, P/include/ocomms/,
# P/share/ocomms/config/, and P/lib/cmake/OComms/ for out-of-tree plugins (find_package(OComms)).
# `--component runtime` leaves out the SDK (include/ and lib/cmake/), as docker/Dockerfile does.
include(CMakePackageConfigHelpers)

install(TARGETS ocomms RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY core/include/ocomms DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT sdk)
install(FILES config/ocomms.yaml config/ocomms.compose.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/ocomms/config)

configure_package_config_file(cmake/OCommsConfig.cmake.in "${CMAKE_CURRENT_BINARY_DIR}/OCommsConfig.cmake"
                              INSTALL_DESTINATION ${OCOMMS_INSTALL_CMAKE_DIR}
                              PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_INCLUDEDIR OCOMMS_INSTALL_PLUGIN_DIR)
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/OCommsConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/OCommsConfig.cmake" "${CMAKE_CURRENT_BINARY_DIR}/OCommsConfigVersion.cmake"
              cmake/OCommsPlugin.cmake cmake/OCommsEmbedMigrations.cmake cmake/FindSOCI.cmake
        DESTINATION ${OCOMMS_INSTALL_CMAKE_DIR} COMPONENT sdk)
