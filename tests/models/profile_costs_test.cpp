// The costs and behaviours of a cost profile in the models, driven by hand (tests/support/fake_runtime.hpp), each
// against a figure computed here from the costs given: the broker's CPU per operation, the library's CPU at both
// ends beside the codec, oslo's publisher confirms (a cast ends on its confirm, a reply holds its worker until
// confirmed), oslo's call monitor, replicas that start late, seeded jitter.
#include <gtest/gtest.h>

#include <cmath>
#include <list>
#include <optional>

#include "models/broker/broker_node.hpp"
#include "models/core/software_cost.hpp"
#include "models/rpc/rpc_caller.hpp"
#include "models/rpc/server_node.hpp"
#include "tests/support/fake_runtime.hpp"

namespace buslab {

namespace {

using testing::FakeControl;
using testing::FakeRuntime;

constexpr NodeId kBroker = 0, kServer = 1, kClient = 2;
constexpr double kRef = 1e9;  // the reference core: 1 s of cost = 1e9 flops

// A codec whose costs are easy to add up: 2 us + 3 ns/B to encode, 4 us + 5 ns/B to decode.
Codec test_codec() {
  Codec c;
  c.name = "test";
  c.size_factor = 1.0;
  c.header_bytes = 100;
  c.encode = {2e-6, 3e-9, 0.0};
  c.decode = {4e-6, 5e-9, 0.0};
  c.reference_flops = kRef;
  return c;
}

class ProfileCosts : public ::testing::Test {
 protected:
  ProfileCosts() : world(true) {
    world.control = &control;
    for (const char* name : {"mq", "server", "client"})
      world.directory.add_node(name, world.trace.add_lane(LaneInfo{name, LaneKind::Client, "h", "", "", 0}), "h");
  }

  BrokerLinkConfig link_config() const {
    BrokerLinkConfig link;
    link.brokers = {kBroker};
    link.broker_lanes = {world.directory.lane(kBroker)};
    link.exchange_lane = [](NodeId, const std::string&) { return LaneId{0}; };
    return link;
  }

  // A brokered client-side caller of service "svc" with the library costs below.
  void make_caller(bool confirm_publish) {
    link = std::make_unique<BrokerLink>(world, kClient, world.directory.lane(kClient), link_config());
    link->start(rt, true);
    CallerConfig config;
    config.name = "client";
    config.lane = world.directory.lane(kClient);
    config.codec = &codec;
    config.link = link.get();
    config.reply_queue = "reply_client";
    config.costs["svc"] = CallerCosts{{100e-6, 0.0, 0.0}, {50e-6, 1e-9, 0.0}, {30e-6, 2e-9, 0.0}};
    config.reference_flops = kRef;
    config.confirm_publish = confirm_publish;
    config.contention = contention;
    caller = std::make_unique<RpcCaller>(world, kClient, config);
    link->set_on_sent([this](Runtime& r, Message& m) { caller->request_sent(r, m); });
  }

  RpcRequestSpec request(RpcMode mode, double call_monitor_timeout = 0.0) const {
    RpcRequestSpec spec;
    spec.service = "svc";
    spec.target.topic = "svc";
    spec.method = "m";
    spec.mode = mode;
    spec.timeout = 60.0;
    spec.args_bytes = Distribution::constant(1000);
    spec.call_monitor_timeout = call_monitor_timeout;
    return spec;
  }

  // A broker with one queue "q" and the costs of `config`, started.
  std::unique_ptr<BrokerNode> make_broker(BrokerConfig config) {
    config.name = "mq";
    config.host = "h";
    config.reference_flops = kRef;
    broker::QueueDecl queue;
    queue.name = "q";
    config.queues.push_back(queue);
    auto broker = std::make_unique<BrokerNode>(world, kBroker, config);
    broker->on_start(rt);
    return broker;
  }

