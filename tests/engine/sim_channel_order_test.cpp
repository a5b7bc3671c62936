// One channel's messages reach their queue, and its consumer, in the order they were published (AMQP's ordering
// promise, docs/semantics.md 1.5), even on a broker with several cores: RabbitMQ routes one channel's publishes and
// does one queue's work one at a time (each is an Erlang process), so a small message published after a large one
// cannot be routed before it. Before buslab modelled that, this run routed 44 of its 4,507 messages out of order.
#include <gtest/gtest.h>

#include <set>

#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/trace_fifo.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab {
namespace {

// Lab 04's broker crash with nova-sized payloads (1-10 kB, so their costs differ) at 300/s into a 2-core broker:
// messages overlap in the broker in normal running, and 1,788 leave the publisher's buffer at one instant when it
// reconnects after the restart.
constexpr const char* kScenario = R"({
  "name": "channel-order", "duration": "15s", "drain": "30s",
  "platform": {"hosts": [{"name": "producer"}, {"name": "rabbit", "cores": 2}, {"name": "worker"}]},
  "brokers": [{"name": "rabbit", "host": "rabbit", "heartbeat": "10s",
               "exchanges": [{"name": "jobs", "type": "direct", "durable": true}],
               "queues": [{"name": "work", "durable": true, "bindings": [{"exchange": "jobs", "key": "work"}]}]}],
  "publishers": [{"name": "producer", "host": "producer", "broker": "rabbit", "exchange": "jobs",
                  "routing_key": "work", "arrival": {"kind": "poisson", "rate": 300},
                  "payload": {"dist": "empirical", "data": "nova-message-lengths"}}],
  "consumers": [{"name": "worker", "host": "worker", "broker": "rabbit", "queue": "work", "prefetch": 10,
                 "processing_time": "12ms"}],
  "faults": [{"at": "5s", "action": "kill", "target": "rabbit"}, {"at": "8s", "action": "restart", "target": "rabbit"}]
})";

// What one run's checks covered.
struct Checked {
  uint64_t routed = 0;     // the publisher's messages that reached the queue, each checked against those sent before
  uint64_t delivered = 0;  // the consumer's first deliveries, each checked against the one before
};

// The checks on one run: no message routed ahead of one its publisher sent before it, and the consumer's first
// deliveries in the order the messages were made.
Checked expect_channel_order(EngineKind engine, const std::string& name) {
  const testing::TempDir out(name);
  testing::run_json(kScenario, out.path(), "", engine);
  const tracefile::Trace trace = tracefile::read_trace(out.file("trace.json"));
  const testing::FifoCheck channel = testing::check_channel_order(trace);
  EXPECT_EQ(channel.violation, "");
  // One publisher, one queue, one consumer: its first deliveries come in the order the messages were made. This
  // orders the burst sent at the reconnect too (the trace cannot: its sends share one instant), so it also checks
  // that the network keeps one connection's frames in order (TCP).
  const tracefile::Hops& h = trace.hops;
  uint64_t last = 0, delivered = 0;
  std::set<uint64_t> seen;
  for (size_t i = 0; i < h.size(); ++i) {
    if (static_cast<tracefile::HopKind>(h.kind[i]) != tracefile::HopKind::Delivery || !seen.insert(h.msg[i]).second)
      continue;
    EXPECT_GT(h.msg[i], last) << "message " << h.msg[i] << " delivered at " << h.t_send[i] << " s after " << last;
    last = h.msg[i];
    ++delivered;
  }
  return Checked{channel.first_deliveries, delivered};
}

TEST(ChannelOrder, OnePublishersMessagesAreRoutedAndDeliveredInTheOrderSent) {
  const Checked checked = expect_channel_order(EngineKind::Simgrid, "channel-order");
  EXPECT_GT(checked.routed, 4000u);  // the reconnect's burst of 1,788 included
  EXPECT_GT(checked.delivered, 3000u);
}

TEST(ChannelOrder, TheQueueingEngineKeepsOneConnectionsFramesInOrderToo) {
  const Checked checked = expect_channel_order(EngineKind::Queueing, "channel-order-queueing");
  EXPECT_GT(checked.routed, 4000u);
  EXPECT_GT(checked.delivered, 3000u);
}

}  // namespace
}  // namespace buslab
