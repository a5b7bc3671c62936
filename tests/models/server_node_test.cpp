// ServerNode driven frame by frame: a delivered request is acknowledged before or after it runs, runs on the CPU,
// and its reply is published mandatory to the caller's reply queue; a returned reply is given up and counted; a
// crash hands back to the broker only the unacknowledged deliveries it still keeps; a restart is a new incarnation
// with a new fanout queue; hung, it defers its work; direct requests and SYNs reaching it dead are reset; an
// unexpected frame or tag is an internal error.
#include <gtest/gtest.h>

#include <algorithm>

#include "models/core/protocol_error.hpp"
#include "models/rpc/server_node.hpp"
#include "tests/support/node_test.hpp"

namespace buslab {

namespace {

using testing::kPlainCodec;
using testing::take_frames;

class ServerTest : public testing::NodeTest<ServerNode> {
 protected:
  ServerTest() : NodeTest("svc-1"), api(w.add("api-1")) {}
  ServerConfig config() {
    ServerConfig c;
    c.name = "svc-1";
    c.service = "svc";
    c.host = "h-svc-1";
    c.topic = "svc";
    c.lane = self_lane();
    EndpointModel endpoint;
    endpoint.methods["m"].service_time = Distribution::constant(0.5);
    endpoint.methods["m"].reply_bytes = Distribution::constant(300);
    c.endpoints.push_back(endpoint);
    c.codec = &kPlainCodec;
    return c;
  }
  void make_brokered(bool ack_before) {
    ServerConfig c = config();
    c.brokered = true;
    c.ack_before = ack_before;
    c.queues = oslo::ServerQueues{"openstack", "svc", "svc-1", 0, ""};
    c.link = w.link_to({mq});
    start(c);
  }
  void make_direct(const char* protocol, int accept_queue = 0) {
    ServerConfig c = config();
    c.protocol = find_direct_protocol(protocol);
    c.accept_queue = accept_queue;
    start(c);
  }
  MessagePtr request(CallId call, RpcMode mode = RpcMode::Call) {
    MessagePtr m = w.message(MsgKind::Request, call);
    m->rpc.method = "m";
    m->rpc.mode = mode;
    m->rpc.client_node = api;
    m->rpc.client_lane = w.world.directory.lane(api);
    m->rpc.reply_queue = "reply_api-1";
    return m;
  }
  MsgId deliver(CallId call, uint64_t tag) {
    Envelope env = w.delivery(mq, request(call), tag);
    const MsgId id = env.message->id;
    node->on_frame(w.rt, env);
    return id;
  }
  const ServerStats& stats() { return w.world.metrics.servers().at("svc-1"); }
  // A client's SYN for `call`; what the server's kernel did with it.
  HopStatus syn(CallId call) {
    Envelope env = w.frame(Frame::Syn, api);
    env.call = call;
    node->on_frame(w.rt, env);
    return env.status;
  }
  // A client's request for `call` over its new connection.
  HopStatus direct_request(CallId call) {
    Envelope env = w.frame(Frame::DirectRequest, api);
    env.owns_message = true;
    env.message = request(call);
    last_request = env.message->id;
    node->on_frame(w.rt, env);
    return env.status;
  }
  MsgId request_id_of(CallId call) {
    direct_request(call);
    return last_request;
  }

  NodeId api;
  MsgId last_request = 0;
};

}  // namespace

TEST_F(ServerTest, AcknowledgesOnReceiptRunsTheMethodAndPublishesItsReply) {
  make_brokered(true);
  const MsgId id = deliver(5, 11);
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Ack);  // oslo.messaging acknowledges before dispatching
  EXPECT_EQ(sent[0]->tag, 11u);
  EXPECT_EQ(w.world.ledger.place_of(id), Place::InService);
  // Decode, the method's 0.5 s of CPU, encode the reply.
  ASSERT_EQ(w.rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(w.rt.work[0].first, 1000.0 + 0.5e9 + 1000.0);
  w.rt.advance(0.5);
  finish_work();
  EXPECT_EQ(w.world.ledger.fate(id), Fate::Consumed);
  sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  const Envelope& reply = *sent[0];
  EXPECT_EQ(reply.frame, Frame::Publish);
  EXPECT_EQ(reply.to_node, mq);
  EXPECT_EQ(reply.message->kind, MsgKind::Reply);
  EXPECT_EQ(reply.message->rpc.call, 5u);
  EXPECT_EQ(reply.message->amqp.exchange, "");
  EXPECT_EQ(reply.message->amqp.routing_key, "reply_api-1");
  EXPECT_TRUE(reply.message->amqp.mandatory);
  EXPECT_EQ(reply.message->wire_bytes, kPlainCodec.wire_bytes(300));
  EXPECT_EQ(stats().handled, 1u);
}

TEST_F(ServerTest, AcknowledgesAfterReplyingWhenAsked) {
  make_brokered(false);
  deliver(5, 11);
  EXPECT_TRUE(w.rt.take_sent().empty());
  finish_work();
  const auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0]->frame, Frame::Publish);
  EXPECT_EQ(sent[1]->frame, Frame::Ack);
}

