execute_process(COMMAND git -C ${SRC_DIR} rev-parse --short=12 HEAD
                OUTPUT_VARIABLE GIT_HASH OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR GIT_HASH STREQUAL "")
  set(GIT_HASH "unknown")
else()
  execute_process(COMMAND git -C ${SRC_DIR} status --porcelain --untracked-files=no
                  OUTPUT_VARIABLE DIRTY OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  if(NOT DIRTY STREQUAL "")
    set(GIT_HASH "${GIT_HASH}-dirty")
  endif()
endif()
configure_file(${IN} ${OUT}.tmp @ONLY)
# Only touch the output when it changed, so an unchanged hash does not relink.
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
