// PublisherNode driven frame by frame: its arrivals publish, confirms settle its closed loop, a returned publish
// is dropped as returned, frames reaching it dead are lost, an unexpected frame is an internal error, and a
// restart is a new incarnation that connects anew.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "models/amqp/publisher_node.hpp"
#include "models/core/protocol_error.hpp"
#include "tests/support/node_test.hpp"

namespace buslab {

namespace {

using testing::take_frames;

class PublisherTest : public testing::NodeTest<PublisherNode> {
 protected:
  PublisherTest() : NodeTest("pub-1") {}
  void make(ArrivalSpec arrival, bool confirms) {
    PublisherConfig c;
    c.name = "pub-1";
    c.group = "pub";
    c.lane = self_lane();
    c.exchange = "x";
    c.routing_keys = {"a", "b"};
    c.confirms = confirms;
    c.mandatory = true;
    c.payload_bytes = Distribution::constant(100);
    c.arrival = arrival;
    c.stop = 10;
    c.link = w.link_to({mq});
    start(c);
  }
  Envelope confirm(uint64_t seq, bool nack = false) {
    Envelope env = w.frame(Frame::Confirm, mq);
    env.publish_seq = seq;
    env.nack = nack;
    return env;
  }
  const PublisherStats& stats() { return w.world.metrics.publisher("pub"); }
};

ArrivalSpec every_second(int count) {
  ArrivalSpec a;
  a.kind = ArrivalKind::Fixed;
  a.count = count;
  a.interval = 1.0;
  return a;
}

}  // namespace

TEST_F(PublisherTest, EachArrivalPublishesToItsExchangeWithRoundRobinKeys) {
  make(every_second(3), false);
  run_until(5);
  const auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 3u);
  for (const auto& env : sent) {
    EXPECT_EQ(env->frame, Frame::Publish);
    EXPECT_EQ(env->to_node, mq);
    EXPECT_TRUE(env->owns_message);
    EXPECT_EQ(env->message->amqp.exchange, "x");
    EXPECT_EQ(env->message->wire_bytes, 100 + kAmqpHeaderBytes);
    EXPECT_EQ(env->publish_seq, 0u);  // no confirms asked
  }
  EXPECT_EQ(sent[0]->message->amqp.routing_key, "a");
  EXPECT_EQ(sent[1]->message->amqp.routing_key, "b");
  EXPECT_EQ(sent[2]->message->amqp.routing_key, "a");
  EXPECT_EQ(stats().published, 3u);
  EXPECT_EQ(w.remaining(Place::InTransit), 3u);
}

TEST_F(PublisherTest, AClosedLoopPublishesAgainWhenAConfirmComes) {
  ArrivalSpec a;
  a.kind = ArrivalKind::Closed;
  a.outstanding = 2;
  a.stagger = 0;  // both first publishes at the start
  make(a, true);
  run_until(0);
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0]->publish_seq, 1u);
  EXPECT_EQ(sent[1]->publish_seq, 2u);
  w.rt.advance(0.25);
  Envelope ack = confirm(2);
  node->on_frame(w.rt, ack);
  Envelope nack = confirm(1, true);
  node->on_frame(w.rt, nack);
  EXPECT_EQ(stats().confirmed, 1u);
  EXPECT_EQ(stats().nacked, 1u);
  EXPECT_DOUBLE_EQ(stats().confirm_latency.summarize().max, 0.25);
  // A confirm it does not wait for (a duplicate) changes nothing.
  Envelope again = confirm(2);
  node->on_frame(w.rt, again);
  EXPECT_EQ(stats().confirmed, 1u);
  run_until(0.25);
  sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 2u);  // one more per settled publish
  EXPECT_EQ(sent[0]->publish_seq, 3u);
}

TEST_F(PublisherTest, AReturnedPublishIsDroppedAsReturned) {
  make(every_second(1), false);
  run_until(0);
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  Envelope ret = w.returned(mq, std::move(sent[0]->message));
  const MsgId id = ret.message->id;
  node->on_frame(w.rt, ret);
  EXPECT_EQ(w.world.ledger.fate(id), Fate::Dropped);
  EXPECT_EQ(w.world.ledger.totals().dropped[static_cast<size_t>(DropReason::Returned)], 1u);
  EXPECT_EQ(stats().returned, 1u);
}

TEST_F(PublisherTest, AnUnexpectedFrameIsAnInternalError) {
  make(every_second(1), false);
  Envelope deliver = w.delivery(mq, w.message(MsgKind::Request), 4);
  try {
    node->on_frame(w.rt, deliver);
    FAIL() << "no error";
  } catch (const ProtocolViolation& e) {
    EXPECT_STREQ(e.what(),
                 fmt::format("internal error: unexpected Deliver frame from mq (call 0, queue 1, delivery tag 4, "
                             "message {} of call 0)",
                             deliver.message->id)
                     .c_str());
  }
  EXPECT_THROW(node->on_work_done(w.rt, make_tag(TagKind::Service, 1)), ProtocolViolation);
  EXPECT_THROW(node->on_timer(w.rt, make_tag(TagKind::QueueTtl, 1)), ProtocolViolation);
}

TEST_F(PublisherTest, DeadItLosesWhatReachesItAndItsOutboxThenRestartsAsANewIncarnation) {
  make(every_second(5), false);
  Envelope lost = w.frame(Frame::BrokerLost, mq);
  lost.peer = mq;
  node->on_frame(w.rt, lost);  // disconnected: the next publish waits in the outbox
  run_until(0);
  EXPECT_TRUE(take_frames(w.rt, Frame::Publish).empty());
  EXPECT_EQ(node->messages_in_hand(), 1u);
  kill();
  EXPECT_FALSE(w.world.directory.alive(self));
  EXPECT_EQ(w.world.ledger.totals().lost[static_cast<size_t>(LossCause::ProcessCrash)], 1u);
  EXPECT_TRUE(w.rt.timers.empty());  // its arrivals and reconnection died with it
  // A Return of an earlier publish reaches the dead process: lost with it, whatever its kind.
  Envelope ret = w.returned(mq, w.message(MsgKind::Request));
  node->on_frame(w.rt, ret);
  EXPECT_EQ(ret.status, HopStatus::Lost);
  EXPECT_EQ(w.world.ledger.totals().lost[static_cast<size_t>(LossCause::ProcessCrash)], 2u);
  Envelope stray = w.frame(Frame::Deliver, mq);  // even a frame it could not handle alive
  node->on_frame(w.rt, stray);
  EXPECT_EQ(stray.status, HopStatus::Lost);
  // Restarted at 2.5 s: a new incarnation connects, and the arrivals due while it was down are not made.
  w.rt.advance(2.5);
  const uint32_t epoch = w.world.directory.epoch(self);
  restart_and_reconnect();
  EXPECT_EQ(w.world.directory.epoch(self), epoch + 1);
  run_until(10);
  EXPECT_EQ(take_frames(w.rt, Frame::Publish).size(), 2u);  // at 3 s and 4 s
}

}  // namespace buslab