  // Publishes a 1000-byte message to queue "q": an RPC message of `call` in `mode` unless `call` is 0.
  void publish(BrokerNode& broker, uint64_t seq, CallId call, RpcMode mode = RpcMode::Call) {
    Envelope env;
    env.frame = Frame::Publish;
    env.from_node = kClient;
    env.owns_message = true;
    env.publish_seq = seq;
    env.message = std::make_unique<Message>();
    env.message->id = world.ledger.create();
    env.message->wire_bytes = 1000;
    env.message->rpc.call = call;
    env.message->rpc.mode = mode;
    env.message->amqp.routing_key = "q";
    world.ledger.place(env.message->id, Place::InTransit);
    broker.on_frame(rt, env);
  }

  // The server connects and consumes queue "q".
  void consume(BrokerNode& broker) {
    Envelope connect;
    connect.frame = Frame::Connect;
    connect.from_node = kServer;
    broker.on_frame(rt, connect);
    Envelope consume;
    consume.frame = Frame::Consume;
    consume.from_node = kServer;
    auto spec = std::make_shared<broker::ConsumeSpec>();
    spec->queue.name = "q";
    consume.consume = spec;
    broker.on_frame(rt, consume);
  }

  // Issues `spec` (kept: a call points at its spec) and finishes its encoding: the publish is on its way.
  void issue(const RpcRequestSpec& request_spec) {
    const RpcRequestSpec& spec = specs.emplace_back(request_spec);
    caller->issue(rt, spec, "", [this](Runtime&, const CallResult& r) { results.push_back(r); });
    ASSERT_EQ(rt.work.size(), 1u);
    encode_flops = rt.work.front().first;
    const uint64_t tag = rt.work.front().second;
    rt.work.clear();
    caller->on_work_done(rt, tag);
  }

  EnvelopePtr take_publish() {
    for (auto& env : rt.sent)
      if (env->frame == Frame::Publish) {
        EnvelopePtr out = std::move(env);
        rt.sent.clear();
        return out;
      }
    return nullptr;
  }

  // The broker's confirm of publish `seq`.
  static Envelope confirm_of(uint64_t seq) {
    Envelope confirm;
    confirm.frame = Frame::Confirm;
    confirm.from_node = kBroker;
    confirm.publish_seq = seq;
    return confirm;
  }

  // A reply to `request` delivered from the reply queue (the caller's ledger has it in transit).
  Envelope reply_delivery(const Message& request) {
    Envelope deliver;
    deliver.frame = Frame::Deliver;
    deliver.message = std::make_unique<Message>();
    deliver.message->id = world.ledger.create();
    deliver.message->kind = MsgKind::Reply;
    deliver.message->rpc = request.rpc;
    world.ledger.place(deliver.message->id, Place::InTransit);
    return deliver;
  }

  // The timer of kind `kind`, if one is set.
  std::optional<std::pair<double, uint64_t>> timer_of(TagKind kind) const {
    for (const auto& [id, timer] : rt.timers)
      if (tag_kind(timer.second) == kind) return timer;
    return std::nullopt;
  }

