# Build speed: ccache and lld when present (see docs/development.md for the measured effect).
find_program(EO_CCACHE ccache)
if(EO_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${EO_CCACHE})
endif()

# Cross toolchain files may turn lld off (cmake/toolchains/armel.cmake).
option(EO_USE_LLD "Link with lld when the compiler accepts -fuse-ld=lld" ON)
if(EO_USE_LLD)
  include(CheckLinkerFlag)
  check_linker_flag(CXX "-fuse-ld=lld" EO_HAVE_LLD)
  if(EO_HAVE_LLD)
    add_link_options(-fuse-ld=lld)
  endif()
endif()
