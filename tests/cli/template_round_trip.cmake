# The configuration template the binary prints must load without a single error.
get_filename_component(_name ${BIN} NAME)
execute_process(COMMAND ${BIN} --print-config-template RESULT_VARIABLE _rc OUTPUT_VARIABLE _template)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "--print-config-template exited with ${_rc}")
endif()
file(WRITE ${WORK}/${_name}.template.conf "${_template}")
execute_process(COMMAND ${BIN} --config ${WORK}/${_name}.template.conf --check-config RESULT_VARIABLE _rc
                OUTPUT_VARIABLE _out ERROR_VARIABLE _err)
if(NOT _rc EQUAL 0)
  message(FATAL_ERROR "the template does not load (${_rc}):\n${_out}${_err}")
endif()
