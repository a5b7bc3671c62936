// RpcCaller driven frame by frame: a brokered call (encode, publish with its timeout as TTL, reply, decode), a
// timeout with a retry and the late reply of the abandoned attempt, direct calls over kept-alive and per-call
// connections (SYN, SYN retries, resets), zerorpc's heartbeats noticing a dead server (LostRemote), and a crash.
#include <gtest/gtest.h>

#include <list>

#include "models/rpc/rpc_caller.hpp"
#include "tests/support/node_world.hpp"

namespace buslab {

namespace {

using testing::kPlainCodec;
using testing::take_frames;

class CallerTest : public ::testing::Test {
 protected:
  CallerTest() {
    mq = w.add("mq");
    srv = w.add("svc-1");
    self = w.add("api-1");
  }
  // A caller of service "svc" through broker mq.
  void make_brokered() {
    link = std::make_unique<BrokerLink>(w.world, self, w.world.directory.lane(self), w.link_to({mq}));
    link->start(w.rt, true);
    CallerConfig c = base();
    c.link = link.get();
    c.reply_queue = "reply_api-1";
    caller = std::make_unique<RpcCaller>(w.world, self, c);
    link->set_on_sent([this](Runtime& rt, Message& m) { caller->request_sent(rt, m); });
  }
  // A caller of service "svc" straight to its one replica over `protocol`.
  void make_direct(const char* protocol) {
    CallerConfig c = base();
    DirectService direct;
    direct.replicas = {srv};
    direct.protocol = find_direct_protocol(protocol);
    c.direct["svc"] = direct;
    caller = std::make_unique<RpcCaller>(w.world, self, c);
  }
  CallerConfig base() {
    CallerConfig c;
    c.name = "api-1";
    c.lane = w.world.directory.lane(self);
    c.codec = &kPlainCodec;
    return c;
  }
  RpcRequestSpec spec(double timeout, int retries = 0) {
    RpcRequestSpec s;
    s.service = "svc";
    s.target.topic = "svc";
    s.method = "m";
    s.timeout = timeout;
    s.retries = retries;
    s.args_bytes = Distribution::constant(100);
    return s;
  }
  // Issues a call of `s` (kept here: a caller keeps a pointer to its request's spec, as the client's steps are).
  void issue(RpcRequestSpec s) {
    specs.push_back(std::move(s));
    caller->issue(w.rt, specs.back(), "", [this](Runtime&, const CallResult& r) { results.push_back(r); });
  }
  // Completes the caller's pending CPU work.
  void finish_work() {
    auto work = w.rt.work;
    w.rt.work.clear();
    for (auto& [flops, tag] : work) ASSERT_TRUE(caller->on_work_done(w.rt, tag));
  }
  // Fires the caller's timers due by `t`.
  void timers_until(double t) {
    w.rt.fire_timers_with(t, [this](uint64_t tag) { EXPECT_TRUE(caller->on_timer(w.rt, tag)); });
  }
  // Issues a call of `s`, finishes its encoding and returns the one frame it sent.
  EnvelopePtr issue_and_send(RpcRequestSpec s) {
    issue(std::move(s));
    finish_work();
    auto sent = w.rt.take_sent();
    EXPECT_EQ(sent.size(), 1u);
    return sent.empty() ? nullptr : std::move(sent[0]);
  }
  // A frame of kind `frame` from the server about call `call`.
  Envelope from_server(Frame frame, CallId call) {
    Envelope env = w.frame(frame, srv);
    env.call = call;
    return env;
  }
  // The reply `request` would get, delivered from the reply queue.
  Envelope reply_to(const Message& request) {
    MessagePtr reply = w.message(MsgKind::Reply, request.rpc.call);
    reply->rpc = request.rpc;
    reply->rpc.server_lane = w.world.directory.lane(srv);
    return w.delivery(mq, std::move(reply), 9);
  }

