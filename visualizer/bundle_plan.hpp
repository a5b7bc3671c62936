#pragma once
// Zoomed out, where hops are too many to draw one by one: one bundled arrow per pair of rows, kind and time
// bucket, as thick as the hops it holds. Bundles of one bucket whose rows overlap are set side by side; when even
// then they do not fit in the bucket's width, the bucket falls back to density bars. Plain geometry, no drawing.
#include <cstdint>
#include <vector>

#include "tracefile/arrow_plan.hpp"
#include "tracefile/hop_channels.hpp"
#include "visualizer/lane_layout.hpp"

namespace buslab::viz {

struct Bundle {
  int row_from = 0, row_to = 0;
  tracefile::HopKind kind = tracefile::HopKind::Other;
  bool arrived = true;
  size_t count = 0;
  double mean_flight = 0;  // seconds, over the hops that arrived
  int slot = 0;            // its place across the bucket, from the left
  uint32_t first_hop = 0;  // a hop of it (the earliest), for the tooltip
};

struct BundleBucket {
  size_t bucket = 0;  // index into the arrow plan's buckets
  double t0 = 0, t1 = 0;
  std::vector<Bundle> bundles;
  int slots = 0;          // how many places side by side its bundles need
  bool overflow = false;  // more than fit: drawn as density bars instead
};

struct BundleOptions {
  int max_slots = 10;  // places side by side a bucket has room for
};

// The bundles of every dense bucket of `plan`, over the rows of `layout`; hops leaving after t_limit are left out.
std::vector<BundleBucket> plan_bundles(const tracefile::HopChannels& channels, const tracefile::ArrowPlan& plan,
                                       const LaneLayout& layout, double t_limit, const BundleOptions& options = {});

}  // namespace buslab::viz
