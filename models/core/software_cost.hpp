#pragma once
// What a piece of software costs per message, as a cost profile states it (docs/profiles.md): seconds of CPU on
// one core of the profile's reference machine, fixed plus per payload byte, and how much it varied from round to
// round. A model turns it into flops with the reference core's speed, so that a host's `speed` scales it, and may
// draw a per-message factor around 1 from its variability (seeded, so that runs stay byte-identical).
#include <cstdint>

#include "models/core/contention.hpp"
#include "models/core/rng.hpp"

namespace buslab {

struct SoftwareCost {
  double fixed_s = 0.0;     // seconds on the reference core, per message
  double per_byte_s = 0.0;  // seconds on the reference core, per payload byte
  double cv = 0.0;          // coefficient of variation of the cost (std / mean)

  double seconds(double bytes) const { return fixed_s + per_byte_s * bytes; }
  bool zero() const { return fixed_s == 0.0 && per_byte_s == 0.0; }
};

// Turns costs into flops for one process: the reference core's speed, the process's jitter stream (when jitter is
// on), and its host's contention factors. Cheap to copy; each process keeps its own.
class CostMeter {
 public:
  CostMeter() = default;
  CostMeter(double reference_flops, bool jitter, uint64_t seed, const char* stream_prefix, const std::string_view name,
            ContentionFactors contention = {});

  // Flops of `cost` for a message of `bytes` payload bytes; with jitter, times a lognormal factor of mean 1 and
  // the cost's cv.
  double flops(const SoftwareCost& cost, double bytes);
  // The software flops of one message (library and codec together) on this process's host: times its contention
  // factor for the message's kind (models/core/contention.hpp). A method's own service time is not software.
  double contended(double software_flops, CostOp op) const { return software_flops * contention_.of(op); }
  double reference_flops() const { return reference_flops_; }
  bool jitter() const { return jitter_; }

 private:
  double reference_flops_ = 1e9;
  bool jitter_ = false;
  Rng rng_{0};
  ContentionFactors contention_;
};

// A lognormal factor with mean 1 and coefficient of variation `cv` (1 when cv <= 0).
double jitter_factor(Rng& rng, double cv);

}  // namespace buslab
