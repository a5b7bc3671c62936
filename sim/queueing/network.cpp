#include "sim/queueing/network.hpp"

#include <algorithm>

namespace buslab::queueing {

Network::Network(const PlatformSpec& spec) {
  for (const auto& h : spec.hosts) {
    latency_.push_back(h.latency);
    bandwidth_.push_back(h.bandwidth);
    up_.push_back(true);
  }
  if (spec.network_model == "LV08") {
    // SimGrid 3.32 src/surf/network_cm02.cpp, surf_network_model_init_LegrandVelho.
    latency_factor_ = 13.01;
    bandwidth_factor_ = 0.97;
  }
}

double Network::transfer_time(uint32_t from, uint32_t to, uint64_t bytes) const {
  const double size = static_cast<double>(bytes);
  if (from == to) return size / (kLoopbackBandwidth * bandwidth_factor_);
  const double latency = latency_[from] + latency_[to];
  double rate = std::min(bandwidth_[from], bandwidth_[to]);
  if (latency > 0) rate = std::min(rate, kTcpGamma / (2.0 * latency));
  return latency * latency_factor_ + size / (rate * bandwidth_factor_);
}

}  // namespace buslab::queueing
