#include "models/core/software_cost.hpp"

#include <cmath>
#include <string>

namespace buslab {

CostMeter::CostMeter(double reference_flops, bool jitter, uint64_t seed, const char* stream_prefix,
                     const std::string_view name, ContentionFactors contention)
    : reference_flops_(reference_flops),
      jitter_(jitter),
      rng_(seed, std::string(stream_prefix) + std::string(name)),
      contention_(contention) {}

double CostMeter::flops(const SoftwareCost& cost, double bytes) {
  const double seconds = cost.seconds(bytes);
  if (seconds <= 0.0) return 0.0;
  const double factor = jitter_ ? jitter_factor(rng_, cost.cv) : 1.0;
  return seconds * factor * reference_flops_;
}

double jitter_factor(Rng& rng, double cv) {
  if (cv <= 0.0) return 1.0;
  // ln X ~ N(mu, sigma^2) with E[X] = 1 and Var[X] = cv^2: sigma^2 = ln(1 + cv^2), mu = -sigma^2 / 2.
  const double sigma2 = std::log1p(cv * cv);
  return std::exp(-sigma2 / 2.0 + std::sqrt(sigma2) * rng.normal());
}

}  // namespace buslab
