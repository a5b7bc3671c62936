#pragma once
// Counters the models update as the run goes; sim/output/metrics_writer turns them into metrics.json
// (docs/metrics.md). Keyed by name in ordered maps so the output order never depends on hashing.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "models/accounting/latency.hpp"

namespace buslab {

// One client group calling one method.
struct ClientMethodStats {
  uint64_t sent = 0;                         // calls and casts issued
  uint64_t completed = 0;                    // calls answered with success; casts handed to the transport
  uint64_t timed_out = 0;                    // calls with no reply within their timeout
  uint64_t failed = 0;                       // calls that ended with an error (refused, remote error, ...)
  uint64_t pending = 0;                      // still in hand when the run ended (awaiting a reply, or not yet sent)
  uint64_t late_replies = 0;                 // replies that came after their call had timed out
  uint64_t retried = 0;                      // calls sent again after a timeout (retries)
  std::map<std::string, uint64_t> failures;  // reason -> count
  LatencySamples latency;                    // completed calls: issue to reply, seconds
};

struct ServerStats {
  std::string service;
  std::string host;
  int workers = 0;
  uint64_t handled = 0;           // requests run to the end
  uint64_t failed = 0;            // of those, ended in an error: the method raised, or could not be dispatched
  uint64_t lost_in_crash = 0;     // requests it held when it died
  uint64_t replies_returned = 0;  // its replies the broker returned (the caller's reply queue was gone)
  double busy_time = 0.0;         // worker-seconds spent running requests
  double cpu_time = 0.0;          // core-seconds of CPU work its requests completed
  int host_cores = 1;
  double up_time = 0.0;  // seconds it was alive
};

struct QueueStats {
  std::string broker;
  uint64_t published = 0;  // messages routed into it
  uint64_t delivered = 0;  // deliveries to consumers (redeliveries included)
  uint64_t acked = 0;
  uint64_t redelivered = 0;  // deliveries with the redelivered flag
  uint64_t dropped = 0;      // dropped from it (max-length, reject without requeue, deletion)
  uint64_t expired = 0;
  uint64_t dead_lettered = 0;  // departures republished to its dead-letter exchange
  uint64_t max_depth = 0;      // most ready messages at once
  uint64_t max_bytes = 0;      // most ready message bytes at once
  uint64_t remaining = 0;      // ready + unacked at the end
  uint64_t deleted = 0;        // times it was deleted (expiry, auto-delete, exclusive owner gone, broker crash)
};

struct BrokerStats {
  std::string host;
  uint64_t publishes = 0;         // publishes received
  uint64_t unroutable = 0;        // matched no queue (dropped, or returned when mandatory)
  uint64_t returned = 0;          // basic.return sent
  uint64_t confirmed = 0;         // publisher confirms sent (ack)
  uint64_t nacked = 0;            // publisher confirms sent (nack)
  uint64_t disk_writes = 0;       // persistent messages written to disk
  uint64_t max_memory_bytes = 0;  // most message bytes held at once (tracked with a memory watermark)
  double blocked_time = 0.0;      // seconds its memory alarm blocked publishers
  uint64_t crashes = 0;
  uint64_t lost_in_crash = 0;  // messages its crashes lost
  uint64_t connections = 0;    // connections opened during the run (reconnections included)
};

// An AMQP consumer instance (not RPC).
struct ConsumerStats {
  std::string queue;
  std::string host;
  int workers = 0;
  uint64_t handled = 0;      // messages processed
  uint64_t rejected = 0;     // rejected after processing
  uint64_t redelivered = 0;  // deliveries that carried the redelivered flag
  uint64_t lost_in_crash = 0;
  double busy_time = 0.0;
  double up_time = 0.0;
  LatencySamples latency;  // publish to processed, seconds
};

// An AMQP publisher group (not RPC).
struct PublisherStats {
  uint64_t published = 0;
  uint64_t confirmed = 0;
  uint64_t nacked = 0;
  uint64_t returned = 0;
  uint64_t failed = 0;             // given up while the broker was away
  LatencySamples confirm_latency;  // publish to confirm, seconds
};

class Metrics {
 public:
  ClientMethodStats& client(const std::string& group, const std::string& method) { return clients_[group][method]; }
  ServerStats& server(const std::string& name) { return in_order(servers_, server_order_, name); }
  QueueStats& queue(const std::string& name) { return queues_[name]; }
  BrokerStats& broker(const std::string& name) { return brokers_[name]; }
  ConsumerStats& consumer(const std::string& name) { return in_order(consumers_, consumer_order_, name); }
  PublisherStats& publisher(const std::string& name) { return publishers_[name]; }

  const std::map<std::string, std::map<std::string, ClientMethodStats>>& clients() const { return clients_; }
  const std::map<std::string, ServerStats>& servers() const { return servers_; }
  const std::map<std::string, QueueStats>& queues() const { return queues_; }
  const std::map<std::string, BrokerStats>& brokers() const { return brokers_; }
  const std::map<std::string, ConsumerStats>& consumers() const { return consumers_; }
  const std::map<std::string, PublisherStats>& publishers() const { return publishers_; }
  // Servers and consumers in the order they were created (the deployment's order), for outputs.
  const std::vector<std::string>& server_order() const { return server_order_; }
  const std::vector<std::string>& consumer_order() const { return consumer_order_; }

 private:
  template <typename Stats>
  static Stats& in_order(std::map<std::string, Stats>& all, std::vector<std::string>& order, const std::string& name) {
    auto [it, added] = all.try_emplace(name);
    if (added) order.push_back(name);
    return it->second;
  }

  std::map<std::string, std::map<std::string, ClientMethodStats>> clients_;
  std::map<std::string, ServerStats> servers_;
  std::map<std::string, QueueStats> queues_;
  std::map<std::string, BrokerStats> brokers_;
  std::map<std::string, ConsumerStats> consumers_;
  std::map<std::string, PublisherStats> publishers_;
  std::vector<std::string> server_order_;
  std::vector<std::string> consumer_order_;
};

}  // namespace buslab
