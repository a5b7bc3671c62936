#pragma once
// SimGrid's own configuration options, passed through as `buslab run --cfg NAME:VALUE` (SimGrid's `--cfg=`): the
// context factory (`contexts/factory:thread`, which AddressSanitizer needs), stack sizes, solver precision. Each is
// checked before a run, in a forked process (SimGrid allows one Engine per process and ends the process on some bad
// values), so that a bad one is buslab's error, with SimGrid's reason, and no run starts.
#include <stdexcept>
#include <string>
#include <vector>

namespace buslab {

class SimgridConfigError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Throws SimgridConfigError naming the option and SimGrid's reason when SimGrid refuses one, or when buslab does: an
// option that would break its runs (parallel contexts: the models are not thread-safe; the network model, which is
// the scenario's `platform.network.model`).
void check_simgrid_config(const std::vector<std::string>& options);

// SimGrid's options with their descriptions and defaults, as SimGrid prints them (`--cfg help`).
std::string simgrid_config_help();

// The SimGrid version buslab was built against, MAJOR.MINOR.PATCH (`buslab --version`).
std::string simgrid_version();

// The options of the environment variable BUSLAB_SIMGRID_CFG (NAME:VALUE items separated by white space), which
// every run reads before its own (run_scenario), so that a process's runs get them without a change to its command
// line: the sanitizer test preset sets contexts/factory:thread there, for buslab, the labs' tesh files and the
// tests alike (docs/testing.md).
std::vector<std::string> simgrid_config_from_environment();

// The SimGrid options of a run: BUSLAB_SIMGRID_CFG's, then the run's own `options`, which take precedence (SimGrid
// keeps the last).
std::vector<std::string> run_simgrid_config(const std::vector<std::string>& options);

// An Engine's command line: `base` (the program's name and buslab's own options), then each of `config` as
// `--cfg=NAME:VALUE`.
std::vector<std::string> engine_command_line(std::vector<std::string> base, const std::vector<std::string>& config);

// SimGrid gives each actor an 8 MiB stack behind a guard page; each guarded stack costs the process two memory
// mappings, which Linux limits (vm.max_map_count, 65,530 by default), so SimGrid aborts at start-up past about
// 30,000 actors. Past what the limit allows, this gives actors created from now on kLargeRunStackKiB stacks without
// a guard page: buslab's actors use under 8 KiB (every lab, Release and Debug builds). Nothing changes when the user
// chose a stack size, a guard size or the thread factory (`options`). Returns whether it did.
inline constexpr int kLargeRunStackKiB = 32;
bool fit_actor_stacks(size_t actors, const std::vector<std::string>& options);

// How many actors may have guarded stacks under this machine's limit on memory mappings.
size_t guarded_actor_limit();

}  // namespace buslab