TEST_F(ServerTest, AReturnedReplyIsGivenUpAndCounted) {
  make_brokered(true);
  deliver(5, 11);
  w.rt.take_sent();  // its ack
  finish_work();
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  ASSERT_EQ(sent[0]->frame, Frame::Publish);
  Envelope ret = w.returned(mq, std::move(sent[0]->message));
  const MsgId reply = ret.message->id;
  node->on_frame(w.rt, ret);
  EXPECT_EQ(w.world.ledger.fate(reply), Fate::Dropped);
  EXPECT_EQ(w.world.ledger.totals().dropped[static_cast<size_t>(DropReason::Returned)], 1u);
  EXPECT_EQ(stats().replies_returned, 1u);
  EXPECT_EQ(ret.status, HopStatus::Dropped);
  // A Return of anything but its reply is not a frame a server can receive.
  Envelope odd = w.returned(mq, request(6));
  EXPECT_THROW(node->on_frame(w.rt, odd), ProtocolViolation);
}

TEST_F(ServerTest, DyingItHandsBackOnlyTheDeliveriesItsBrokerStillKeeps) {
  make_brokered(false);
  const MsgId kept = deliver(5, 11);
  const MsgId gone = deliver(6, 12);
  w.world.ledger.set_broker_copy(gone, false);  // its broker died at the same instant
  kill();
  EXPECT_EQ(w.world.ledger.place_of(kept), Place::QueueUnacked);
  EXPECT_EQ(w.world.ledger.fate(gone), Fate::Lost);
  EXPECT_EQ(stats().lost_in_crash, 1u);
  EXPECT_EQ(take_frames(w.rt, Frame::ConnectionLost).size(), 1u);
  EXPECT_TRUE(w.rt.work.empty());
  EXPECT_FALSE(node->alive());
}

TEST_F(ServerTest, AcknowledgedRequestsAreLostInACrash) {
  make_brokered(true);
  const MsgId id = deliver(5, 11);
  w.rt.take_sent();  // its ack
  auto kill = local_frame(Frame::Kill, true);
  node->on_frame(w.rt, *kill);
  EXPECT_EQ(w.world.ledger.fate(id), Fate::Lost);
  EXPECT_TRUE(w.rt.take_sent().empty());  // its host is down: no reset leaves it
  ASSERT_EQ(w.control.posts.size(), 1u);  // the broker notices the missed heartbeats
}

TEST_F(ServerTest, ARestartIsANewIncarnationConsumingANewFanoutQueue) {
  make_brokered(true);
  kill();
  w.rt.take_sent();
  // A delivery sent before it died reaches it dead: the frame is lost, the broker keeps the message.
  Envelope late = w.delivery(mq, request(7), 13);
  const MsgId late_id = late.message->id;
  node->on_frame(w.rt, late);
  EXPECT_EQ(late.status, HopStatus::Lost);
  EXPECT_EQ(w.world.ledger.place_of(late_id), Place::QueueUnacked);
  const uint32_t epoch = w.world.directory.epoch(self);
  restart_and_reconnect();
  EXPECT_EQ(w.world.directory.epoch(self), epoch + 1);
  EXPECT_TRUE(node->alive());
  const auto consumes = take_frames(w.rt, Frame::Consume);
  std::vector<std::string> queues;
  for (const auto& c : consumes) queues.push_back(c->consume->queue.name);
  // The topic queue, its own queue, and a fanout queue of a new name (the old one lingers until it expires).
  ASSERT_EQ(queues.size(), 3u);
  EXPECT_EQ(queues[0], "svc");
  EXPECT_EQ(queues[1], "svc.svc-1");
  EXPECT_NE(queues[2], oslo::server_consumes(oslo::ServerQueues{"openstack", "svc", "svc-1", 0, ""}, 0)[2]->queue.name);
}

TEST_F(ServerTest, HungItDefersItsWorkUntilResumed) {
  make_brokered(true);
  deliver(5, 11);
  w.rt.take_sent();
  auto hang = local_frame(Frame::Hang);
  node->on_frame(w.rt, *hang);
  finish_work();
  EXPECT_TRUE(w.rt.take_sent().empty());  // the CPU work ended, but the process is stuck
  auto resume = local_frame(Frame::Resume);
  node->on_frame(w.rt, *resume);
  EXPECT_EQ(take_frames(w.rt, Frame::Publish).size(), 1u);
  EXPECT_EQ(stats().handled, 1u);
}

TEST_F(ServerTest, DeadItsKernelResetsDirectRequestsAndSyns) {
  make_direct("xmlrpc");
  kill();
  Envelope syn = w.frame(Frame::Syn, api);
  syn.call = 3;
  node->on_frame(w.rt, syn);
  Envelope direct = w.frame(Frame::DirectRequest, api);
  direct.owns_message = true;
  direct.message = request(4);
  const MsgId id = direct.message->id;
  node->on_frame(w.rt, direct);
  const auto resets = take_frames(w.rt, Frame::Refused);
  ASSERT_EQ(resets.size(), 2u);
  EXPECT_EQ(resets[0]->call, 3u);
  EXPECT_EQ(resets[1]->call, 4u);
  EXPECT_EQ(w.world.ledger.fate(id), Fate::Dropped);
}

