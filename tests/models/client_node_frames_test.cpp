// ClientNode driven frame by frame: its arrivals issue calls through its caller, replies are acknowledged on
// receipt and counted with their latency, a crash ends its calls ("crashed") and loses what reaches it dead, a
// restart is a new incarnation that connects anew and skips the arrivals it missed, and an unexpected frame or
// tag is an internal error.
#include <gtest/gtest.h>

#include "models/core/protocol_error.hpp"
#include "models/rpc/client_node.hpp"
#include "tests/support/node_test.hpp"

namespace buslab {

namespace {

using testing::kPlainCodec;
using testing::take_frames;

class ClientFramesTest : public testing::NodeTest<ClientNode> {
 protected:
  ClientFramesTest() : NodeTest("api-1") {}
  void make(int count) {
    ClientConfig c;
    c.name = "api-1";
    c.group = "api";
    c.lane = self_lane();
    RpcRequestSpec step;
    step.service = "svc";
    step.target.topic = "svc";
    step.method = "m";
    step.timeout = 30;
    c.steps.push_back(step);
    c.arrival.kind = ArrivalKind::Fixed;
    c.arrival.count = count;
    c.arrival.interval = 1.0;
    c.stop = 100;
    c.brokered = true;
    c.link = w.link_to({mq});
    c.caller.name = "api-1";
    c.caller.lane = c.lane;
    c.caller.codec = &kPlainCodec;
    c.caller.reply_queue = "reply_api-1";
    start(c);
  }
  const ClientMethodStats& stats() { return w.world.metrics.client("api", "m"); }
};

}  // namespace

TEST_F(ClientFramesTest, EachArrivalCallsAndTheReplyIsAcknowledgedAndTimed) {
  make(2);
  run_until(0);
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  ASSERT_EQ(sent[0]->frame, Frame::Publish);
  EXPECT_EQ(stats().sent, 1u);
  MessagePtr request = std::move(sent[0]->message);
  w.rt.advance(0.4);
  MessagePtr reply = w.message(MsgKind::Reply, request->rpc.call);
  reply->rpc = request->rpc;
  Envelope delivery = w.delivery(mq, std::move(reply), 21);
  node->on_frame(w.rt, delivery);
  const auto acks = take_frames(w.rt, Frame::Ack);
  ASSERT_EQ(acks.size(), 1u);  // oslo's reply waiter acknowledges on receipt
  EXPECT_EQ(acks[0]->tag, 21u);
  w.rt.drain_work(*node);
  EXPECT_EQ(stats().completed, 1u);
  EXPECT_DOUBLE_EQ(stats().latency.summarize().max, 0.4);
  run_until(1);
  EXPECT_EQ(take_frames(w.rt, Frame::Publish).size(), 1u);
  EXPECT_EQ(stats().sent, 2u);
}

TEST_F(ClientFramesTest, ACrashEndsItsCallsAndARestartSkipsTheArrivalsItMissed) {
  make(5);
  run_until(0);
  w.rt.take_sent();
  w.rt.advance(0.5);
  kill();
  EXPECT_EQ(stats().failed, 1u);
  EXPECT_EQ(stats().failures.at("crashed"), 1u);
  EXPECT_EQ(take_frames(w.rt, Frame::ConnectionLost).size(), 1u);
  // A reply reaching the dead process is lost with it.
  Envelope reply = w.frame(Frame::DirectReply, mq);
  reply.owns_message = true;
  reply.message = w.message(MsgKind::Reply, 1);
  node->on_frame(w.rt, reply);
  EXPECT_EQ(reply.status, HopStatus::Lost);
  EXPECT_EQ(w.world.ledger.totals().lost[static_cast<size_t>(LossCause::ProcessCrash)], 1u);
  // Back at 2.5 s: connects anew; the arrivals of 1 s and 2 s are not made, those of 3 s and 4 s are.
  w.rt.advance(2.5);
  restart_and_reconnect();
  EXPECT_EQ(w.world.directory.epoch(self), 1u);
  run_until(10);
  EXPECT_EQ(take_frames(w.rt, Frame::Publish).size(), 2u);
  EXPECT_EQ(stats().sent, 3u);
}

TEST_F(ClientFramesTest, AnUnexpectedFrameOrTagIsAnInternalError) {
  make(1);
  Envelope confirm = w.frame(Frame::Confirm, mq);
  EXPECT_THROW(node->on_frame(w.rt, confirm), ProtocolViolation);
  Envelope request = w.delivery(mq, w.message(MsgKind::Request, 1), 2);  // a request, not a reply
  EXPECT_THROW(node->on_frame(w.rt, request), ProtocolViolation);
  EXPECT_THROW(node->on_timer(w.rt, make_tag(TagKind::ServiceWait, 1)), ProtocolViolation);
  EXPECT_THROW(node->on_work_done(w.rt, make_tag(TagKind::Service, 1)), ProtocolViolation);
}

}  // namespace buslab
