#pragma once
// Latency samples and their summary. Percentiles use the nearest-rank method on all samples (exact, so two
// identical runs agree to the last digit).
#include <cstdint>
#include <vector>

namespace buslab {

struct LatencySummary {
  uint64_t count = 0;
  double mean = 0.0;
  double p50 = 0.0;
  double p90 = 0.0;
  double p99 = 0.0;
  double max = 0.0;
};

class LatencySamples {
 public:
  void add(double seconds) { samples_.push_back(seconds); }
  uint64_t count() const { return samples_.size(); }
  LatencySummary summarize() const;

 private:
  std::vector<double> samples_;
};

// The nearest-rank q-quantile (0 < q <= 1) of sorted values: the smallest value with at least q of them at or
// below it.
double nearest_rank(const std::vector<double>& sorted, double q);

}  // namespace buslab