  World world;
  FakeControl control;
  FakeRuntime rt;
  Codec codec = test_codec();
  std::unique_ptr<BrokerLink> link;
  std::unique_ptr<RpcCaller> caller;
  std::vector<CallResult> results;
  std::list<RpcRequestSpec> specs;
  double encode_flops = 0.0;
  ContentionFactors contention;  // the host's: none unless a test sets it
};

TEST_F(ProfileCosts, BrokerChargesEachOperationPerMessageAndPerWireByte) {
  BrokerConfig config;
  config.costs.publish = {1e-6, 1e-9, 0.0};
  config.costs.route = {2e-6, 0.0, 0.0};
  config.costs.deliver = {3e-6, 2e-9, 0.0};
  config.costs.ack = {4e-6, 0.0, 0.0};
  config.costs.confirm = {5e-6, 1e-9, 0.0};
  config.costs.oslo_extra = {6e-6, 0.0, 0.0};
  auto broker = make_broker(config);
  // A raw AMQP publish without a confirm: publish + route = 1 us + 1 ns x 1000 + 2 us = 4 us.
  publish(*broker, 0, 0);
  ASSERT_EQ(rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(rt.work[0].first, 4e-6 * kRef);
  rt.drain_work(*broker);
  // An oslo message with a confirm: + confirm (5 us + 1 ns x 1000) + oslo's extra 6 us = 16 us.
  rt.work.clear();
  publish(*broker, 1, 7);
  ASSERT_EQ(rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(rt.work[0].first, 16e-6 * kRef);
  rt.drain_work(*broker);

  // A consumer: each delivery costs 3 us + 2 ns x 1000 = 5 us, each ack 4 us.
  rt.work.clear();
  consume(*broker);
  ASSERT_EQ(rt.work.size(), 1u);  // one at a time: the broker has one core
  EXPECT_DOUBLE_EQ(rt.work[0].first, 5e-6 * kRef);
}

TEST_F(ProfileCosts, CallerChargesItsLibraryBesideTheCodec) {
  make_caller(false);
  issue(request(RpcMode::Call));
  // encode(1000) = 2 us + 3 us; send_call = 100 us.
  EXPECT_DOUBLE_EQ(encode_flops, (5e-6 + 100e-6) * kRef);
  results.clear();
  rt.sent.clear();
  issue(request(RpcMode::Cast));
  // send_cast = 50 us + 1 ns x 1000.
  EXPECT_DOUBLE_EQ(encode_flops, (5e-6 + 51e-6) * kRef);
}

TEST_F(ProfileCosts, WithoutConfirmsACastEndsWhenItLeaves) {
  make_caller(false);
  issue(request(RpcMode::Cast));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Sent);
}

TEST_F(ProfileCosts, WithConfirmPublishACastEndsOnItsConfirm) {
  make_caller(true);
  issue(request(RpcMode::Cast));
  EnvelopePtr publish = take_publish();
  ASSERT_TRUE(publish);
  EXPECT_GT(publish->publish_seq, 0u);
  EXPECT_TRUE(results.empty()) << "a cast must wait for the broker's confirm";
  rt.advance(0.004);
  Envelope confirm = confirm_of(publish->publish_seq);
  EXPECT_TRUE(caller->on_frame(rt, confirm));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Confirmed);
  EXPECT_DOUBLE_EQ(results[0].latency, 0.004);
  // A confirm this caller did not ask for is someone else's (the server's own reply).
  confirm.publish_seq += 100;
  EXPECT_FALSE(caller->on_frame(rt, confirm));
}

TEST_F(ProfileCosts, ACastWaitingForAConfirmIsTakenAsSentWhenTheBrokerIsLost) {
  make_caller(true);
  issue(request(RpcMode::Cast));
  EXPECT_TRUE(results.empty());
  caller->broker_lost(rt);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Sent);
}

TEST_F(ProfileCosts, ACallWaitsForItsReplyNotItsConfirm) {
  make_caller(true);
  issue(request(RpcMode::Call));
  EnvelopePtr publish = take_publish();
  ASSERT_TRUE(publish);
  Envelope confirm = confirm_of(publish->publish_seq);
  EXPECT_TRUE(caller->on_frame(rt, confirm));
  EXPECT_TRUE(results.empty());
  // The reply: decode(200) = 4 us + 1 us, receive_reply = 30 us + 2 ns x 200.
  rt.advance(0.01);
  Envelope deliver = reply_delivery(*publish->message);
  deliver.message->rpc.args_bytes = 200;
  EXPECT_TRUE(caller->on_frame(rt, deliver));
  ASSERT_EQ(rt.work.size(), 1u);
  EXPECT_DOUBLE_EQ(rt.work[0].first, (5e-6 + 30.4e-6) * kRef);
  caller->on_work_done(rt, rt.work[0].second);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Ok);
}

