# e2e_add_gtest(NAME name LABEL unit|integration|e2e SOURCES ... LIBS ... [TIMEOUT s] [FIXTURES ...]
#               [PREFIX p] [ENVIRONMENT VAR=value])  PREFIX is put before every CTest name,
#               e.g. "smoke."; ENVIRONMENT is set for every test of the binary.
# One GoogleTest binary whose tests CTest discovers one by one (so IDE test
# explorers list every TEST_F), labelled so `ctest -L unit` etc. pick a layer.
# Discovery runs when ctest runs, not at build time, so building never needs Docker.
function(e2e_add_gtest)
  cmake_parse_arguments(ARG "" "NAME;LABEL;TIMEOUT;PREFIX;ENVIRONMENT" "SOURCES;LIBS;FIXTURES"
                        ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE ${ARG_LIBS} GTest::gmock GTest::gtest_main e2e_warnings)
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 60)
  endif()
  set(props LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
  if(ARG_FIXTURES)
    list(APPEND props FIXTURES_REQUIRED "${ARG_FIXTURES}")
  endif()
  if(ARG_ENVIRONMENT)
    list(APPEND props ENVIRONMENT "${ARG_ENVIRONMENT}")
  endif()
  gtest_discover_tests(${ARG_NAME} DISCOVERY_MODE PRE_TEST DISCOVERY_TIMEOUT 30
                       TEST_PREFIX "${ARG_PREFIX}" PROPERTIES ${props})
endfunction()
