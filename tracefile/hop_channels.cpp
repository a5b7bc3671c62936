#include "tracefile/hop_channels.hpp"

#include <algorithm>
#include <map>
#include <tuple>

namespace buslab::tracefile {

HopChannels::HopChannels(const Trace& trace) {
  const Hops& h = trace.hops;
  std::map<std::tuple<int, int, int, bool>, size_t> index;
  for (size_t i = 0; i < h.size(); ++i) {
    const HopKind kind = trace.hop_kind(i);
    const bool arrived = h.arrived(i);
    const auto key = std::make_tuple(h.from[i], h.to[i], static_cast<int>(kind), arrived);
    auto [it, added] = index.emplace(key, channels_.size());
    if (added) {
      HopChannel c;
      c.from = h.from[i];
      c.to = h.to[i];
      c.kind = kind;
      c.arrived = arrived;
      c.flight.push_back(0);
      channels_.push_back(std::move(c));
    }
    // Hops come sorted by t_send, so each channel's times do too.
    HopChannel& c = channels_[it->second];
    c.t_send.push_back(h.t_send[i]);
    c.flight.push_back(c.flight.back() + (arrived ? h.t_recv[i] - h.t_send[i] : 0.0));
    c.hops.push_back(static_cast<uint32_t>(i));
  }
}

ChannelCount HopChannels::count(size_t channel, double t0, double t1) const {
  const HopChannel& c = channels_[channel];
  const auto a = std::lower_bound(c.t_send.begin(), c.t_send.end(), t0);
  const auto b = std::lower_bound(a, c.t_send.end(), t1);
  ChannelCount out;
  out.first = static_cast<size_t>(a - c.t_send.begin());
  out.last = static_cast<size_t>(b - c.t_send.begin());
  out.count = out.last - out.first;
  if (out.count) out.mean_flight = (c.flight[out.last] - c.flight[out.first]) / static_cast<double>(out.count);
  return out;
}

}  // namespace buslab::tracefile
