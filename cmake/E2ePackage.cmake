# Installs the Docker Engine client and the harness as a CMake package, so
# another project can
#   find_package(mcp_e2e REQUIRED)
#   target_link_libraries(app PRIVATE mcp_e2e::docker)     # the Engine client
#   e2e_add_scenario(mine mine_test.cpp STACK_FILE stack.yml)  # TEST_F on e2e::StackTest
# (test/package/consumer does both; mcp_e2eScenario.cmake has the function).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(mcp_e2e_docker PROPERTIES EXPORT_NAME docker)
set_target_properties(mcp_e2e_harness PROPERTIES EXPORT_NAME harness)
set_target_properties(mcp_e2e_live PROPERTIES EXPORT_NAME live)
set_target_properties(mcp_e2e_redact PROPERTIES EXPORT_NAME redact)
install(TARGETS mcp_e2e_docker mcp_e2e_harness mcp_e2e_live mcp_e2e_redact
        EXPORT mcp_e2eTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/docker" "${PROJECT_SOURCE_DIR}/include/e2e"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

set(E2E_PACKAGE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/mcp_e2e)
install(EXPORT mcp_e2eTargets NAMESPACE mcp_e2e:: DESTINATION ${E2E_PACKAGE_DIR})
configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/mcp_e2eConfig.cmake.in"
                              "${PROJECT_BINARY_DIR}/mcp_e2eConfig.cmake"
                              INSTALL_DESTINATION ${E2E_PACKAGE_DIR})
write_basic_package_version_file("${PROJECT_BINARY_DIR}/mcp_e2eConfigVersion.cmake"
                                 COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/mcp_e2eConfig.cmake"
              "${PROJECT_BINARY_DIR}/mcp_e2eConfigVersion.cmake"
              "${PROJECT_SOURCE_DIR}/cmake/mcp_e2eScenario.cmake"
              # Debian's cpp-httplib has no CMake package: the harness links it.
              "${PROJECT_SOURCE_DIR}/cmake/Findhttplib.cmake"
        DESTINATION ${E2E_PACKAGE_DIR})
