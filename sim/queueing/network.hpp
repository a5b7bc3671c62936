#pragma once
// The queueing engine's network: the SimGrid platform's star (each host's own link to a core switch) without
// bandwidth sharing. A transfer between two hosts takes the route's latency plus its size over the route's
// bottleneck bandwidth, whatever else crosses the same links; between two processes of one host it takes the
// loopback's time (no latency, 1e12 B/s). The network model's corrections are SimGrid's CM02 / LV08 ones for a
// single flow: LV08 multiplies the latency by 13.01 and the bandwidth by 0.97, and both bound a flow's rate by
// the TCP window (TCP-gamma, 4 MiB) over twice the route's latency. A host whose link is down (host_down) neither
// sends nor receives.
#include <string>
#include <vector>

#include "sim/scenario/scenario.hpp"

namespace buslab::queueing {

class Network {
 public:
  // Hosts are numbered in `spec.hosts` order. Shared links (spec.links) are refused beforehand (queueing_support).
  explicit Network(const PlatformSpec& spec);

  // Seconds for `bytes` from host `from` to host `to`.
  double transfer_time(uint32_t from, uint32_t to, uint64_t bytes) const;
  bool host_up(uint32_t host) const { return up_[host]; }
  void set_host_up(uint32_t host, bool up) { up_[host] = up; }

  // SimGrid's defaults (network/TCP-gamma, network/loopback-bw).
  static constexpr double kTcpGamma = 4194304.0;
  static constexpr double kLoopbackBandwidth = 1e12;

 private:
  std::vector<double> latency_;    // each host's own link, s
  std::vector<double> bandwidth_;  // each host's own link, B/s
  std::vector<bool> up_;
  double latency_factor_ = 1.0;
  double bandwidth_factor_ = 1.0;
};

}  // namespace buslab::queueing
