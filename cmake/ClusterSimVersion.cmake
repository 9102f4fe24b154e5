# The git hash is stamped at build time (not configure time) so a rebuild after
# a commit reports the right revision in `clustersim --version` and in run files.
set(CLUSTERSIM_VERSION_IN ${CMAKE_CURRENT_LIST_DIR}/version.cpp.in)
set(CLUSTERSIM_VERSION_CPP ${CMAKE_BINARY_DIR}/generated/version.cpp)
add_custom_target(clustersim_version_stamp
  COMMAND ${CMAKE_COMMAND}
          -DSRC_DIR=${CMAKE_SOURCE_DIR} -DIN=${CLUSTERSIM_VERSION_IN} -DOUT=${CLUSTERSIM_VERSION_CPP}
          -DVERSION=${PROJECT_VERSION}
          -P ${CMAKE_CURRENT_LIST_DIR}/StampVersion.cmake
  BYPRODUCTS ${CLUSTERSIM_VERSION_CPP}
  COMMENT "Stamping version and git hash")
