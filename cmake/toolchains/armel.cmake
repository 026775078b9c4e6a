# Cross build for Debian armel: ARMv5TE, soft float, EABI. Used with -DEO_STATIC=ON (scripts/cross-build.sh).
#
# Why armel and not armhf: Debian has no ARMv6 port. Debian armhf is ARMv7 (Thumb-2, VFPv3): its crt
# files, libc and libstdc++ die with SIGILL on the Pi Zero's ARM1176 even when our code is built with
# -march=armv6. armel code runs on ARMv5TE and later, so one fully static armel executable runs on the
# Pi Zero / Pi 1 (ARM1176), the Pi 2 (Cortex-A7) and the Pi 3 (Cortex-A53, 32-bit userland or not).
#
# Inputs: the cross compiler (Debian package g++-arm-linux-gnueabi: C library and libstdc++ for armel in
# /usr/arm-linux-gnueabi) and a folder of armel -dev packages (OpenSSL, SQLite, Boost, spdlog, fmt,
# nlohmann/json, GoogleTest) made by scripts/make-armel-sysroot.sh. EO_ARMEL_SYSROOT names that folder
# (default: build/armel-sysroot in the source tree).

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR arm)
set(CMAKE_C_COMPILER arm-linux-gnueabi-gcc)
set(CMAKE_CXX_COMPILER arm-linux-gnueabi-g++)
set(CMAKE_LIBRARY_ARCHITECTURE arm-linux-gnueabi)

if(NOT EO_ARMEL_SYSROOT)
  set(EO_ARMEL_SYSROOT "${CMAKE_CURRENT_LIST_DIR}/../../build/armel-sysroot")
endif()
get_filename_component(EO_ARMEL_SYSROOT "${EO_ARMEL_SYSROOT}" ABSOLUTE)
if(NOT EXISTS "${EO_ARMEL_SYSROOT}/usr/include/openssl/ssl.h")
  message(FATAL_ERROR "armel: no sysroot in ${EO_ARMEL_SYSROOT}; run scripts/make-armel-sysroot.sh")
endif()
# try_compile projects (compiler checks) see the toolchain file again: pass the folder along.
list(APPEND CMAKE_TRY_COMPILE_PLATFORM_VARIABLES EO_ARMEL_SYSROOT)

# Not CMAKE_SYSROOT: that would replace the compiler's own sysroot (/usr/arm-linux-gnueabi, the C
# library). The -dev folder is searched for packages, libraries and headers instead; programs (npm,
# node, the host's tools) still come from the host.
set(CMAKE_FIND_ROOT_PATH "${EO_ARMEL_SYSROOT}" /usr/arm-linux-gnueabi)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# Multiarch headers (openssl/opensslconf.h, configuration.h) live in include/arm-linux-gnueabi, which
# the cross compiler does not search on its own.
# -Wno-psabi: GCC notes on every std::map iterator that its parameter passing "changed in GCC 7.1";
# that matters only when mixing objects of GCC < 7, and here everything is built by one GCC 12.
set(CMAKE_CXX_FLAGS_INIT "-isystem ${EO_ARMEL_SYSROOT}/usr/include/arm-linux-gnueabi -Wno-psabi")
set(CMAKE_C_FLAGS_INIT "-isystem ${EO_ARMEL_SYSROOT}/usr/include/arm-linux-gnueabi")
# ARMv5 has no 64-bit atomic instructions: libcrypto's (and std::atomic<int64_t>'s) go through
# libatomic. Last on the link line, after the static libraries that need it.
set(CMAKE_CXX_STANDARD_LIBRARIES_INIT "-latomic")
# lld is skipped (cmake/Toolchain.cmake): GNU ld is the linker the armel toolchain is tested with.
# GNU ld prints glibc's warnings that getaddrinfo/dlopen "in statically linked applications" need the
# shared libraries at run time. For /etc/hosts and DNS they do not (both are built into glibc 2.36's
# libc.a; tested under QEMU); only NSS plugins such as mDNS would, and those are documented as missing.
set(EO_USE_LLD OFF CACHE BOOL "Link with lld" FORCE)

# ARM executables (test discovery, ctest) run through user-mode QEMU as the Pi Zero's CPU; there is no
# binfmt_misc on CI machines, so it is called explicitly.
find_program(EO_QEMU_ARM qemu-arm-static)
if(EO_QEMU_ARM)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${EO_QEMU_ARM};-cpu;arm1176")
endif()
