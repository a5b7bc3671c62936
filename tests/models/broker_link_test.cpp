// BrokerLink driven frame by frame (tests/support/node_world.hpp): publishing, the outbox while disconnected, the
// reconnection back-off and failover order (kombu's, docs/semantics.md 2.10), acknowledgements of an old
// connection, giving up held publishes, and what a crash leaves.
#include <gtest/gtest.h>

#include "models/broker/broker_link.hpp"
#include "tests/support/node_world.hpp"

namespace buslab {

namespace {

using testing::take_frames;

class BrokerLinkTest : public ::testing::Test {
 protected:
  BrokerLinkTest() {
    mq1 = w.add("mq1");
    mq2 = w.add("mq2");
    self = w.add("proc");
  }
  void make(int retry = -1) {
    BrokerLinkConfig config = w.link_to({mq1, mq2});
    config.retry = retry;
    auto consume = std::make_shared<broker::ConsumeSpec>();
    consume->queue.name = "q";
    config.consumes.push_back(consume);
    link = std::make_unique<BrokerLink>(w.world, self, w.world.directory.lane(self), config);
    link->set_on_failed_publish([this](Runtime&, MessagePtr m) { failed.push_back(std::move(m)); });
  }
  EnvelopePtr publish_frame() {
    MessagePtr m = w.message(MsgKind::Request);
    w.world.ledger.place(m->id, Place::Sender);
    return message_frame(Frame::Publish, HopKind::Request, w.world.directory.lane(self), std::move(m));
  }
  void broker_lost(NodeId broker) {
    Envelope env = w.frame(Frame::BrokerLost, broker);
    env.peer = broker;
    ASSERT_TRUE(link->on_frame(w.rt, env));
  }
  // Fires the link's next timer, which must be due at `at`.
  void fire_next(double at) {
    ASSERT_FALSE(w.rt.timers.empty());
    auto next = w.rt.timers.begin();
    for (auto it = w.rt.timers.begin(); it != w.rt.timers.end(); ++it)
      if (it->second.first < next->second.first) next = it;
    EXPECT_DOUBLE_EQ(next->second.first, at);
    const uint64_t tag = next->second.second;
    w.rt.timers.erase(next);
    w.rt.advance(at);
    ASSERT_TRUE(link->on_timer(w.rt, tag));
  }

  testing::NodeWorld w;
  NodeId mq1, mq2, self;
  std::unique_ptr<BrokerLink> link;
  std::vector<MessagePtr> failed;
};

}  // namespace

TEST_F(BrokerLinkTest, APublishGoesToTheCurrentBrokerOnTheWire) {
  make();
  link->start(w.rt, true);
  link->publish(w.rt, publish_frame());
  const auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Publish);
  EXPECT_EQ(sent[0]->to_node, mq1);
  EXPECT_EQ(w.remaining(Place::InTransit), 1u);
}

TEST_F(BrokerLinkTest, ReconnectsWithBackOffMovingDownItsFailoverList) {
  make();
  link->start(w.rt, true);
  const uint32_t first = link->generation();
  w.rt.advance(10);
  broker_lost(mq1);
  EXPECT_FALSE(link->connected());
  // Publishes made meanwhile wait in the outbox.
  link->publish(w.rt, publish_frame());
  EXPECT_TRUE(w.rt.take_sent().empty());
  EXPECT_EQ(link->held(), 1u);
  EXPECT_EQ(w.remaining(Place::Outbox), 1u);
  // First attempt after the reconnect delay (1 s) and the first back-off (1 s), to the same broker.
  fire_next(12.0);
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Connect);
  EXPECT_EQ(sent[0]->to_node, mq1);
  // Refused: the next broker, after 1 s + (1 s + 2 s).
  Envelope refused = w.frame(Frame::Refused, mq1);
  ASSERT_TRUE(link->on_frame(w.rt, refused));
  w.rt.timers.erase(w.rt.timers.begin());  // the refused attempt's connect timeout (stale now)
  fire_next(16.0);
  sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->to_node, mq2);
  // No answer within the connect timeout (5 s): back to the first broker, after 1 s + (1 s + 2 x 2 s).
  fire_next(21.0);
  fire_next(27.0);
  sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->to_node, mq1);
  // A late answer from the other broker is not this attempt's.
  Envelope stale = w.frame(Frame::ConnectOk, mq2);
  ASSERT_TRUE(link->on_frame(w.rt, stale));
  EXPECT_FALSE(link->connected());
  Envelope ok = w.frame(Frame::ConnectOk, mq1);
  ASSERT_TRUE(link->on_frame(w.rt, ok));
  EXPECT_TRUE(link->connected());
  EXPECT_EQ(link->generation(), first + 1);
  // It consumes again, then sends what it held.
  sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0]->frame, Frame::Consume);
  EXPECT_EQ(sent[0]->consume->queue.name, "q");
  EXPECT_EQ(sent[1]->frame, Frame::Publish);
  EXPECT_EQ(link->held(), 0u);
  EXPECT_EQ(w.remaining(Place::InTransit), 1u);
  // The last attempt's connect timeout, still pending, finds it connected and does nothing.
  fire_next(32.0);
  EXPECT_TRUE(link->connected());
  EXPECT_TRUE(w.rt.take_sent().empty());
}

