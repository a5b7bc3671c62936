#pragma once
// Level of detail for the message arrows: which hops a frame draws one by one and which time buckets are too
// dense to see and are shown as a density band with a count instead. A frame's cost depends on the pixels, not on
// the trace: at most (width / bucket_px) x max_per_bucket arrows, plus the long hops crossing the view.
#include <cstdint>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct ArrowPlanOptions {
  double bucket_px = 6;        // width of one time bucket
  size_t max_per_bucket = 12;  // more hops leaving in one bucket: aggregate it
};

struct ArrowPlan {
  double t0 = 0;
  double bucket_seconds = 0;
  std::vector<uint32_t> arrows;  // hops to draw, each once
  std::vector<uint8_t> dense;    // per bucket: 1 when its hops are aggregated
  size_t aggregated = 0;         // hops folded into density bands

  double bucket_start(size_t b) const { return t0 + static_cast<double>(b) * bucket_seconds; }
};

// Plans [t0, t1] over width_px pixels. Hops leaving after t_limit (the playback cursor) are left out.
ArrowPlan plan_arrows(const Trace& trace, const TraceIndex& index, double t0, double t1, double width_px,
                      double t_limit, const ArrowPlanOptions& options = {});

}  // namespace buslab::tracefile
