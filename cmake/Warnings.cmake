# eo_warnings: an interface target every project target links, so the flags live in one place.
add_library(eo_warnings INTERFACE)
target_compile_options(eo_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align
  -Wformat=2 -Wimplicit-fallthrough -Wmissing-declarations)
if(EO_WARNINGS_AS_ERRORS)
  target_compile_options(eo_warnings INTERFACE -Werror)
endif()
# GCC 12 at -O3 reports impossible overlaps in std::string concatenation (`"x" + std::string`): GCC bug
# 105329, a false positive in libstdc++'s inlined code, not in ours. Without this, Release builds fail.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  target_compile_options(eo_warnings INTERFACE -Wno-restrict)
endif()
