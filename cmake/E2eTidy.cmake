# clang-tidy over every source file as the CTest test tidy.sources (label
# tidy), registered only where E2E_TIDY_TEST is on: the `tidy` preset, whose
# compile database has one entry per file (no unity build). scripts/check-tidy
# runs it; it takes minutes, so it is not part of the default test run.
option(E2E_TIDY_TEST "Register clang-tidy as the CTest test tidy.sources" OFF)
if(E2E_TIDY_TEST)
  find_program(E2E_RUN_CLANG_TIDY run-clang-tidy REQUIRED)
  cmake_host_system_information(RESULT cores QUERY NUMBER_OF_LOGICAL_CORES)
  add_test(NAME tidy.sources
    COMMAND ${E2E_RUN_CLANG_TIDY} -p ${PROJECT_BINARY_DIR} -quiet -j ${cores}
            "^${PROJECT_SOURCE_DIR}/(src|test|bench|fixtures)/.*\\.cpp$")
  set_tests_properties(tidy.sources PROPERTIES LABELS tidy TIMEOUT 7200)
endif()
