#pragma once
// Hops grouped by channel: one channel per sender lane, receiver lane, kind and whether they arrived. Zoomed out,
// the timeline draws one bundled arrow per channel (merged per pair of rows) and time bucket, as thick as the
// hops it holds; a channel answers "how many hops left in [t0, t1), and how long did they fly on average" with two
// binary searches, so a frame costs the same whatever the trace's size.
#include <cstdint>
#include <vector>

#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

struct HopChannel {
  int from = 0, to = 0;
  HopKind kind = HopKind::Other;
  bool arrived = true;         // false: hops that never arrived (lost)
  std::vector<double> t_send;  // sorted
  std::vector<double> flight;  // running totals of flight times, one more than t_send (arrived channels)
  std::vector<uint32_t> hops;  // the hops, in the order of t_send
};

struct ChannelCount {
  size_t count = 0;
  double mean_flight = 0;
  size_t first = 0, last = 0;  // indices into the channel's hops: [first, last)
};

class HopChannels {
 public:
  explicit HopChannels(const Trace& trace);

  const std::vector<HopChannel>& channels() const { return channels_; }
  ChannelCount count(size_t channel, double t0, double t1) const;

 private:
  std::vector<HopChannel> channels_;
};

}  // namespace buslab::tracefile
