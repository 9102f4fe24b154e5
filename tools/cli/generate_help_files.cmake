# Writes the man page and the completion scripts from the program's own help.
# Called by the build as: cmake -DPROGRAM=.../clustersim -DSHARE=.../share -P this file
foreach(spec "man/man1/clustersim.1;help;--man"
             "bash-completion/completions/clustersim;completion;bash"
             "zsh/site-functions/_clustersim;completion;zsh")
  list(POP_FRONT spec file)
  get_filename_component(dir ${SHARE}/${file} DIRECTORY)
  file(MAKE_DIRECTORY ${dir})
  execute_process(COMMAND ${PROGRAM} ${spec} OUTPUT_FILE ${SHARE}/${file}.tmp
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROGRAM} ${spec} failed (${rc})")
  endif()
  file(RENAME ${SHARE}/${file}.tmp ${SHARE}/${file})
endforeach()