TEST_F(BrokerLinkTest, AnAcknowledgementOfAnOldConnectionIsNotSent) {
  make();
  link->start(w.rt, true);
  const uint32_t old = link->generation();
  ASSERT_TRUE(link->settle(w.rt, {Frame::Ack, 5, 3, 42, 7, false}, old));
  const auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Ack);
  EXPECT_EQ(sent[0]->queue, 3u);
  EXPECT_EQ(sent[0]->tag, 42u);
  broker_lost(mq1);
  EXPECT_FALSE(link->settle(w.rt, {Frame::Ack, 5, 3, 43, 7, false}, old));
  fire_next(2.0);
  Envelope ok = w.frame(Frame::ConnectOk, mq1);
  ASSERT_TRUE(link->on_frame(w.rt, ok));
  w.rt.take_sent();
  // Connected again, but the delivery tag belonged to the connection that died: the broker requeued it.
  EXPECT_FALSE(link->settle(w.rt, {Frame::Reject, 5, 3, 43, 7, true}, old));
  EXPECT_TRUE(w.rt.take_sent().empty());
}

TEST_F(BrokerLinkTest, HeldPublishesFailWhenTheRetriesRunOut) {
  make(1);
  link->start(w.rt, true);
  broker_lost(mq1);
  link->publish(w.rt, publish_frame());
  fire_next(2.0);
  Envelope refused = w.frame(Frame::Refused, mq1);
  ASSERT_TRUE(link->on_frame(w.rt, refused));
  EXPECT_TRUE(failed.empty());  // one failed attempt: retry=1 allows it
  w.rt.timers.clear();
  link->on_timer(w.rt, make_tag(TagKind::LinkAttempt, 0));
  Envelope refused_again = w.frame(Frame::Refused, mq2);
  ASSERT_TRUE(link->on_frame(w.rt, refused_again));
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(link->held(), 0u);
}

TEST_F(BrokerLinkTest, WithoutRetriesAPublishFailsAtOnceWhileDisconnected) {
  make(0);
  link->start(w.rt, true);
  broker_lost(mq1);
  link->publish(w.rt, publish_frame());
  EXPECT_EQ(failed.size(), 1u);
  EXPECT_EQ(link->held(), 0u);
}

TEST_F(BrokerLinkTest, ACrashLosesTheOutboxAndTellsTheBroker) {
  make();
  link->start(w.rt, true);
  link->on_crash(w.rt, false, LossCause::ProcessCrash);
  // A reset reaches the broker at once.
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::ConnectionLost);
  EXPECT_EQ(sent[0]->to_node, mq1);
  EXPECT_EQ(sent[0]->peer, self);
  // Its host goes down: no reset leaves it; the broker notices the missed heartbeats 60 s later.
  link->start(w.rt, true);
  w.rt.advance(5);
  link->on_crash(w.rt, true, LossCause::ProcessCrash);
  EXPECT_TRUE(w.rt.take_sent().empty());
  ASSERT_EQ(w.control.posts.size(), 1u);
  EXPECT_EQ(w.control.posts[0].target, mq1);
  EXPECT_DOUBLE_EQ(w.control.posts[0].at, 65.0);
  EXPECT_EQ(w.control.posts[0].env->frame, Frame::ConnectionLost);
  // Disconnected, with a publish in its outbox: nothing to reset, and the publish is lost with the process.
  link->start(w.rt, true);
  broker_lost(mq1);
  link->publish(w.rt, publish_frame());
  link->on_crash(w.rt, false, LossCause::ProcessCrash);
  EXPECT_TRUE(w.rt.take_sent().empty());
  EXPECT_EQ(w.world.ledger.totals().lost[static_cast<size_t>(LossCause::ProcessCrash)], 1u);
  EXPECT_EQ(link->held(), 0u);
}

TEST_F(BrokerLinkTest, ADeliveryWhoseBrokerCopyDiedOnTheWayIsAGhost) {
  make();
  link->start(w.rt, true);
  Envelope live = w.delivery(mq1, w.message(MsgKind::Request), 1);
  EXPECT_FALSE(link->on_frame(w.rt, live));  // the process's to handle
  Envelope ghost = w.delivery(mq1, w.message(MsgKind::Request), 2);
  w.world.ledger.lose(ghost.message->id, LossCause::BrokerCrash);  // its broker died while it was on the wire
  EXPECT_TRUE(link->on_frame(w.rt, ghost));
  EXPECT_EQ(ghost.status, HopStatus::Lost);
  EXPECT_TRUE(w.rt.take_sent().empty());  // nothing acknowledged on a connection that is gone
}

TEST_F(BrokerLinkTest, OtherFramesAndTagsAreNotItsOwn) {
  make();
  link->start(w.rt, true);
  Envelope publish = w.frame(Frame::Publish, mq1);
  EXPECT_FALSE(link->on_frame(w.rt, publish));
  Envelope refused_call = w.frame(Frame::Refused, mq1);
  refused_call.call = 9;  // a direct call's reset: the caller's
  EXPECT_FALSE(link->on_frame(w.rt, refused_call));
  EXPECT_FALSE(link->on_timer(w.rt, make_tag(TagKind::CallTimeout, 1)));
}

}  // namespace buslab
