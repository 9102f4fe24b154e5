# One interface target carries the project's warning flags, so every component
# opts in by linking it (PRIVATE) and third-party headers stay untouched.
add_library(clustersim_warnings INTERFACE)
target_compile_options(clustersim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(CLUSTERSIM_WERROR)
  target_compile_options(clustersim_warnings INTERFACE -Werror)
endif()
