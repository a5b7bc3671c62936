// Built into buslab-viz in sanitizer builds only (BUSLAB_SANITIZE; docs/testing.md): its AddressSanitizer
// defaults. Leak checking is off for the viewer alone: Mesa's software OpenGL (swrast_dri.so, libglapi) leaves a
// few allocations behind at exit (valgrind names them), in a driver it has already unloaded by then, which
// LeakSanitizer can neither symbolize nor suppress. Memory errors are still caught, UBSan still runs, and
// ASAN_OPTIONS=detect_leaks=1 turns leak checking back on.
extern "C" const char* __asan_default_options() {
  return "detect_leaks=0";
}
