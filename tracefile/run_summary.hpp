#pragma once
// What a run did, from its trace's records, in the terms `buslab run` prints and metrics.json holds: RPC clients
// per group and method, servers, AMQP publishers, consumers and queues, and the message ledger. The visualizer
// shows it beside the timeline; a test checks it against metrics.json for every lab, so a number on screen is the
// number the CLI prints.
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "tracefile/trace_index.hpp"
#include "tracefile/trace_model.hpp"

namespace buslab::tracefile {

// Nearest-rank percentiles, as metrics.json computes them; NaN when there is no sample.
struct LatencyStats {
  size_t count = 0;
  double mean = NAN, p50 = NAN, p90 = NAN, p99 = NAN, max = NAN;
};
LatencyStats latency_stats(std::vector<double> samples);

// RPC calls (and casts) of one client group to one method. A group is the clients named <group>-<n>; for calls a
// server makes while it handles another (nested calls), the server's service.
struct ClientMethodSummary {
  std::string group, method;
  size_t instances = 0;
  bool casts = false;  // every call of it is a cast
  size_t sent = 0, completed = 0, timed_out = 0, failed = 0, pending = 0;
  size_t late_replies = 0;                               // replies that came after their call ended
  std::vector<std::pair<std::string, size_t>> failures;  // reason -> count, by reason
  LatencyStats latency;                                  // calls that completed: issue to reply
};

struct ServerSummary {
  int lane = -1;
  std::string name, service;
  size_t handled = 0;        // requests run to the end
  size_t lost_in_crash = 0;  // messages its crashes took
};

// An AMQP publisher group (plain publishers and oslo notifiers).
struct PublisherSummary {
  std::string group;
  size_t instances = 0;
  size_t published = 0, confirmed = 0, nacked = 0, returned = 0;
};

// An AMQP consumer (a plain consumer or an oslo listener).
struct ConsumerSummary {
  int lane = -1;
  std::string name, queue;
  size_t handled = 0, redelivered = 0, lost_in_crash = 0;
  LatencyStats latency;  // publish to done
};

struct QueueSummary {
  int lane = -1;
  std::string name;  // "<broker>/<queue>", as metrics.json names it
  size_t routed = 0, delivered = 0, redelivered = 0;
  double max_depth = 0, depth_at_end = 0;
};

struct RunSummary {
  std::vector<ClientMethodSummary> clients;  // by group (in lane order), then method
  // Calls servers made while handling others (a conductor calling the scheduler): metrics.json does not list them
  // (yet), so they are kept apart.
  std::vector<ClientMethodSummary> nested;
  std::vector<ServerSummary> servers;        // RPC servers, in lane order
  std::vector<PublisherSummary> publishers;  // by group, in lane order
  std::vector<ConsumerSummary> consumers;    // in lane order
  std::vector<QueueSummary> queues;          // in lane order
  // The ledger the trace carries ("created", "lost.broker_crash", ...): empty for older traces.
  std::vector<std::pair<std::string, double>> conservation;

  // Every call of a client (nested ones aside), whatever its method.
  size_t calls = 0, calls_ok = 0, timeouts = 0, errors = 0;
  LatencyStats call_latency;  // calls that completed ok (casts excluded)
  // Over all consumers: the worst of their p50 and p99 publish-to-done latency (what the CLI prints).
  double worst_consumer_p50 = NAN, worst_consumer_p99 = NAN;
  size_t hops = 0, lost_hops = 0, dropped_hops = 0;

  // A ledger count by its key, or -1 when the trace has none.
  double ledger(const std::string& key) const;
  // The sum of the ledger counts under "lost." (or "dropped.", "remaining.").
  double ledger_total(const std::string& prefix) const;
};

// "api-3" -> "api": the group the deployment named a client or publisher lane after.
std::string group_of(const std::string& lane_name);

RunSummary summarize(const Trace& trace, const TraceIndex& index);

}  // namespace buslab::tracefile
