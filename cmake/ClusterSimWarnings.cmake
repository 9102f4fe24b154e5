# One interface target carries the project's warning flags, so every component
# opts in by linking it (PRIVATE) and third-party headers stay untouched.
add_library(clustersim_warnings INTERFACE)
target_compile_options(clustersim_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
if(CLUSTERSIM_WERROR)
  target_compile_options(clustersim_warnings INTERFACE -Werror)
endif()
# GCC 12 reports false -Wrestrict overlaps inside std::string's operator+ at -O2
# (GCC bug 105329, fixed in GCC 13); the warning is off for GCC 12 only so that
# ordinary string concatenation does not fail a warnings-as-errors build.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_GREATER_EQUAL 12
   AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(clustersim_warnings INTERFACE -Wno-restrict)
endif()
