// ConsumerNode driven frame by frame: a delivery is processed on a worker and acknowledged after (or before, or
// never with auto-ack), rejected at its rate, handed back to its broker when it dies holding it unacknowledged
// (only if the broker still has its copy), stale acknowledgements are not sent, and an unexpected frame is an
// internal error.
#include <gtest/gtest.h>

#include "models/amqp/consumer_node.hpp"
#include "models/core/protocol_error.hpp"
#include "tests/support/node_test.hpp"

namespace buslab {

namespace {

using testing::take_frames;

class ConsumerTest : public testing::NodeTest<ConsumerNode> {
 protected:
  ConsumerTest() : NodeTest("cons-1") {}
  void make(ConsumerAckMode ack, double reject_probability = 0.0) {
    ConsumerConfig c;
    c.name = "cons-1";
    c.queue = "q";
    c.host = "h-cons-1";
    c.lane = self_lane();
    c.ack = ack;
    c.workers = 1;
    c.processing_time = Distribution::constant(0.5);
    c.reject_probability = reject_probability;
    c.reject_requeue = true;
    c.link = w.link_to({mq});
    start(c);
  }
  MsgId deliver(uint64_t tag) {
    Envelope env = w.delivery(mq, w.message(MsgKind::Request), tag);
    const MsgId id = env.message->id;
    node->on_frame(w.rt, env);
    return id;
  }
  const ConsumerStats& stats() { return w.world.metrics.consumers().at("cons-1"); }
};

}  // namespace

TEST_F(ConsumerTest, ProcessesOneAtATimeThenAcknowledges) {
  make(ConsumerAckMode::AfterProcessing);
  const MsgId first = deliver(1);
  const MsgId second = deliver(2);
  // One worker: the first computes (0.5 s at the host's speed), the second waits.
  ASSERT_EQ(w.rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(w.rt.work[0].first, 0.5 * w.rt.core_speed());
  EXPECT_EQ(w.world.ledger.place_of(first), Place::InService);
  EXPECT_EQ(w.world.ledger.place_of(second), Place::ServerBacklog);
  EXPECT_TRUE(w.rt.take_sent().empty());  // nothing acknowledged before processing
  w.rt.advance(0.5);
  const uint64_t tag = w.rt.work[0].second;
  w.rt.work.clear();
  node->on_work_done(w.rt, tag);
  EXPECT_EQ(w.world.ledger.fate(first), Fate::Consumed);
  const auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Ack);
  EXPECT_EQ(sent[0]->tag, 1u);
  EXPECT_EQ(sent[0]->queue, 1u);
  EXPECT_EQ(w.world.ledger.place_of(second), Place::InService);
  EXPECT_EQ(stats().handled, 1u);
}

TEST_F(ConsumerTest, AcknowledgesBeforeProcessingWhenAsked) {
  make(ConsumerAckMode::BeforeProcessing);
  deliver(7);
  const auto acks = take_frames(w.rt, Frame::Ack);
  ASSERT_EQ(acks.size(), 1u);
  EXPECT_EQ(acks[0]->tag, 7u);
  w.rt.drain_work(*node);
  EXPECT_TRUE(w.rt.take_sent().empty());  // not twice
}

TEST_F(ConsumerTest, ARejectedMessageIsTheBrokersAgain) {
  make(ConsumerAckMode::AfterProcessing, 1.0);
  const MsgId id = deliver(3);
  w.rt.drain_work(*node);
  const auto rejects = take_frames(w.rt, Frame::Reject);
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_TRUE(rejects[0]->requeue);
  EXPECT_EQ(w.world.ledger.place_of(id), Place::QueueUnacked);
  EXPECT_EQ(stats().rejected, 1u);
}

TEST_F(ConsumerTest, ARejectionTheBrokerCannotTakeBackDropsTheMessage) {
  make(ConsumerAckMode::AfterProcessing, 1.0);
  const MsgId id = deliver(3);
  w.world.ledger.set_broker_copy(id, false);  // the broker died meanwhile: its copy is gone
  w.rt.drain_work(*node);
  EXPECT_EQ(w.world.ledger.fate(id), Fate::Dropped);
}

TEST_F(ConsumerTest, DyingItHandsBackOnlyWhatItsBrokerStillKeeps) {
  make(ConsumerAckMode::AfterProcessing);
  const MsgId kept = deliver(1);
  const MsgId gone = deliver(2);
  w.world.ledger.set_broker_copy(gone, false);  // e.g. the broker died at the same instant
  kill();
  EXPECT_EQ(w.world.ledger.place_of(kept), Place::QueueUnacked);
  EXPECT_EQ(w.world.ledger.fate(gone), Fate::Lost);
  EXPECT_EQ(stats().lost_in_crash, 1u);
  EXPECT_EQ(take_frames(w.rt, Frame::ConnectionLost).size(), 1u);
  // A delivery reaching it dead: the frame is lost; the broker still keeps the message (no ack came).
  Envelope late = w.delivery(mq, w.message(MsgKind::Request), 3);
  const MsgId late_id = late.message->id;
  node->on_frame(w.rt, late);
  EXPECT_EQ(late.status, HopStatus::Lost);
  EXPECT_EQ(w.world.ledger.place_of(late_id), Place::QueueUnacked);
}

TEST_F(ConsumerTest, AnAcknowledgementForAConnectionThatDiedIsNotSent) {
  make(ConsumerAckMode::AfterProcessing);
  const MsgId id = deliver(1);
  Envelope lost = w.frame(Frame::BrokerLost, mq);
  lost.peer = mq;
  node->on_frame(w.rt, lost);
  w.rt.drain_work(*node);
  EXPECT_EQ(w.world.ledger.fate(id), Fate::Consumed);  // processed all the same
  EXPECT_TRUE(take_frames(w.rt, Frame::Ack).empty());
}

TEST_F(ConsumerTest, AnUnexpectedFrameOrTagIsAnInternalError) {
  make(ConsumerAckMode::AfterProcessing);
  Envelope confirm = w.frame(Frame::Confirm, mq);
  EXPECT_THROW(node->on_frame(w.rt, confirm), ProtocolViolation);
  EXPECT_THROW(node->on_timer(w.rt, make_tag(TagKind::Arrival, 0)), ProtocolViolation);
  EXPECT_THROW(node->on_work_done(w.rt, make_tag(TagKind::CallDecode, 1)), ProtocolViolation);
}

}  // namespace buslab
