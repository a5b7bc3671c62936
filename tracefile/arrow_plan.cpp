#include "tracefile/arrow_plan.hpp"

#include <algorithm>
#include <cmath>

namespace buslab::tracefile {

ArrowPlan plan_arrows(const Trace& trace, const TraceIndex& index, double t0, double t1, double width_px,
                      double t_limit, const ArrowPlanOptions& options) {
  ArrowPlan plan;
  plan.t0 = t0;
  if (!(t1 > t0) || !(width_px >= 1)) return plan;
  const auto buckets = static_cast<size_t>(std::max(1.0, std::ceil(width_px / options.bucket_px)));
  plan.bucket_seconds = (t1 - t0) / static_cast<double>(buckets);
  plan.dense.assign(buckets, 0);
  const Hops& h = trace.hops;
  const double end = std::min(t1, t_limit);

  // Hops that left before the view and are still flying into it.
  if (t_limit >= t0) {
    const auto [first, in_view] = index.hop_range(t0, t0);
    const size_t sent_before = index.sends_in(-INFINITY, t0).second;
    std::vector<uint32_t> entering;
    for (size_t i = first; i < std::min(in_view, sent_before); ++i)
      if (h.arrived(i) && h.t_recv[i] >= t0) entering.push_back(static_cast<uint32_t>(i));
    if (entering.size() <= 2 * options.max_per_bucket)
      plan.arrows.insert(plan.arrows.end(), entering.begin(), entering.end());
    else
      plan.aggregated += entering.size();
    for (uint32_t i : index.long_hops())
      if (h.t_send[i] < t0 && i < first && h.arrived(i) && h.t_recv[i] >= t0) plan.arrows.push_back(i);
  }

  // Hops leaving in each bucket: drawn when few, aggregated when many.
  for (size_t b = 0; b < buckets; ++b) {
    const double a = plan.bucket_start(b);
    if (a > end) break;
    const double z = b + 1 == buckets ? std::nextafter(t1, INFINITY) : plan.bucket_start(b + 1);
    const auto [first, last] = index.sends_in(a, std::min(z, std::nextafter(end, INFINITY)));
    if (last - first > options.max_per_bucket) {
      plan.dense[b] = 1;
      plan.aggregated += last - first;
      continue;
    }
    for (size_t i = first; i < last; ++i) plan.arrows.push_back(static_cast<uint32_t>(i));
  }
  return plan;
}

}  // namespace buslab::tracefile