  testing::NodeWorld w;
  NodeId mq, srv, self;
  std::unique_ptr<BrokerLink> link;
  std::unique_ptr<RpcCaller> caller;
  std::vector<CallResult> results;
  std::list<RpcRequestSpec> specs;
};

}  // namespace

TEST_F(CallerTest, ABrokeredCallIsEncodedPublishedAnsweredAndDecoded) {
  make_brokered();
  const RpcRequestSpec s = spec(30);
  issue(s);
  ASSERT_EQ(w.rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(w.rt.work[0].first, 1000.0);  // the codec's fixed cost for the request
  EXPECT_EQ(caller->messages_in_hand(), 1u);
  w.rt.advance(1.0);
  finish_work();
  const auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  const Message& request = *sent[0]->message;
  EXPECT_EQ(sent[0]->frame, Frame::Publish);
  EXPECT_EQ(request.amqp.exchange, "openstack");
  EXPECT_EQ(request.amqp.routing_key, "svc");
  EXPECT_EQ(request.rpc.reply_queue, "reply_api-1");
  EXPECT_DOUBLE_EQ(request.amqp.expires_at, 31.0);  // its timeout, counted from when it left, as its TTL
  ASSERT_EQ(w.rt.timers.size(), 1u);
  EXPECT_DOUBLE_EQ(w.rt.timers.begin()->second.first, 31.0);
  w.rt.advance(1.5);
  Envelope reply = reply_to(request);
  const MsgId reply_id = reply.message->id;
  ASSERT_TRUE(caller->on_frame(w.rt, reply));
  EXPECT_TRUE(w.rt.timers.empty());  // the timeout is cancelled
  EXPECT_EQ(w.world.ledger.place_of(reply_id), Place::Receiver);
  w.rt.advance(2.0);
  finish_work();
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Ok);
  EXPECT_DOUBLE_EQ(results[0].latency, 2.0);
  EXPECT_EQ(results[0].server, w.world.directory.lane(srv));
  EXPECT_EQ(w.world.ledger.fate(reply_id), Fate::Consumed);
  EXPECT_EQ(caller->calls_in_hand(), 0u);
}

TEST_F(CallerTest, ARetriedCallIsANewMessageAndTheFirstAttemptsReplyIsLate) {
  make_brokered();
  int late = 0, retried = 0;
  caller->on_late_reply = [&](const std::string&) { ++late; };
  caller->on_retry = [&](const std::string&) { ++retried; };
  EnvelopePtr publish = issue_and_send(spec(10, 1));
  ASSERT_TRUE(publish);
  MessagePtr first = std::move(publish->message);
  timers_until(10);
  EXPECT_EQ(retried, 1);
  finish_work();
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0]->message->id, first->id);
  EXPECT_EQ(sent[0]->message->rpc.attempt, 1);
  // The first attempt's reply comes now: nobody waits for it.
  Envelope stale = reply_to(*first);
  const MsgId stale_id = stale.message->id;
  ASSERT_TRUE(caller->on_frame(w.rt, stale));
  EXPECT_EQ(late, 1);
  EXPECT_EQ(w.world.ledger.fate(stale_id), Fate::Dropped);
  EXPECT_EQ(stale.status, HopStatus::Dropped);
  EXPECT_TRUE(results.empty());
  // The retry times out too: the call ends.
  timers_until(20);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Timeout);
  EXPECT_DOUBLE_EQ(results[0].latency, 20.0);
}

TEST_F(CallerTest, AKeptAliveConnectionIsOpenedOnceAndAgainForANewIncarnation) {
  make_direct("jsonrpc");
  EnvelopePtr syn = issue_and_send(spec(30));
  ASSERT_TRUE(syn);
  EXPECT_EQ(syn->frame, Frame::Syn);
  EXPECT_EQ(syn->to_node, srv);
  Envelope syn_ack = from_server(Frame::SynAck, syn->call);
  ASSERT_TRUE(caller->on_frame(w.rt, syn_ack));
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::DirectRequest);
  // The next call goes on the open connection.
  EnvelopePtr next = issue_and_send(spec(30));
  ASSERT_TRUE(next);
  EXPECT_EQ(next->frame, Frame::DirectRequest);
  // The server restarted: its old connections are gone, the next call connects again.
  w.world.directory.next_epoch(srv);
  issue(spec(30));
  finish_work();
  EXPECT_EQ(take_frames(w.rt, Frame::Syn).size(), 1u);
}