TEST_F(ProfileCosts, CallMonitorGivesUpAfterSilenceAndHeartbeatsRenewIt) {
  make_caller(false);
  issue(request(RpcMode::Call, 4.0));
  EnvelopePtr publish = take_publish();
  ASSERT_TRUE(publish);
  EXPECT_DOUBLE_EQ(publish->message->rpc.call_monitor_timeout, 4.0);
  auto monitor = timer_of(TagKind::CallMonitor);
  ASSERT_TRUE(monitor);
  EXPECT_DOUBLE_EQ(monitor->first, 4.0);
  // A heartbeat at t = 3 s: the monitor now ends at 7 s.
  rt.advance(3.0);
  Envelope beat = reply_delivery(*publish->message);
  beat.message->rpc.heartbeat = true;
  EXPECT_TRUE(caller->on_frame(rt, beat));
  EXPECT_TRUE(results.empty());
  monitor = timer_of(TagKind::CallMonitor);
  ASSERT_TRUE(monitor);
  EXPECT_DOUBLE_EQ(monitor->first, 7.0);
  // Nothing more: at 7 s the call fails with a timeout, long before its 60 s.
  rt.advance(7.0);
  EXPECT_TRUE(caller->on_timer(rt, monitor->second));
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, CallOutcome::Timeout);
  EXPECT_DOUBLE_EQ(results[0].latency, 7.0);
}

class ProfileServer : public ProfileCosts {
 protected:
  // A brokered server, one worker, method "m": 1 ms of CPU, a 200-byte reply.
  void make_server(bool reply_confirm, double start_at = 0.0) {
    ServerConfig config;
    config.name = "server";
    config.service = "svc";
    config.host = "h";
    config.topic = "svc";
    config.lane = world.directory.lane(kServer);
    MethodModel method;
    method.service_time = Distribution::constant(1e-3);
    method.reply_bytes = Distribution::constant(200);
    config.endpoints.push_back(EndpointModel{"", "1.0", {{"m", method}}});
    config.workers = 1;
    config.cpu_slots = 1;
    config.codec = &codec;
    config.costs = ServerCosts{{10e-6, 1e-9, 0.0}, {20e-6, 0.0, 0.0}, {30e-6, 0.0, 0.0}};
    config.reference_flops = kRef;
    config.brokered = true;
    config.queues = oslo::ServerQueues{"openstack", "svc", "server", 0, ""};
    config.link = link_config();
    config.reply_confirm_publish = reply_confirm;
    config.start_at = start_at;
    config.contention = contention;
    server = std::make_unique<ServerNode>(world, kServer, config);
    server->on_start(rt);
  }

  void deliver(uint64_t tag, double call_monitor_timeout = 0.0) {
    Envelope env;
    env.frame = Frame::Deliver;
    env.from_node = kBroker;
    env.tag = tag;
    env.message = std::make_unique<Message>();
    env.message->id = world.ledger.create();
    env.message->rpc.call = tag;
    env.message->rpc.method = "m";
    env.message->rpc.mode = RpcMode::Call;
    env.message->rpc.args_bytes = 1000;
    env.message->rpc.reply_queue = "reply_client";
    env.message->rpc.call_monitor_timeout = call_monitor_timeout;
    world.ledger.place(env.message->id, Place::InTransit);
    server->on_frame(rt, env);
  }

  std::unique_ptr<ServerNode> server;
};

TEST_F(ProfileServer, ServerChargesReceiveDispatchAndReplyBesideTheCodecAndTheMethod) {
  make_server(false);
  deliver(1);
  ASSERT_EQ(rt.work.size(), 1u);
  // decode(1000) 9 us + receive 11 us + dispatch 20 us + method 1 ms + encode(200) 2.6 us + reply 30 us.
  EXPECT_NEAR(rt.work[0].first, (9e-6 + 11e-6 + 20e-6 + 1e-3 + 2.6e-6 + 30e-6) * kRef, 1e-6);
}

TEST_F(ProfileServer, AConfirmedReplyHoldsItsWorkerUntilTheBrokerConfirms) {
  make_server(true);
  deliver(1);
  deliver(2);
  EXPECT_EQ(server->executor().busy(), 1);
  EXPECT_EQ(server->executor().backlog(), 1u);
  rt.take_sent();
  const uint64_t first = rt.work.front().second;
  rt.work.clear();
  server->on_work_done(rt, first);
  EnvelopePtr reply = take_publish();
  ASSERT_TRUE(reply);
  EXPECT_GT(reply->publish_seq, 0u);
  EXPECT_EQ(reply->message->kind, MsgKind::Reply);
  // Replied, but the worker waits for the confirm: the second request is still in the backlog.
  EXPECT_EQ(server->executor().busy(), 1);
  EXPECT_EQ(server->executor().backlog(), 1u);
  EXPECT_TRUE(rt.work.empty());
  Envelope confirm = confirm_of(reply->publish_seq);
  server->on_frame(rt, confirm);
  EXPECT_EQ(server->executor().busy(), 1);
  EXPECT_EQ(server->executor().backlog(), 0u);
  EXPECT_EQ(rt.work.size(), 1u) << "the second request starts once the first reply is confirmed";
}

