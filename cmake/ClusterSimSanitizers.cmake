# Sanitizer builds are whole-program: every target, tests included, is
# instrumented, otherwise TSan misses races in code compiled without it.
if(CLUSTERSIM_SANITIZE STREQUAL "address")
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
elseif(CLUSTERSIM_SANITIZE STREQUAL "thread")
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
elseif(NOT CLUSTERSIM_SANITIZE STREQUAL "")
  message(FATAL_ERROR "CLUSTERSIM_SANITIZE must be empty, 'address' or 'thread', not '${CLUSTERSIM_SANITIZE}'")
endif()