TEST_F(CallerTest, AnUnansweredSynIsSentAgainAndAResetFailsTheCall) {
  make_direct("xmlrpc");
  EnvelopePtr syn = issue_and_send(spec(60));
  ASSERT_TRUE(syn);
  const CallId call = syn->call;
  // The kernel's first SYN retry: 1 s later, on its timer wheel's next 32 ms tick past it (1.024 s when sent at 0;
  // models/rpc/linux_timers.hpp).
  timers_until(1.02);
  EXPECT_TRUE(w.rt.take_sent().empty());
  timers_until(1.024);
  auto sent = w.rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Syn);
  const MsgId request = [&] {
    std::vector<MsgId> ids;
    caller->held_messages(ids);
    return ids.at(0);
  }();
  Envelope reset = from_server(Frame::Refused, call);
  ASSERT_TRUE(caller->on_frame(w.rt, reset));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Error);
  EXPECT_EQ(results[0].error, "refused");
  EXPECT_EQ(w.world.ledger.fate(request), Fate::Dropped);
  // A SYN-ACK for the ended call changes nothing.
  Envelope late = from_server(Frame::SynAck, call);
  ASSERT_TRUE(caller->on_frame(w.rt, late));
  EXPECT_TRUE(w.rt.take_sent().empty());
}

TEST_F(CallerTest, ZerorpcNoticesADeadServerByItsMissingHeartbeats) {
  make_direct("zerorpc");
  EnvelopePtr request = issue_and_send(spec(600));
  ASSERT_TRUE(request);
  EXPECT_EQ(request->frame, Frame::DirectRequest);  // ZeroMQ just sends
  // Ticks every 5 s: the first sets the reference and sends a heartbeat; none comes back.
  timers_until(5);
  EXPECT_EQ(take_frames(w.rt, Frame::Heartbeat).size(), 1u);
  timers_until(15);
  EXPECT_TRUE(results.empty());  // 10 s without a heartbeat: not yet more than two periods
  timers_until(20);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Error);
  EXPECT_EQ(results[0].error, "LostRemote");
  EXPECT_DOUBLE_EQ(results[0].latency, 20.0);
}

TEST_F(CallerTest, HeartbeatsHeardKeepTheCallWaiting) {
  make_direct("zerorpc");
  issue(spec(600));
  finish_work();
  for (double t = 5; t <= 40; t += 5) {
    timers_until(t);
    Envelope beat = w.frame(Frame::Heartbeat, srv);
    ASSERT_TRUE(caller->on_frame(w.rt, beat));
  }
  EXPECT_TRUE(results.empty());
}

TEST_F(CallerTest, ACrashEndsEveryCallAndLosesWhatItHeld) {
  make_brokered();
  issue(spec(30));  // being encoded
  issue(spec(30));
  finish_work();
  w.rt.take_sent();
  issue(spec(30));
  caller->crash(w.rt);
  ASSERT_EQ(results.size(), 3u);
  for (const auto& r : results) EXPECT_EQ(r.error, "crashed");
  // The one being encoded died with the process; the two sent are on the wire, not the caller's.
  EXPECT_EQ(w.world.ledger.totals().lost[static_cast<size_t>(LossCause::ProcessCrash)], 1u);
  EXPECT_EQ(caller->messages_in_hand(), 0u);
}

TEST_F(CallerTest, AFanoutCallIsRefusedBeforeAnythingIsSent) {
  make_brokered();
  RpcRequestSpec s = spec(30);
  s.target.fanout = true;
  issue(s);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].error, "InvalidTarget");
  EXPECT_TRUE(w.rt.work.empty());
  EXPECT_EQ(w.world.ledger.created(), 0u);
}

TEST_F(CallerTest, OtherFramesAndTagsAreNotItsOwn) {
  make_brokered();
  Envelope request = w.delivery(mq, w.message(MsgKind::Request), 1);
  EXPECT_FALSE(caller->on_frame(w.rt, request));
  Envelope link_reset = w.frame(Frame::Refused, mq);  // call 0: a broker connection attempt
  EXPECT_FALSE(caller->on_frame(w.rt, link_reset));
  EXPECT_FALSE(caller->on_timer(w.rt, make_tag(TagKind::LinkAttempt, 0)));
  EXPECT_FALSE(caller->on_work_done(w.rt, make_tag(TagKind::Service, 1)));
}

}  // namespace buslab
