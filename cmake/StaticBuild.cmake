# EO_STATIC=ON: fully static executables for the box (bench/README.md has the measured effect). Included
# either way; with EO_STATIC=OFF it only tidies the cache (below).
#
# Why: on the box nothing else uses libstdc++, OpenSSL or SQLite, so every page of a shared library the
# daemon touches counts in full in its resident memory, plus one set of relocated (private) pages per
# library. A static, section-garbage-collected executable keeps only the code it calls. It is also the
# only way to run one ARM binary on the Pi Zero (ARMv6) and the Pi 3: Debian has no ARMv6 port, so
# nothing may come from the target's own libraries (docs in cmake/toolchains/armel.cmake).
#
# Consequences users see: static glibc resolves host names through /etc/hosts and DNS only (both built
# in); NSS plugins named in nsswitch.conf (mdns4_minimal for *.local, systemd-resolved's "resolve",
# LDAP …) are not loaded. OpenSSL and SQLite security fixes need a rebuild.
#
# Debian ships spdlog and fmt as shared libraries only, and libspdlog.so would drag the shared libstdc++
# back in, so both are used header-only here. Every target must agree on that (an ODR matter), which is
# why the spdlog::spdlog target itself is replaced instead of each target choosing.

# A build folder switched between EO_STATIC=ON and OFF keeps the library paths found the other way in
# its cache (libcrypto.so in a static link, or libcrypto.a in a PIE): forget those, find them again.
foreach(_eo_library OPENSSL_CRYPTO_LIBRARY OPENSSL_SSL_LIBRARY SQLite3_LIBRARY)
  if(EO_STATIC AND "${${_eo_library}}" MATCHES "\\.so$")
    unset(${_eo_library} CACHE)
  elseif(NOT EO_STATIC AND "${${_eo_library}}" MATCHES "\\.a$")
    unset(${_eo_library} CACHE)
  endif()
endforeach()
if(NOT EO_STATIC)
  return()
endif()

set(CMAKE_FIND_LIBRARY_SUFFIXES .a)
set(OPENSSL_USE_STATIC_LIBS ON)

# Not find_package(fmt/spdlog): their config files check that the shared libraries exist, which a
# cross sysroot of -dev packages does not have. Headers are all a header-only build needs.
find_path(EO_FMT_INCLUDE_DIR fmt/format.h REQUIRED)
find_path(EO_SPDLOG_INCLUDE_DIR spdlog/spdlog.h REQUIRED)
# Without SPDLOG_COMPILED_LIB spdlog is header-only; SPDLOG_FMT_EXTERNAL makes it use fmt (header-only
# with FMT_HEADER_ONLY) instead of its bundled copy, as the shared build does.
add_library(spdlog::spdlog INTERFACE IMPORTED)
set_target_properties(spdlog::spdlog PROPERTIES
  INTERFACE_COMPILE_DEFINITIONS "SPDLOG_FMT_EXTERNAL;FMT_HEADER_ONLY=1"
  INTERFACE_INCLUDE_DIRECTORIES "${EO_SPDLOG_INCLUDE_DIR};${EO_FMT_INCLUDE_DIR}"
  INTERFACE_LINK_LIBRARIES Threads::Threads)

# Dead code and data out: each function and object in its own section, unreferenced ones dropped.
add_compile_options(-ffunction-sections -fdata-sections)
add_link_options(-static -Wl,--gc-sections)
# Optimised builds are stripped: symbols are never loaded into memory, but the file goes onto an SD
# card and over the network. Debug builds keep them.
add_link_options($<$<CONFIG:Release,MinSizeRel>:-s>)
