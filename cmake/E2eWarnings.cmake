# e2e_warnings: an interface target every project target links privately, so the
# warning policy lives in one place. Third-party headers come from imported
# targets and are treated as system headers, so they do not trip -Werror.
add_library(e2e_warnings INTERFACE)
target_compile_options(e2e_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
                                              -Wnon-virtual-dtor -Wold-style-cast
                                              # g++ 12 flags designated initializers that
                                              # rely on default member initializers.
                                              -Wno-missing-field-initializers)
if(E2E_WERROR)
  target_compile_options(e2e_warnings INTERFACE -Werror)
endif()