TEST_F(ProfileServer, WithoutReplyConfirmsTheWorkerIsFreeOnceItReplies) {
  make_server(false);
  deliver(1);
  deliver(2);
  const uint64_t first = rt.work.front().second;
  rt.work.clear();
  server->on_work_done(rt, first);
  EXPECT_EQ(server->executor().backlog(), 0u);
  EXPECT_EQ(rt.work.size(), 1u);
}

TEST_F(ProfileServer, ServerHeartbeatsALongCallEveryHalfItsMonitorTimeout) {
  make_server(false);
  deliver(1, 4.9);  // floor(4.9) / 2 = 2 s
  auto beat = timer_of(TagKind::MonitorBeat);
  ASSERT_TRUE(beat);
  EXPECT_DOUBLE_EQ(beat->first, 2.0);
  rt.take_sent();
  rt.advance(2.0);
  rt.timers.clear();
  server->on_timer(rt, beat->second);
  EnvelopePtr heartbeat = take_publish();
  ASSERT_TRUE(heartbeat);
  EXPECT_TRUE(heartbeat->message->rpc.heartbeat);
  EXPECT_EQ(heartbeat->message->amqp.routing_key, "reply_client");
  beat = timer_of(TagKind::MonitorBeat);
  ASSERT_TRUE(beat);
  EXPECT_DOUBLE_EQ(beat->first, 4.0);
  // Once the call is done, the next tick sends nothing.
  server->on_work_done(rt, rt.work.front().second);
  rt.take_sent();
  rt.advance(4.0);
  server->on_timer(rt, beat->second);
  EXPECT_FALSE(take_publish());
}

TEST_F(ProfileServer, AMonitorTimeoutUnderTwoSecondsGetsNoHeartbeat) {
  make_server(false);
  deliver(1, 1.5);  // oslo: floor(1.5) / 2 < 1 s, only a warning
  EXPECT_FALSE(timer_of(TagKind::MonitorBeat));
}

TEST_F(ProfileServer, AReplicaThatStartsLaterDoesNotExistUntilThen) {
  make_server(false, 5.0);
  EXPECT_FALSE(server->alive());
  auto start = timer_of(TagKind::ProcessStart);
  ASSERT_TRUE(start);
  EXPECT_DOUBLE_EQ(start->first, 5.0);
  rt.advance(5.0);
  server->on_timer(rt, start->second);
  EXPECT_TRUE(server->alive());
  // It connects then (it was not registered with the broker at the start).
  bool connects = false;
  for (const auto& env : rt.sent) connects = connects || env->frame == Frame::Connect;
  EXPECT_TRUE(connects);
}

// Contention (models/core/contention.hpp): a host whose load gives factors 1.6 for calls and 1.25 for casts.
TEST_F(ProfileCosts, ContentionScalesTheCallersLibraryAndCodecByTheMessagesKind) {
  contention = {1.6, 1.25};
  make_caller(false);
  issue(request(RpcMode::Call));
  EXPECT_DOUBLE_EQ(encode_flops, (5e-6 + 100e-6) * 1.6 * kRef);
  results.clear();
  rt.sent.clear();
  issue(request(RpcMode::Cast));
  EXPECT_DOUBLE_EQ(encode_flops, (5e-6 + 51e-6) * 1.25 * kRef);
}

