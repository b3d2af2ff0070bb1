# Finds Debian's cpp-httplib (libcpp-httplib-dev), which ships a compiled
# library and a pkg-config file but no CMake package. Provides httplib::httplib.
# The pkg-config Cflags carry feature macros (OpenSSL, zlib, brotli) that must
# match how the library was compiled, so they are taken from there.
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(PC_HTTPLIB QUIET cpp-httplib)
endif()
find_path(httplib_INCLUDE_DIR httplib.h HINTS ${PC_HTTPLIB_INCLUDE_DIRS})
find_library(httplib_LIBRARY NAMES cpp-httplib HINTS ${PC_HTTPLIB_LIBRARY_DIRS})
set(httplib_VERSION ${PC_HTTPLIB_VERSION})

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(httplib REQUIRED_VARS httplib_LIBRARY httplib_INCLUDE_DIR
                                  VERSION_VAR httplib_VERSION)

if(httplib_FOUND AND NOT TARGET httplib::httplib)
  add_library(httplib::httplib UNKNOWN IMPORTED)
  set_target_properties(httplib::httplib PROPERTIES
    IMPORTED_LOCATION "${httplib_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${httplib_INCLUDE_DIR}")
  set(_httplib_defs CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT)
  if(PC_HTTPLIB_CFLAGS_OTHER)
    set(_httplib_defs)
    foreach(flag IN LISTS PC_HTTPLIB_CFLAGS_OTHER)
      if(flag MATCHES "^-D(.+)$")
        list(APPEND _httplib_defs "${CMAKE_MATCH_1}")
      endif()
    endforeach()
  endif()
  find_package(Threads REQUIRED)
  set_property(TARGET httplib::httplib PROPERTY INTERFACE_COMPILE_DEFINITIONS ${_httplib_defs})
  set_property(TARGET httplib::httplib PROPERTY INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
mark_as_advanced(httplib_INCLUDE_DIR httplib_LIBRARY)
