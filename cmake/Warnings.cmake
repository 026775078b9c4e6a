# eo_warnings: an interface target every project target links, so the flags live in one place.
add_library(eo_warnings INTERFACE)
target_compile_options(eo_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align
  -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations)
if(EO_WARNINGS_AS_ERRORS)
  target_compile_options(eo_warnings INTERFACE -Werror)
endif()