TEST_F(ServerTest, SynsArrivingTogetherAreAllAnsweredHandshakesInProgressDoNotCount) {
  make_direct("xmlrpc", 6);  // request_queue_size = 5: six connections wait
  for (CallId call = 1; call <= 10; ++call) EXPECT_EQ(syn(call), HopStatus::Ok) << call;
  EXPECT_EQ(take_frames(w.rt, Frame::SynAck).size(), 10u);
}

TEST_F(ServerTest, AFullAcceptQueueDropsTheSyn) {
  make_direct("xmlrpc", 6);
  // One request runs (one worker), six wait: the accept queue is full.
  for (CallId call = 1; call <= 7; ++call) EXPECT_EQ(direct_request(call), HopStatus::Ok) << call;
  EXPECT_EQ(node->executor().backlog(), 6u);
  EXPECT_EQ(syn(8), HopStatus::Dropped);
  EXPECT_TRUE(take_frames(w.rt, Frame::SynAck).empty());
}

TEST_F(ServerTest, AHandshakeIntoAFullQueueStaysHalfOpenAndItsRetransmissionGetsIn) {
  make_direct("xmlrpc", 6);
  for (CallId call = 1; call <= 7; ++call) direct_request(call);
  // The eighth request completes its handshake into the full queue: held half-open, not in the executor's backlog.
  const MsgId late = request_id_of(8);
  EXPECT_EQ(node->executor().backlog(), 6u);
  EXPECT_EQ(w.world.ledger.place_of(late), Place::ServerBacklog);
  std::vector<MsgId> held;
  node->held_messages(held);
  EXPECT_EQ(held.size(), 8u);
  // The client retransmits at 200 ms: the queue is still full (the first request runs for 0.5 s).
  w.rt.fire_timers(*node, 0.2);
  EXPECT_EQ(node->executor().backlog(), 6u);
  // The first request ends at 0.5 s; the retransmission at 0.608 s (152 jiffies) finds room.
  w.rt.advance(0.5);
  finish_work();
  EXPECT_EQ(node->executor().backlog(), 5u);
  w.rt.fire_timers(*node, 0.61);
  EXPECT_EQ(node->executor().backlog(), 6u);
  std::vector<MsgId> waiting;
  node->executor().held_messages(waiting);
  EXPECT_NE(std::find(waiting.begin(), waiting.end(), late), waiting.end());
}

TEST_F(ServerTest, AKilledServerLosesTheConnectionsItsKernelHeld) {
  make_direct("xmlrpc", 6);
  for (CallId call = 1; call <= 7; ++call) direct_request(call);
  const MsgId late = request_id_of(8);
  kill();
  EXPECT_EQ(w.world.ledger.fate(late), Fate::Lost);
  EXPECT_EQ(stats().lost_in_crash, 8u);  // the running request, the six waiting, the half-open one
  run_until(100.0);                      // its retransmission timer finds nothing
}

TEST_F(ServerTest, AThreadedServerAcceptsOneConnectionAtATime) {
  ServerConfig c = config();
  c.protocol = find_direct_protocol("xmlrpc-threaded");
  c.accept_queue = 6;
  c.workers = 100;
  c.cpu_slots = 100;
  c.accept_cost = SoftwareCost{0.001, 0.0, 0.0};  // 1 ms per connection on the reference core (1 Gflop/s)
  start(c);
  for (CallId call = 1; call <= 8; ++call) direct_request(call);
  // The accepting thread takes the first off the queue (its 1 ms of CPU runs); six wait in the accept queue, which
  // they fill: the eighth is held half-open.
  ASSERT_EQ(w.rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(w.rt.work[0].first, 1e6);
  EXPECT_EQ(node->executor().backlog(), 0u);
  EXPECT_EQ(node->executor().busy(), 0);
  EXPECT_EQ(w.world.ledger.place_of(last_request), Place::ServerBacklog);
  // Once accepted, a request runs on its own thread while the next is accepted.
  finish_work();
  EXPECT_EQ(node->executor().busy(), 1);
  ASSERT_EQ(w.rt.work.size(), 2u);  // the first request's CPU and the second accept
}

TEST_F(ServerTest, AnUnexpectedFrameOrTagIsAnInternalError) {
  make_brokered(true);
  Envelope confirm = w.frame(Frame::Confirm, mq);
  EXPECT_THROW(node->on_frame(w.rt, confirm), ProtocolViolation);
  // A reply delivered to a server that makes no calls.
  MessagePtr reply = w.message(MsgKind::Reply, 8);
  Envelope stray = w.delivery(mq, std::move(reply), 3);
  EXPECT_THROW(node->on_frame(w.rt, stray), ProtocolViolation);
  EXPECT_THROW(node->on_timer(w.rt, make_tag(TagKind::QueueTtl, 1)), ProtocolViolation);
  EXPECT_THROW(node->on_work_done(w.rt, make_tag(TagKind::BrokerJob, 1)), ProtocolViolation);
}

}  // namespace buslab
