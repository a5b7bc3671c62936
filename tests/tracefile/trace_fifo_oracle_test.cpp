// The FIFO oracle the nemesis test applies to every run's trace (tests/support/trace_fifo.hpp) must itself fail
// when a queue overtakes, and not when the trace cannot order two messages.
#include <gtest/gtest.h>

#include <string>

#include "tests/support/trace_fifo.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab {
namespace {

// Lanes: 0 exchange mq/x/jobs, 1 queue mq/q/work, 2 server worker-1, 3 client pub-1. `hops` are rows of the format's
// hop table.
tracefile::Trace queue_trace(const std::string& hops) {
  const std::string text =
      R"({"format":"buslab-trace","version":1,"scenario":"fifo","variant":"","seed":1,)"
      R"("sim_time_s":1,"lanes":[)"
      R"({"id":0,"name":"mq/x/jobs","kind":"exchange","host":"mq","broker":"mq"},)"
      R"({"id":1,"name":"mq/q/work","kind":"queue","host":"mq","broker":"mq"},)"
      R"({"id":2,"name":"worker-1","kind":"server","host":"node","service":"queue work"},)"
      R"({"id":3,"name":"pub-1","kind":"client","host":"api"}],)"
      R"("hop_fields":["msg","call","kind","from","to","t_send","t_recv","bytes","method","status"],)"
      R"("hops":[)" +
      hops +
      R"(],"event_fields":["t","lane","type","value","call"],"events":[],)"
      R"("call_fields":["call","client","method","mode","t_start","t_end","outcome","server"],)"
      R"("calls":[]})";
  return tracefile::parse_trace(text, "fifo.json");
}

TEST(TraceFifoOracle, InOrderPasses) {
  const auto check = testing::check_fifo_per_queue(
      queue_trace(R"([1,0,"route",0,1,0.1,0.1,100,"","ok"],[2,0,"route",0,1,0.2,0.2,100,"","ok"],)"
                  R"([1,0,"delivery",1,2,0.3,0.4,100,"","ok"],[2,0,"delivery",1,2,0.5,0.6,100,"","ok"])"));
  EXPECT_EQ(check.violation, "");
  EXPECT_EQ(check.queues, 1u);
  EXPECT_EQ(check.first_deliveries, 2u);
}

TEST(TraceFifoOracle, OvertakingFails) {
  const auto check = testing::check_fifo_per_queue(
      queue_trace(R"([1,0,"route",0,1,0.1,0.1,100,"","ok"],[2,0,"route",0,1,0.2,0.2,100,"","ok"],)"
                  R"([2,0,"delivery",1,2,0.3,0.4,100,"","ok"],[1,0,"delivery",1,2,0.5,0.6,100,"","ok"])"));
  EXPECT_EQ(check.violation,
            "queue mq/q/work: a message that arrived at 0.100000000 s was first delivered at 0.500000000 s, after one "
            "that arrived later, at 0.200000000 s (not FIFO)");
}

TEST(TraceFifoOracle, MessagesArrivedAtOneInstantMayLeaveInAnyOrder) {
  const auto check = testing::check_fifo_per_queue(
      queue_trace(R"([1,0,"route",0,1,0.1,0.1,100,"","ok"],[2,0,"route",0,1,0.1,0.1,100,"","ok"],)"
                  R"([2,0,"delivery",1,2,0.3,0.4,100,"","ok"],[1,0,"delivery",1,2,0.5,0.6,100,"","ok"])"));
  EXPECT_EQ(check.violation, "");
}

TEST(TraceFifoOracle, ARedeliveryMayOvertake) {
  // Message 1 is delivered, requeued (its consumer's connection went) and delivered again after message 2.
  const auto check = testing::check_fifo_per_queue(
      queue_trace(R"([1,0,"route",0,1,0.1,0.1,100,"","ok"],[1,0,"delivery",1,2,0.15,0.16,100,"","ok"],)"
                  R"([2,0,"route",0,1,0.2,0.2,100,"","ok"],[2,0,"delivery",1,2,0.3,0.4,100,"","ok"],)"
                  R"([1,0,"delivery",1,2,0.5,0.6,100,"","ok"])"));
  EXPECT_EQ(check.violation, "");
  EXPECT_EQ(check.first_deliveries, 2u);
}

TEST(TraceFifoOracle, ARequeuedCopyIsCheckedToHaveArrivedNotForItsOrder) {
  // Message 3 is the broker's copy of a delivery its consumer had taken on: it enters by a local hop.
  const auto check = testing::check_fifo_per_queue(
      queue_trace(R"([2,0,"route",0,1,0.1,0.1,100,"","ok"],[3,0,"local",1,1,0.2,0.2,100,"","ok"],)"
                  R"([3,0,"delivery",1,2,0.3,0.4,100,"","ok"],[2,0,"delivery",1,2,0.5,0.6,100,"","ok"])"));
  EXPECT_EQ(check.violation, "");
}

TEST(TraceFifoOracle, ADeliveryOfAMessageThatNeverArrivedFails) {
  const auto check = testing::check_fifo_per_queue(queue_trace(R"([7,0,"delivery",1,2,0.3,0.4,100,"","ok"])"));
  EXPECT_EQ(check.violation, "queue mq/q/work: message 7 delivered at 0.300000000 s with no route hop into it");
}

TEST(TraceChannelOrder, MessagesSentInOrderMustBeRoutedInOrder) {
  const auto check = testing::check_channel_order(
      queue_trace(R"([1,0,"request",3,0,0.1,0.2,100,"","ok"],[2,0,"request",3,0,0.11,0.15,100,"","ok"],)"
                  R"([2,0,"route",0,1,0.16,0.16,100,"","ok"],[1,0,"route",0,1,0.21,0.21,100,"","ok"])"));
  EXPECT_EQ(check.violation,
            "pub-1 -> queue mq/q/work: message 1 sent at 0.100000000 s was routed at 0.210000000 s, after message 2 "
            "sent later (at 0.110000000 s): one channel's messages overtook each other");
}

TEST(TraceChannelOrder, InOrderAndSameInstantSendsPass) {
  const auto check = testing::check_channel_order(
      queue_trace(R"([1,0,"request",3,0,0.1,0.2,100,"","ok"],[2,0,"request",3,0,0.1,0.15,100,"","ok"],)"
                  R"([3,0,"request",3,0,0.3,0.4,100,"","ok"],)"
                  R"([2,0,"route",0,1,0.16,0.16,100,"","ok"],[1,0,"route",0,1,0.21,0.21,100,"","ok"],)"
                  R"([3,0,"route",0,1,0.41,0.41,100,"","ok"])"));
  EXPECT_EQ(check.violation, "");
  EXPECT_EQ(check.first_deliveries, 3u);
}

}  // namespace
}  // namespace buslab
