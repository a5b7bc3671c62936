#include "sim/queueing/connection_fifo.hpp"

#include <algorithm>

namespace buslab::queueing {

double ConnectionFifo::arrival(const Envelope& env, double now, double alone) {
  if (last_.size() >= sweep_at_) sweep(now);
  const uint64_t key = (static_cast<uint64_t>(env.from_node) << 32) | env.to_node;
  auto [it, added] = last_.try_emplace(key, Last{env.from_epoch, env.to_epoch, alone});
  if (added) return alone;
  Last& last = it->second;
  // The same connection as the last frame's, still on the wire: this one comes after it. Otherwise (one end has
  // restarted since, or the last frame has arrived) it owes nothing to the last.
  const bool same = last.from_epoch == env.from_epoch && last.to_epoch == env.to_epoch;
  const double at = same ? std::max(alone, last.at) : alone;
  last = Last{env.from_epoch, env.to_epoch, at};
  return at;
}

void ConnectionFifo::forget_if(const std::function<bool(NodeId from, NodeId to)>& crossing) {
  std::erase_if(last_, [&](const auto& entry) {
    return crossing(static_cast<NodeId>(entry.first >> 32), static_cast<NodeId>(entry.first & 0xffffffffULL));
  });
}

void ConnectionFifo::sweep(double now) {
  std::erase_if(last_, [now](const auto& entry) { return entry.second.at <= now; });
  sweep_at_ = std::max(kFirstSweep, 2 * last_.size());
}

}  // namespace buslab::queueing
