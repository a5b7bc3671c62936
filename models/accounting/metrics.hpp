#pragma once
// Counters the models update as the run goes; sim/metrics_writer turns them into metrics.json
// (docs/metrics.md). Keyed by name in ordered maps so the output order never depends on hashing.
#include <cstdint>
#include <map>
#include <string>

#include "models/accounting/latency.hpp"

namespace buslab {

// One client group calling one method.
struct ClientMethodStats {
  uint64_t sent = 0;                         // calls and casts issued
  uint64_t completed = 0;                    // calls answered with success; casts handed to the transport
  uint64_t timed_out = 0;                    // calls with no reply within their timeout
  uint64_t failed = 0;                       // calls that ended with an error (refused, remote error, ...)
  uint64_t late_replies = 0;                 // replies that came after their call had timed out
  std::map<std::string, uint64_t> failures;  // reason -> count
  LatencySamples latency;                    // completed calls: issue to reply, seconds
};

struct ServerStats {
  std::string service;
  std::string host;
  int workers = 0;
  uint64_t handled = 0;        // requests run to the end
  uint64_t lost_in_crash = 0;  // requests it held when it died
  double busy_time = 0.0;      // worker-seconds spent running requests
  double up_time = 0.0;        // seconds it was alive
};

struct QueueStats {
  std::string broker;
  uint64_t published = 0;  // messages routed into it
  uint64_t delivered = 0;  // deliveries to consumers (redeliveries included)
  uint64_t acked = 0;
  uint64_t redelivered = 0;  // deliveries with the redelivered flag
  uint64_t dropped = 0;      // dropped from it (max-length, reject without requeue, deletion)
  uint64_t expired = 0;
  uint64_t max_depth = 0;  // most ready messages at once
  uint64_t remaining = 0;  // ready + unacked at the end
};

class Metrics {
 public:
  ClientMethodStats& client(const std::string& group, const std::string& method) { return clients_[group][method]; }
  ServerStats& server(const std::string& name) { return servers_[name]; }
  QueueStats& queue(const std::string& name) { return queues_[name]; }

  const std::map<std::string, std::map<std::string, ClientMethodStats>>& clients() const { return clients_; }
  const std::map<std::string, ServerStats>& servers() const { return servers_; }
  const std::map<std::string, QueueStats>& queues() const { return queues_; }

 private:
  std::map<std::string, std::map<std::string, ClientMethodStats>> clients_;
  std::map<std::string, ServerStats> servers_;
  std::map<std::string, QueueStats> queues_;
};

}  // namespace buslab
