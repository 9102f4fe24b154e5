# clustersim_component(<target> SOURCES ... [PUBLIC ...] [PRIVATE ...])
#
# One folder of the source tree = one static library = one namespace. The
# folder's headers are reachable only by targets that link the library: the
# library's include root is a directory of the build tree that holds nothing
# but a link named like the folder's path (for example
# build/include/clustersim_mechanisms/models/mechanisms -> models/mechanisms),
# so `#include "models/mechanisms/phases.hpp"` compiles in a target that links
# clustersim_mechanisms and fails in one that does not. The source root itself
# is never an include directory: a layer cannot include what it does not link.
function(clustersim_component name)
  cmake_parse_arguments(ARG "" "" "SOURCES;PUBLIC;PRIVATE" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set(root ${CMAKE_BINARY_DIR}/include/${name})
  set(link ${root}/${folder})
  get_filename_component(parent ${link} DIRECTORY)
  file(MAKE_DIRECTORY ${parent})
  file(REMOVE ${link})
  file(CREATE_LINK ${CMAKE_CURRENT_SOURCE_DIR} ${link} SYMBOLIC)
  target_include_directories(${name} PUBLIC ${root})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC} PRIVATE ${ARG_PRIVATE} clustersim_warnings)
endfunction()
