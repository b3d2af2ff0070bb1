# The stack's images. Each gets a build context under <build>/images/<name>/
# (prepared when its inputs change) and is built through the Engine API by
# e2e-images, tagged mcp-e2e/<name>:<hash of the context> and skipped when that
# tag exists. `cmake --build build --target images` builds them; ctest builds
# them first through the `images` test fixture.

set(E2E_IMAGES_DIR "${PROJECT_BINARY_DIR}/images")
set(E2E_CLAUDE_CODE_VERSION_FILE "${PROJECT_SOURCE_DIR}/docker/claude-code.version")
file(STRINGS "${E2E_CLAUDE_CODE_VERSION_FILE}" E2E_CLAUDE_CODE_VERSION LIMIT_COUNT 1)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${E2E_CLAUDE_CODE_VERSION_FILE}")
# scripts/setup installs the pinned CLI here with npm (it cannot be installed
# from inside a container on these machines).
set(E2E_CLAUDE_BINARY
    "${PROJECT_BINARY_DIR}/claude-code/node_modules/@anthropic-ai/claude-code-linux-x64/claude"
    CACHE FILEPATH "The native Claude Code binary copied into claude-runner")

# e2e_image_context(NAME name DOCKERFILE file [BINARIES targets...] [PROGRAMS paths...]
#                   [LINKS name=path...] [DEPENDS files...] [STANDALONE])
# PROGRAMS are executables that are not targets (e.g. ctest). STANDALONE: not
# one of the stack's images (not built by the `images` target).
function(e2e_image_context)
  cmake_parse_arguments(ARG "STANDALONE" "NAME;DOCKERFILE" "BINARIES;PROGRAMS;LINKS;DEPENDS" ${ARGN})
  set(context "${E2E_IMAGES_DIR}/${ARG_NAME}")
  set(binaries ${ARG_PROGRAMS})
  foreach(target IN LISTS ARG_BINARIES)
    list(APPEND binaries "$<TARGET_FILE:${target}>")
  endforeach()
  string(REPLACE ";" "\\;" binaries_arg "${binaries}")
  string(REPLACE ";" "\\;" links_arg "${ARG_LINKS}")
  add_custom_command(
    OUTPUT "${context}.stamp"
    COMMAND ${CMAKE_COMMAND} -DCONTEXT=${context} -DDOCKERFILE=${ARG_DOCKERFILE}
            "-DBINARIES=${binaries_arg}" "-DLINKS=${links_arg}" "-DSTRIP=${CMAKE_STRIP}"
            -P "${PROJECT_SOURCE_DIR}/cmake/PrepareImageContext.cmake"
    COMMAND ${CMAKE_COMMAND} -E touch "${context}.stamp"
    DEPENDS ${ARG_BINARIES} ${ARG_PROGRAMS} ${ARG_DOCKERFILE} ${ARG_DEPENDS}
            "${PROJECT_SOURCE_DIR}/cmake/PrepareImageContext.cmake"
    COMMENT "Preparing the build context of image ${ARG_NAME}"
    VERBATIM)
  if(ARG_STANDALONE)
    return()
  endif()
  set_property(GLOBAL APPEND PROPERTY E2E_IMAGE_STAMPS "${context}.stamp")
  set_property(GLOBAL APPEND PROPERTY E2E_IMAGE_NAMES "${ARG_NAME}")
endfunction()

e2e_image_context(NAME mcp-server DOCKERFILE "${PROJECT_SOURCE_DIR}/docker/mcp-server.Dockerfile"
                  BINARIES mcp-server)
# The host's CA bundle (scripts/setup installs ca-certificates) for the stub's
# HTTPS calls in live mode; the image is built without network.
set(E2E_CA_BUNDLE "/etc/ssl/certs/ca-certificates.crt"
    CACHE FILEPATH "CA certificates copied into model-stub for live mode")
e2e_image_context(NAME model-stub DOCKERFILE "${PROJECT_SOURCE_DIR}/docker/model-stub.Dockerfile"
                  BINARIES model-stub LINKS "ca-certificates.crt=${E2E_CA_BUNDLE}"
                  DEPENDS "${E2E_CA_BUNDLE}")
# One per test process (include/e2e/session_guard.h).
e2e_image_context(NAME reaper DOCKERFILE "${PROJECT_SOURCE_DIR}/docker/reaper.Dockerfile"
                  BINARIES e2e-reaper)
e2e_image_context(NAME claude-runner
                  DOCKERFILE "${PROJECT_SOURCE_DIR}/docker/claude-runner.Dockerfile"
                  LINKS "claude=${E2E_CLAUDE_BINARY}" DEPENDS "${E2E_CLAUDE_CODE_VERSION_FILE}")

get_property(E2E_IMAGE_STAMPS GLOBAL PROPERTY E2E_IMAGE_STAMPS)
get_property(E2E_IMAGE_NAMES GLOBAL PROPERTY E2E_IMAGE_NAMES)
add_custom_target(image-contexts DEPENDS ${E2E_IMAGE_STAMPS})
set(E2E_IMAGES_COMMAND $<TARGET_FILE:e2e-images> --contexts "${E2E_IMAGES_DIR}"
    --manifest "${E2E_IMAGES_DIR}/manifest.json" ${E2E_IMAGE_NAMES})
add_custom_target(images COMMAND ${E2E_IMAGES_COMMAND} DEPENDS image-contexts e2e-images
                  COMMENT "Building the stack's images through the Engine API" VERBATIM)
# A plain `cmake --build` prepares the contexts, so `ctest` right after a build works.
add_custom_target(image-contexts-all ALL DEPENDS image-contexts)
