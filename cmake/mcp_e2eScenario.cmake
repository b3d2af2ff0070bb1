# e2e_add_scenario(name source... STACK_FILE file [IMAGE_MANIFEST file]
#                  [LIBS targets...] [TIMEOUT seconds] [LABELS labels...])
# For projects that use the installed package (find_package(mcp_e2e)): one
# GoogleTest binary <name>_scenario whose TEST_Fs derive from e2e::StackTest,
# each discovered as its own CTest test "<name>.<Suite>.<Test>" (label e2e
# unless LABELS says otherwise), run against STACK_FILE. IMAGE_MANIFEST: a
# JSON object of image variables (e.g. {"MY_SERVER_IMAGE": "me/server:1"})
# for the stack file's ${...}; without it an empty one is used, and the
# stack file names its images itself or takes them from the environment.
# Artifacts of failed tests go to <build>/e2e-artifacts/<Suite.Test>/.
# Nothing here refers to mcp-e2e's source tree.
include(GoogleTest)

function(e2e_add_scenario name)
  cmake_parse_arguments(ARG "" "STACK_FILE;IMAGE_MANIFEST;TIMEOUT" "LIBS;LABELS" ${ARGN})
  if(NOT ARG_STACK_FILE)
    message(FATAL_ERROR "e2e_add_scenario(${name}): STACK_FILE is required")
  endif()
  if(NOT ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "e2e_add_scenario(${name}): no source files")
  endif()
  cmake_path(ABSOLUTE_PATH ARG_STACK_FILE BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  if(ARG_IMAGE_MANIFEST)
    cmake_path(ABSOLUTE_PATH ARG_IMAGE_MANIFEST BASE_DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}")
  else()
    set(ARG_IMAGE_MANIFEST "${CMAKE_CURRENT_BINARY_DIR}/${name}.no-images.json")
    file(WRITE "${ARG_IMAGE_MANIFEST}" "{}\n")
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 600)
  endif()
  if(NOT ARG_LABELS)
    set(ARG_LABELS e2e)
  endif()

  add_executable(${name}_scenario ${ARG_UNPARSED_ARGUMENTS})
  target_link_libraries(${name}_scenario PRIVATE mcp_e2e::harness GTest::gtest_main ${ARG_LIBS})
  gtest_discover_tests(${name}_scenario DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 30
                       TEST_PREFIX "${name}." PROPERTIES TIMEOUT ${ARG_TIMEOUT})
  # The harness reads where things are from the environment (e2e/paths.h).
  # gtest_discover_tests would split list-valued properties, so the
  # environment and the labels are set by a file ctest includes after the
  # discovered tests.
  set(environment
      "E2E_COMPOSE_FILE=${ARG_STACK_FILE}"
      "E2E_IMAGE_MANIFEST=${ARG_IMAGE_MANIFEST}"
      "E2E_ARTIFACTS_DIR=${CMAKE_BINARY_DIR}/e2e-artifacts"
      "E2E_TIMINGS_FILE=${CMAKE_BINARY_DIR}/e2e-steps.tsv")
  set(tests "${name}_scenario_TESTS")
  set(environment_file "${CMAKE_CURRENT_BINARY_DIR}/${name}_scenario_environment.cmake")
  file(WRITE "${environment_file}"
       "if(${tests})\n"
       "  set_tests_properties(\${${tests}} PROPERTIES ENVIRONMENT [==[${environment}]==]\n"
       "                       LABELS [==[${ARG_LABELS}]==])\n"
       "endif()\n")
  set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES "${environment_file}")
endfunction()
