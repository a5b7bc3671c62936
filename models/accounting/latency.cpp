#include "models/accounting/latency.hpp"

#include <algorithm>
#include <cmath>

namespace buslab {

double nearest_rank(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0.0;
  auto rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  rank = std::clamp<size_t>(rank, 1, sorted.size());
  return sorted[rank - 1];
}

LatencySummary LatencySamples::summarize() const {
  LatencySummary s;
  s.count = samples_.size();
  if (samples_.empty()) return s;
  std::vector<double> sorted = samples_;
  std::sort(sorted.begin(), sorted.end());
  double sum = 0.0;
  for (double v : sorted) sum += v;  // ascending order: the same sum on every run
  s.mean = sum / static_cast<double>(sorted.size());
  s.p50 = nearest_rank(sorted, 0.50);
  s.p90 = nearest_rank(sorted, 0.90);
  s.p99 = nearest_rank(sorted, 0.99);
  s.max = sorted.back();
  return s;
}

}  // namespace buslab
