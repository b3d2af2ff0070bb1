# cmake -P script: lays out one image's build context.
#   CONTEXT    the folder to fill (Dockerfile, bin/, lib/)
#   DOCKERFILE the Dockerfile to copy in
#   BINARIES   ;-list of project executables: copied to bin/ with the shared
#              libraries they need (except glibc's, which the base image has)
#              copied to lib/, so the image needs no apt-get and no network
#   LINKS      ;-list of NAME=PATH: symbolic links in the context (the image
#              builder follows them), e.g. the Claude Code binary from npm
#   STRIP      the strip program: binaries go in without debug sections (symbols
#              stay, so backtraces still name functions), keeping images small
cmake_minimum_required(VERSION 3.25)
# The lists arrive with escaped separators (a\;b) through the command line.
string(REPLACE "\\;" ";" BINARIES "${BINARIES}")
string(REPLACE "\\;" ";" LINKS "${LINKS}")

file(REMOVE_RECURSE "${CONTEXT}")
file(MAKE_DIRECTORY "${CONTEXT}")
configure_file("${DOCKERFILE}" "${CONTEXT}/Dockerfile" COPYONLY)

if(BINARIES)
  file(MAKE_DIRECTORY "${CONTEXT}/bin" "${CONTEXT}/lib")
  foreach(binary IN LISTS BINARIES)
    get_filename_component(name "${binary}" NAME)
    configure_file("${binary}" "${CONTEXT}/bin/${name}" COPYONLY)
    if(STRIP)
      execute_process(COMMAND "${STRIP}" --strip-debug "${CONTEXT}/bin/${name}" COMMAND_ERROR_IS_FATAL ANY)
    endif()
  endforeach()
  file(GET_RUNTIME_DEPENDENCIES
    EXECUTABLES ${BINARIES}
    RESOLVED_DEPENDENCIES_VAR libraries
    UNRESOLVED_DEPENDENCIES_VAR unresolved
    PRE_EXCLUDE_REGEXES "^ld-linux" "^linux-vdso" "^libc\\.so" "^libm\\.so" "^libpthread\\.so"
                        "^libdl\\.so" "^librt\\.so" "^libresolv\\.so")
  if(unresolved)
    message(FATAL_ERROR "image context ${CONTEXT}: unresolved libraries: ${unresolved}")
  endif()
  foreach(library IN LISTS libraries)
    get_filename_component(name "${library}" NAME)
    configure_file("${library}" "${CONTEXT}/lib/${name}" COPYONLY)  # follows the soname link
  endforeach()
endif()

foreach(link IN LISTS LINKS)
  string(REPLACE "=" ";" parts "${link}")
  list(GET parts 0 name)
  list(GET parts 1 target)
  if(NOT EXISTS "${target}")
    message(FATAL_ERROR "image context ${CONTEXT}: ${target} does not exist (run scripts/setup)")
  endif()
  file(CREATE_LINK "${target}" "${CONTEXT}/${name}" SYMBOLIC)
endforeach()
