#pragma once
// Deterministic random streams. Every simulated entity draws from its own stream, derived from the scenario
// seed and the entity's name, so adding a client does not change another client's draws. The generator and
// the transformations are written here (not std::*_distribution) so that outputs are byte-identical across
// standard libraries.
#include <cstdint>
#include <string_view>

namespace buslab {

class Rng {
 public:
  // A stream for `stream_name` under the scenario seed `seed`.
  Rng(uint64_t seed, std::string_view stream_name);
  explicit Rng(uint64_t raw_seed);

  uint64_t next_u64();
  // Uniform on [0, 1).
  double uniform01();
  // Uniform integer on [0, n); n > 0.
  uint64_t below(uint64_t n);
  // Exponential with the given mean.
  double exponential(double mean);
  // Standard normal (Box-Muller, one value per call).
  double normal();

 private:
  uint64_t s_[4];
};

// FNV-1a of a string: stable across platforms, used to derive stream seeds from names.
uint64_t stable_hash(std::string_view text);

}  // namespace buslab