TEST_F(ProfileServer, ContentionScalesTheServersSoftwareButNotTheMethodsOwnTime) {
  contention = {1.6, 1.25};
  make_server(false);
  deliver(1);
  ASSERT_EQ(rt.work.size(), 1u);
  // (decode 9 us + receive 11 us + dispatch 20 us + encode 2.6 us + reply 30 us) x 1.6 + the method's 1 ms.
  EXPECT_NEAR(rt.work[0].first, ((9e-6 + 11e-6 + 20e-6 + 2.6e-6 + 30e-6) * 1.6 + 1e-3) * kRef, 1e-6);
}

TEST_F(ProfileCosts, ContentionScalesTheBrokersOperationsByTheKindOfTheMessageTheyServe) {
  BrokerConfig config;
  config.costs.publish = {1e-3, 0.0, 0.0};
  config.costs.deliver = {2e-3, 0.0, 0.0};
  config.costs.ack = {3e-3, 0.0, 0.0};
  config.contention = {1.6, 1.25};
  auto broker = make_broker(config);
  std::vector<double> publishes;
  for (const auto& [call, mode] : {std::pair{CallId{0}, RpcMode::Call}, std::pair{CallId{7}, RpcMode::Cast},
                                   std::pair{CallId{8}, RpcMode::Call}}) {
    rt.work.clear();
    publish(*broker, 0, call, mode);
    publishes.push_back(rt.work.empty() ? 0.0 : rt.work[0].first);
    rt.drain_work(*broker);
  }
  // A raw publish (no RPC call) and a cast are one-way (x 1.25), the call's request x 1.6.
  EXPECT_EQ(publishes, (std::vector<double>{1e-3 * 1.25 * kRef, 1e-3 * 1.25 * kRef, 1e-3 * 1.6 * kRef}));
  // A consumer takes the three in order: the delivery and the ack of the call's request cost x 1.6.
  std::vector<double> delivers;
  std::vector<std::pair<uint32_t, uint64_t>> tags;  // queue, delivery tag
  rt.work.clear();
  rt.take_sent();
  consume(*broker);
  while (!rt.work.empty()) {  // one job at a time: the broker has one core
    delivers.push_back(rt.work[0].first);
    const uint64_t tag = rt.work[0].second;
    rt.work.clear();
    broker->on_work_done(rt, tag);
  }
  for (const auto& env : rt.take_sent())
    if (env->frame == Frame::Deliver) tags.emplace_back(env->queue, env->tag);
  EXPECT_EQ(delivers, (std::vector<double>{2e-3 * 1.25 * kRef, 2e-3 * 1.25 * kRef, 2e-3 * 1.6 * kRef}));
  ASSERT_EQ(tags.size(), 3u);
  std::vector<double> acks;
  for (const auto& [queue_id, tag] : tags) {
    Envelope ack;
    ack.frame = Frame::Ack;
    ack.from_node = kServer;
    ack.queue = queue_id;
    ack.tag = tag;
    rt.work.clear();
    broker->on_frame(rt, ack);
    acks.push_back(rt.work.empty() ? 0.0 : rt.work[0].first);
    rt.drain_work(*broker);
  }
  EXPECT_EQ(acks, (std::vector<double>{3e-3 * 1.25 * kRef, 3e-3 * 1.25 * kRef, 3e-3 * 1.6 * kRef}));
}

TEST(CostMeter, JitterKeepsTheMeanDrawsTheCvAndRepeatsWithTheSeed) {
  const SoftwareCost cost{100e-6, 0.0, 0.2};
  CostMeter a(1e9, true, 7, "t/", "x"), b(1e9, true, 7, "t/", "x"), plain(1e9, false, 7, "t/", "x");
  double sum = 0.0, sum2 = 0.0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const double f = a.flops(cost, 0.0);
    EXPECT_EQ(f, b.flops(cost, 0.0));  // byte-identical runs
    sum += f;
    sum2 += f * f;
  }
  const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
  EXPECT_NEAR(mean, 1e5, 1e5 * 0.01);
  EXPECT_NEAR(sd / mean, 0.2, 0.01);
  EXPECT_DOUBLE_EQ(plain.flops(cost, 0.0), 1e5);
}

}  // namespace

}  // namespace buslab
