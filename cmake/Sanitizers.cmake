# Sanitizer and fuzzing builds (docs/testing.md).
#
# BUSLAB_SANITIZE=ON: everything (libraries, buslab, buslab-viz, the tests) built with AddressSanitizer and
# UndefinedBehaviorSanitizer; any report aborts the process, so a test with one fails. SimGrid's default context
# factory switches stacks behind ASan's back (Debian's libsimgrid is not built with ASan's fiber annotations), so
# runs of such a build must use its thread factory: BUSLAB_SIMGRID_CFG=contexts/factory:thread (the `asan` test
# preset sets it).
#
# BUSLAB_FUZZ=ON (clang only): the libFuzzer drivers in fuzz/, instrumented for coverage, with ASan and UBSan.
option(BUSLAB_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(BUSLAB_FUZZ "Build the libFuzzer drivers of fuzz/ (needs clang and libclang-rt-14-dev)" OFF)

set(BUSLAB_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)

if(BUSLAB_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "BUSLAB_FUZZ needs clang (libFuzzer): configure with -DCMAKE_CXX_COMPILER=clang++ "
                        "(Debian packages 'clang' and 'libclang-rt-14-dev'), or use scripts/fuzz")
  endif()
  # Every library the drivers link is instrumented for coverage; only the drivers link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
  set(BUSLAB_SANITIZE ON)
endif()

if(BUSLAB_SANITIZE)
  add_compile_options(${BUSLAB_SANITIZER_FLAGS})
  add_link_options(-fsanitize=address,undefined)
endif()
