# The plan's mcp-e2e-runner: an image holding the scenario binaries, ctest and
# everything they read (stack file, fixtures, the image manifest), so the
# suite runs from a container that has only the Docker socket
# (scripts/e2e-in-runner; docker/e2e-runner.Dockerfile says how it is laid out).
#
# `cmake --build build --target runner-image` builds the stack's images first
# (the runner pins their tags through the manifest it carries), then this one;
# its tag is in <build>/images/runner-manifest.json (E2E_RUNNER_IMAGE).
# Included after test/, where e2e_add_scenario lists the scenario binaries.

get_property(E2E_RUNNER_SCENARIO_TARGETS GLOBAL PROPERTY E2E_SCENARIO_TARGETS)
set(E2E_RUNNER_SCENARIOS "")
foreach(target IN LISTS E2E_RUNNER_SCENARIO_TARGETS)
  string(REGEX REPLACE "_scenario$" "" scenario "${target}")
  list(APPEND E2E_RUNNER_SCENARIOS "${scenario}")
endforeach()
# The runner's CTestTestfile.cmake: the same test names as the build tree.
configure_file("${PROJECT_SOURCE_DIR}/docker/e2e-runner.CTestTestfile.cmake.in"
               "${E2E_IMAGES_DIR}/e2e-runner.CTestTestfile.cmake" @ONLY)

find_program(E2E_CTEST_PROGRAM ctest REQUIRED)
set(corpus "${PROJECT_BINARY_DIR}/fixtures/large_context/corpus")
e2e_image_context(NAME e2e-runner STANDALONE
  DOCKERFILE "${PROJECT_SOURCE_DIR}/docker/e2e-runner.Dockerfile"
  BINARIES ${E2E_RUNNER_SCENARIO_TARGETS}
  PROGRAMS "${E2E_CTEST_PROGRAM}"
  # The manifest is a link: it exists once `images` ran (a dependency of this
  # target), and its content, not the link, goes into the image and its tag.
  LINKS "CTestTestfile.cmake=${E2E_IMAGES_DIR}/e2e-runner.CTestTestfile.cmake"
        "stack.yml=${PROJECT_SOURCE_DIR}/compose/stack.yml"
        "fixtures=${PROJECT_SOURCE_DIR}/fixtures"
        "corpus=${corpus}"
        "manifest.json=${E2E_IMAGES_DIR}/manifest.json"
  DEPENDS "${E2E_IMAGES_DIR}/e2e-runner.CTestTestfile.cmake" "${corpus}.stamp")
add_custom_target(runner-image-context DEPENDS "${E2E_IMAGES_DIR}/e2e-runner.stamp")
add_dependencies(runner-image-context images fixtures)
add_custom_target(runner-image
  COMMAND $<TARGET_FILE:e2e-images> --contexts "${E2E_IMAGES_DIR}"
          --manifest "${E2E_IMAGES_DIR}/runner-manifest.json" e2e-runner
  DEPENDS runner-image-context e2e-images
  COMMENT "Building the e2e-runner image (the scenarios in a container)" VERBATIM)
