// The broker node driven by hand (tests/support/fake_runtime.hpp): routing, returns, confirms, queue policies,
// dead-lettering, consumers, connection loss, crash and restart, flow control; and a long randomised run that
// checks conservation and FIFO order after every step.
#include <gtest/gtest.h>

#include "models/broker/broker_node.hpp"
#include "models/core/rng.hpp"
#include "tests/support/fake_runtime.hpp"

namespace buslab {

namespace {

using broker::ExchangeType;
using testing::FakeControl;
using testing::FakeRuntime;

constexpr NodeId kBroker = 0, kPublisher = 1, kConsumerA = 2, kConsumerB = 3;

broker::ExchangeDecl exchange(const std::string& name, ExchangeType type, bool durable = false) {
  broker::ExchangeDecl e;
  e.name = name;
  e.type = type;
  e.options.durable = durable;
  return e;
}

class BrokerFixture : public ::testing::Test {
 protected:
  BrokerFixture() : world(true) {
    world.control = &control;
    for (const char* name : {"broker", "publisher", "consumer-a", "consumer-b"})
      world.directory.add_node(name, world.trace.add_lane(LaneInfo{name, LaneKind::Client, "h", "", "", 0}), "h");
  }

  void make_broker(BrokerConfig config) {
    config.name = "mq";
    config.host = "h";
    config.has_disk = true;
    broker = std::make_unique<BrokerNode>(world, kBroker, config);
    broker->on_start(rt);
    connect(kPublisher);
  }

  // A broker with one direct exchange "ex" and one queue "q" bound to it by key "k".
  void make_one_queue_broker() {
    BrokerConfig config;
    config.exchanges = {exchange("ex", ExchangeType::Direct)};
    config.queues = {queue("q", "ex", "k")};
    make_broker(config);
  }

  void connect(NodeId peer) {
    Envelope env;
    env.frame = Frame::Connect;
    env.from_node = peer;
    env.peer_epoch = world.directory.epoch(peer);
    broker->on_frame(rt, env);
    rt.take_sent();
  }

  // Publishes one message and lets the broker finish its CPU work; returns its id.
  MsgId publish(const std::string& exchange, const std::string& key, uint64_t seq = 0, bool persistent = false,
                bool mandatory = false, broker::Headers headers = {}) {
    Envelope env = publish_frame(exchange, key);
    env.publish_seq = seq;
    env.message->amqp.persistent = persistent;
    env.message->amqp.mandatory = mandatory;
    env.message->amqp.headers = std::move(headers);
    const MsgId id = env.message->id;
    broker->on_frame(rt, env);
    rt.drain_work(*broker);
    return id;
  }

  // Publishes one persistent message and lets the broker route it (CPU) but not write it: its disk write stays
  // pending in rt.disk.
  void publish_unwritten(const std::string& exchange, const std::string& key, uint64_t seq = 0) {
    Envelope env = publish_frame(exchange, key);
    env.publish_seq = seq;
    env.message->amqp.persistent = true;
    broker->on_frame(rt, env);
    auto cpu = rt.work;
    rt.work.clear();
    for (auto& [flops, tag] : cpu) broker->on_work_done(rt, tag);
  }

  // A publish of a new 100-byte message from the publisher, not handed to the broker yet.
  Envelope publish_frame(const std::string& exchange, const std::string& key) {
    Envelope env;
    env.frame = Frame::Publish;
    env.from_node = kPublisher;
    env.owns_message = true;
    env.message = std::make_unique<Message>();
    env.message->id = world.ledger.create();
    env.message->wire_bytes = 100;
    env.message->amqp.exchange = exchange;
    env.message->amqp.routing_key = key;
    world.ledger.place(env.message->id, Place::InTransit);
    return env;
  }

  void consume(NodeId consumer, const std::string& queue, int prefetch = 0, bool auto_ack = false) {
    connect(consumer);
    Envelope env;
    env.frame = Frame::Consume;
    env.from_node = consumer;
    env.from_epoch = world.directory.epoch(consumer);  // as the runtime stamps it
    auto spec = std::make_shared<broker::ConsumeSpec>();
    spec->queue.name = queue;
    for (const auto& q : declared)
      if (q.name == queue) spec->queue = q;
    spec->prefetch = prefetch;
    spec->auto_ack = auto_ack;
    env.consume = spec;
    broker->on_frame(rt, env);
    rt.drain_work(*broker);
  }

  // Deliveries sent so far (taken), the consumer taking ownership of each as a real consumer does on receipt.
  std::vector<EnvelopePtr> deliveries() {
    std::vector<EnvelopePtr> out;
    for (auto& env : rt.take_sent())
      if (env->frame == Frame::Deliver) out.push_back(std::move(env));
    return out;
  }

  void settle(const Envelope& delivery, Frame frame, bool requeue = false) {
    Envelope env;
    env.frame = frame;
    env.from_node = delivery.to_node;
    env.queue = delivery.queue;
    env.tag = delivery.tag;
    env.requeue = requeue;
    broker->on_frame(rt, env);
    rt.drain_work(*broker);
  }

  void kill(bool host_down = false) {
    Envelope env;
    env.frame = Frame::Kill;
    env.host_down = host_down;
    broker->on_frame(rt, env);
  }

  void restart() {
    Envelope env;
    env.frame = Frame::Restart;
    broker->on_frame(rt, env);
  }

  broker::QueueDecl queue(const std::string& name, const std::string& exchange, const std::string& key,
                          broker::QueueOptions options = {}) {
    broker::QueueDecl q;
    q.name = name;
    q.options = options;
    if (!exchange.empty()) q.bindings.push_back(broker::BindingDecl{exchange, key, {}});
    declared.push_back(q);
    return q;
  }

  uint64_t remaining(Place place) const { return world.ledger.totals().remaining[static_cast<size_t>(place)]; }

  World world;
  FakeControl control;
  FakeRuntime rt;
  std::unique_ptr<BrokerNode> broker;
  std::vector<broker::QueueDecl> declared;
};

}  // namespace

TEST_F(BrokerFixture, AFanoutCopiesEachMessageIntoEveryBoundQueue) {
  BrokerConfig config;
  config.exchanges = {exchange("fx", ExchangeType::Fanout)};
  config.queues = {queue("a", "fx", ""), queue("b", "fx", ""), queue("c", "fx", "")};
  make_broker(config);
  publish("fx", "ignored");
  EXPECT_EQ(world.ledger.created(), 3u);  // the message and two copies
  EXPECT_EQ(broker->ready_messages(), 3u);
  EXPECT_EQ(remaining(Place::QueueReady), 3u);
  EXPECT_EQ(world.metrics.queues().at("mq/b").published, 1u);
}

// The profile's route cost is per destination queue (docs/profiles.md: fitted as the slope of the broker's CPU
// over the number of queues a fanout copies a message to): 3 queues cost it 3 times, none once (the lookup).
TEST_F(BrokerFixture, RoutingCostsOnceForEachQueueAMessageGoesTo) {
  BrokerConfig config;
  config.costs.publish.fixed_s = 10e-6;
  config.costs.route.fixed_s = 2e-6;
  config.exchanges = {exchange("fx", ExchangeType::Fanout), exchange("dx", ExchangeType::Direct)};
  config.queues = {queue("a", "fx", ""), queue("b", "fx", ""), queue("c", "fx", ""), queue("d", "dx", "k")};
  make_broker(config);
  const auto publish_flops = [&](const std::string& exchange, const std::string& key) {
    Envelope env = publish_frame(exchange, key);
    broker->on_frame(rt, env);
    EXPECT_EQ(rt.work.size(), 1u);
    const double flops = rt.work.empty() ? 0.0 : rt.work.front().first;
    rt.drain_work(*broker);
    return flops;
  };
  EXPECT_NEAR(publish_flops("fx", ""), (10e-6 + 3 * 2e-6) * 1e9, 1e-6);
  EXPECT_NEAR(publish_flops("dx", "k"), (10e-6 + 2e-6) * 1e9, 1e-6);
  EXPECT_NEAR(publish_flops("dx", "nowhere"), (10e-6 + 2e-6) * 1e9, 1e-6);
}

TEST_F(BrokerFixture, TopicAndHeadersExchangesRouteByTheirRules) {
  BrokerConfig config;
  config.exchanges = {exchange("tx", ExchangeType::Topic), exchange("hx", ExchangeType::Headers)};
  config.queues = {queue("all-a", "tx", "a.#"), queue("star", "tx", "*.b")};
  broker::QueueDecl pdf = queue("pdf", "", "");
  pdf.bindings.push_back(broker::BindingDecl{"hx", "", {{"x-match", "all"}, {"format", "pdf"}, {"type", "report"}}});
  config.queues.push_back(pdf);
  make_broker(config);
  publish("tx", "a.b");  // both topic queues
  publish("tx", "a");    // a.# matches zero more words
  publish("tx", "c.b");  // only *.b
  publish("hx", "", 0, false, false, {{"format", "pdf"}, {"type", "report"}});
  publish("hx", "", 0, false, false, {{"format", "pdf"}});  // x-match all: not enough
  EXPECT_EQ(world.metrics.queues().at("mq/all-a").published, 2u);
  EXPECT_EQ(world.metrics.queues().at("mq/star").published, 2u);
  EXPECT_EQ(world.metrics.queues().at("mq/pdf").published, 1u);
  EXPECT_EQ(world.ledger.totals().dropped[static_cast<size_t>(DropReason::Unroutable)], 1u);
}

TEST_F(BrokerFixture, AMandatoryUnroutablePublishIsReturnedBeforeItsConfirm) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  make_broker(config);
  const MsgId id = publish("ex", "nobody", 7, false, true);
  auto sent = rt.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_EQ(sent[0]->frame, Frame::Return);
  EXPECT_EQ(sent[0]->message->id, id);
  EXPECT_TRUE(sent[0]->owns_message);
  EXPECT_EQ(sent[1]->frame, Frame::Confirm);
  EXPECT_EQ(sent[1]->publish_seq, 7u);
  EXPECT_FALSE(sent[1]->nack);
  EXPECT_EQ(world.metrics.brokers().at("mq").returned, 1u);
}

TEST_F(BrokerFixture, AnUnroutablePublishIsDroppedAndAMissingExchangeNacked) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  make_broker(config);
  publish("ex", "nobody");
  publish("nowhere", "k", 3);
  auto sent = rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Confirm);
  EXPECT_TRUE(sent[0]->nack);
  const auto totals = world.ledger.totals();
  EXPECT_EQ(totals.dropped[static_cast<size_t>(DropReason::Unroutable)], 1u);
  EXPECT_EQ(totals.dropped[static_cast<size_t>(DropReason::NoExchange)], 1u);
}

TEST_F(BrokerFixture, APersistentMessageIsConfirmedOnlyOnceOnDisk) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct, true)};
  broker::QueueOptions durable;
  durable.durable = true;
  config.queues = {queue("q", "ex", "k", durable)};
  make_broker(config);
  publish_unwritten("ex", "k", 1);
  EXPECT_TRUE(rt.take_sent().empty());
  ASSERT_EQ(rt.disk.size(), 1u);
  rt.drain_work(*broker);
  auto sent = rt.take_sent();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->frame, Frame::Confirm);
  EXPECT_FALSE(sent[0]->nack);
}

TEST_F(BrokerFixture, ARejectPublishQueueNacksWhenFull) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  broker::QueueOptions small;
  small.max_length = 1;
  small.overflow = broker::Overflow::RejectPublish;
  config.queues = {queue("q", "ex", "k", small)};
  make_broker(config);
  publish("ex", "k", 1);
  publish("ex", "k", 2);
  auto sent = rt.take_sent();
  ASSERT_EQ(sent.size(), 2u);
  EXPECT_FALSE(sent[0]->nack);
  EXPECT_TRUE(sent[1]->nack);
  EXPECT_EQ(world.ledger.totals().dropped[static_cast<size_t>(DropReason::MaxLength)], 1u);
}

TEST_F(BrokerFixture, ExpiredMessagesAreDeadLetteredWithTheirReason) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct), exchange("dlx", ExchangeType::Fanout)};
  broker::QueueOptions ttl;
  ttl.message_ttl = 1.0;
  ttl.dead_letter_exchange = "dlx";
  config.queues = {queue("work", "ex", "k", ttl), queue("dead", "dlx", "")};
  make_broker(config);
  publish("ex", "k");
  publish("ex", "k");
  rt.fire_timers(*broker, 0.5);
  EXPECT_EQ(world.metrics.queues().at("mq/work").expired, 0u);
  rt.fire_timers(*broker, 1.0);
  EXPECT_EQ(world.metrics.queues().at("mq/work").expired, 2u);
  EXPECT_EQ(world.metrics.queues().at("mq/work").dead_lettered, 2u);
  EXPECT_EQ(world.metrics.queues().at("mq/dead").published, 2u);
  EXPECT_EQ(remaining(Place::QueueReady), 2u);
  EXPECT_EQ(world.ledger.totals().expired, 0u);  // dead-lettered, not gone
}

TEST_F(BrokerFixture, WithoutADeadLetterExchangeOverflowAndRejectionDrop) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  broker::QueueOptions two;
  two.max_length = 2;
  config.queues = {queue("q", "ex", "k", two)};
  make_broker(config);
  for (int i = 0; i < 3; ++i) publish("ex", "k");
  EXPECT_EQ(world.ledger.totals().dropped[static_cast<size_t>(DropReason::MaxLength)], 1u);
  consume(kConsumerA, "q", 0);
  auto d = deliveries();
  ASSERT_EQ(d.size(), 2u);
  world.ledger.place(d[0]->message->id, Place::QueueUnacked);
  settle(*d[0], Frame::Reject, false);
  EXPECT_EQ(world.ledger.totals().dropped[static_cast<size_t>(DropReason::Rejected)], 1u);
  settle(*d[1], Frame::Reject, true);  // back to the queue, redelivered, to the same consumer
  auto again = deliveries();
  ASSERT_EQ(again.size(), 1u);
  EXPECT_TRUE(again[0]->message->amqp.redelivered);
  EXPECT_EQ(again[0]->message->id, d[1]->message->id);
}

TEST_F(BrokerFixture, ADeadLetterCycleWithoutRejectionIsDropped) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  broker::QueueOptions loop;
  loop.message_ttl = 1.0;
  loop.dead_letter_exchange = "ex";  // back into itself
  config.queues = {queue("q", "ex", "k", loop)};
  make_broker(config);
  publish("ex", "k");
  rt.fire_timers(*broker, 5.0);
  EXPECT_EQ(world.ledger.totals().expired, 1u);
  EXPECT_EQ(broker->ready_messages(), 0u);
}

TEST_F(BrokerFixture, PrefetchBoundsUnacknowledgedDeliveriesPerConsumer) {
  make_one_queue_broker();
  for (int i = 0; i < 5; ++i) publish("ex", "k");
  consume(kConsumerA, "q", 2);
  auto first = deliveries();
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(broker->unacked_messages(), 2u);
  settle(*first[0], Frame::Ack);
  ASSERT_EQ(deliveries().size(), 1u);
  EXPECT_EQ(world.metrics.queues().at("mq/q").acked, 1u);
}

TEST_F(BrokerFixture, AClosedConnectionRequeuesItsUnackedDeliveriesRedelivered) {
  make_one_queue_broker();
  for (int i = 0; i < 3; ++i) publish("ex", "k");
  consume(kConsumerA, "q", 0);
  ASSERT_EQ(deliveries().size(), 3u);
  Envelope lost;
  lost.frame = Frame::ConnectionLost;
  lost.peer = kConsumerA;
  broker->on_frame(rt, lost);
  EXPECT_EQ(broker->ready_messages(), 3u);
  EXPECT_EQ(remaining(Place::QueueReady), 3u);
  consume(kConsumerB, "q", 0);
  auto d = deliveries();
  ASSERT_EQ(d.size(), 3u);
  for (const auto& env : d) EXPECT_TRUE(env->message->amqp.redelivered);
  EXPECT_EQ(world.metrics.queues().at("mq/q").redelivered, 3u);
}

// A consumer's host went down and came back before the broker noticed (the heartbeat timeout): its new
// incarnation's connection is another connection. The old one keeps its deliveries (RabbitMQ cannot tell it is the
// same process) until it is noticed dead, and that late ConnectionLost ends the old connection, not the new one.
TEST_F(BrokerFixture, ARestartedProcessHasANewConnectionAndItsOldOneLastsUntilNoticedDead) {
  make_one_queue_broker();
  for (int i = 0; i < 2; ++i) publish("ex", "k");
  consume(kConsumerA, "q", 2);
  ASSERT_EQ(deliveries().size(), 2u);  // held by the incarnation that dies
  world.directory.next_epoch(kConsumerA);
  consume(kConsumerA, "q", 2);  // the new incarnation connects and consumes
  EXPECT_TRUE(deliveries().empty());
  EXPECT_EQ(broker->unacked_messages(), 2u);  // still the old connection's
  publish("ex", "k");
  publish("ex", "k");
  const auto fresh = deliveries();
  ASSERT_EQ(fresh.size(), 2u);  // the old consumer's window is full: both go to the new one, down its connection
  for (const auto& d : fresh) {
    EXPECT_EQ(d->to_epoch, 1u);
    EXPECT_TRUE(d->to_connection);
    settle(*d, Frame::Ack);
  }
  Envelope late;
  late.frame = Frame::ConnectionLost;
  late.peer = kConsumerA;
  late.peer_epoch = 0;  // the old incarnation's, noticed at the heartbeat timeout
  broker->on_frame(rt, late);
  rt.drain_work(*broker);
  const auto requeued = deliveries();  // the old connection's two, redelivered to the new one
  ASSERT_EQ(requeued.size(), 2u);
  for (const auto& d : requeued) {
    EXPECT_EQ(d->to_epoch, 1u);
    EXPECT_TRUE(d->message->amqp.redelivered);
  }
  late.peer_epoch = 0;  // a second notice of the same death changes nothing
  broker->on_frame(rt, late);
  EXPECT_EQ(broker->unacked_messages(), 2u);  // the new connection's deliveries stand
  EXPECT_EQ(broker->ready_messages(), 0u);
}

// A delivery to a consumer whose process restarted before the broker noticed goes down the old connection (and is
// lost there, the broker keeping its copy), never to the new incarnation.
TEST_F(BrokerFixture, ADeliveryToAnOldIncarnationsConsumerIsAddressedToThatIncarnation) {
  make_one_queue_broker();
  consume(kConsumerA, "q", 0);
  world.directory.next_epoch(kConsumerA);
  publish("ex", "k");
  const auto sent = deliveries();
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]->to_epoch, 0u);
  EXPECT_TRUE(sent[0]->to_connection);
  EXPECT_EQ(broker->unacked_messages(), 1u);
}

TEST_F(BrokerFixture, AnUnusedQueueExpiresAndItsMessagesAreDropped) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  broker::QueueOptions expiring;
  expiring.expires = 10.0;
  config.queues = {queue("q", "ex", "k", expiring)};
  make_broker(config);
  publish("ex", "k");
  rt.fire_timers(*broker, 9.0);
  EXPECT_EQ(broker->ready_messages(), 1u);
  rt.fire_timers(*broker, 10.0);
  EXPECT_EQ(broker->ready_messages(), 0u);
  EXPECT_EQ(world.ledger.totals().dropped[static_cast<size_t>(DropReason::QueueDeleted)], 1u);
  publish("ex", "k");  // the queue and its binding are gone
  EXPECT_EQ(world.ledger.totals().dropped[static_cast<size_t>(DropReason::Unroutable)], 1u);
}

TEST_F(BrokerFixture, AutoDeleteAndExclusiveQueuesGoWithTheirConsumers) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  broker::QueueOptions auto_delete, exclusive;
  auto_delete.auto_delete = true;
  exclusive.exclusive = true;
  config.queues = {queue("auto", "ex", "a", auto_delete), queue("mine", "ex", "m", exclusive)};
  make_broker(config);
  consume(kConsumerA, "auto", 0);
  consume(kConsumerB, "mine", 0);
  Envelope lost;
  lost.frame = Frame::ConnectionLost;
  lost.peer = kConsumerA;
  broker->on_frame(rt, lost);
  lost.peer = kConsumerB;
  broker->on_frame(rt, lost);
  EXPECT_EQ(world.metrics.queues().at("mq/auto").deleted, 1u);
  EXPECT_EQ(world.metrics.queues().at("mq/mine").deleted, 1u);
}

TEST_F(BrokerFixture, ACrashKeepsOnlyPersistentMessagesOnDiskInDurableQueues) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct, true)};
  broker::QueueOptions durable;
  durable.durable = true;
  config.queues = {queue("keep", "ex", "k", durable), queue("lose", "ex", "k")};
  make_broker(config);
  publish("ex", "k", 0, true);   // persistent: on disk in "keep", lost in the transient "lose"
  publish("ex", "k", 0, false);  // transient: lost in both
  // A third, persistent, whose disk write has not finished when the broker dies.
  publish_unwritten("ex", "k");
  ASSERT_EQ(rt.disk.size(), 1u);
  kill();
  EXPECT_EQ(broker->ready_messages(), 1u);
  EXPECT_EQ(world.ledger.totals().lost[static_cast<size_t>(LossCause::BrokerCrash)], 5u);
  auto sent = rt.take_sent();
  ASSERT_FALSE(sent.empty());  // the publisher's connection is reset
  EXPECT_EQ(sent.back()->frame, Frame::BrokerLost);
  restart();
  EXPECT_EQ(broker->ready_messages(), 1u);
  publish("ex", "k");  // the durable exchange and binding survived; the transient queue did not
  EXPECT_EQ(world.metrics.queues().at("mq/keep").published, 4u);
}

TEST_F(BrokerFixture, AHostCrashIsNoticedByPeersOnlyAfterTheHeartbeatTimeout) {
  BrokerConfig config;
  config.heartbeat_timeout = 60.0;
  make_broker(config);
  rt.advance(5.0);
  kill(true);
  EXPECT_TRUE(rt.take_sent().empty());
  ASSERT_EQ(control.posts.size(), 1u);
  EXPECT_EQ(control.posts[0].target, kPublisher);
  EXPECT_DOUBLE_EQ(control.posts[0].at, 65.0);
  EXPECT_EQ(control.posts[0].env->frame, Frame::BrokerLost);
}

TEST_F(BrokerFixture, TheMemoryAlarmHoldsPublishesUntilMessagesLeave) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct)};
  config.queues = {queue("q", "ex", "k")};
  config.memory_high_watermark = 250;  // bytes: the third 100-byte message sets it off
  make_broker(config);
  for (int i = 0; i < 5; ++i) publish("ex", "k");
  EXPECT_EQ(broker->ready_messages(), 3u);
  EXPECT_EQ(broker->unrouted_messages(), 2u);
  EXPECT_EQ(remaining(Place::Broker), 2u);
  consume(kConsumerA, "q", 0, true);  // auto-ack: delivered messages leave the broker at once
  rt.drain_work(*broker);
  EXPECT_EQ(broker->unrouted_messages(), 0u);
  EXPECT_EQ(world.metrics.queues().at("mq/q").published, 5u);
}

// Long random sequences of publish, consume, ack, reject, connection loss and broker crashes: after every step
// the ledger agrees with the queues, and every queue's ready messages are in publish order.
TEST_F(BrokerFixture, RandomOperationsKeepConservationAndFifoOrder) {
  BrokerConfig config;
  config.exchanges = {exchange("ex", ExchangeType::Direct, true), exchange("fx", ExchangeType::Fanout)};
  broker::QueueOptions durable;
  durable.durable = true;
  broker::QueueOptions bounded;
  bounded.max_length = 20;
  config.queues = {queue("a", "ex", "a", durable), queue("b", "ex", "b", bounded), queue("c", "fx", ""),
                   queue("d", "fx", "")};
  make_broker(config);
  Rng rng(42, "random-broker");
  std::vector<EnvelopePtr> held;  // deliveries the consumers hold, unsettled
  const std::vector<std::string> queues = {"a", "b", "c", "d"};
  const std::vector<NodeId> consumers = {kConsumerA, kConsumerB};
  for (int step = 0; step < 4000; ++step) {
    rt.advance(step * 0.01);
    const uint64_t op = rng.below(100);
    if (op < 45) {
      const uint64_t where = rng.below(3);
      publish(where == 0 ? "ex" : where == 1 ? "ex" : "fx", where == 0 ? "a" : "b", 0, rng.below(2) == 0);
    } else if (op < 55) {
      if (broker->alive()) consume(consumers[rng.below(2)], queues[rng.below(4)], static_cast<int>(rng.below(4)));
    } else if (op < 80 && !held.empty()) {
      const size_t i = rng.below(held.size());
      EnvelopePtr d = std::move(held[i]);
      held.erase(held.begin() + static_cast<long>(i));
      const uint64_t how = rng.below(3);
      if (world.ledger.is_live(d->message->id) && world.ledger.place_of(d->message->id) == Place::QueueUnacked) {
        if (how == 0) {
          world.ledger.consume(d->message->id);
          settle(*d, Frame::Ack);
        } else {
          settle(*d, Frame::Reject, how == 1);
        }
      }
    } else if (op < 90) {
      Envelope lost;
      lost.frame = Frame::ConnectionLost;
      lost.peer = consumers[rng.below(2)];
      broker->on_frame(rt, lost);
      held.clear();
      connect(lost.peer);
    } else if (op < 93) {
      rt.drain_work(*broker);
      kill();
      held.clear();
      restart();
      connect(kPublisher);
    }
    rt.drain_work(*broker);
    for (auto& d : deliveries()) held.push_back(std::move(d));
    // Conservation: every message has exactly one fate or place, and the places agree with the broker.
    const LedgerTotals t = world.ledger.totals();
    ASSERT_EQ(world.ledger.created(), world.ledger.ended() + t.remaining_total()) << "step " << step;
    ASSERT_EQ(t.remaining[static_cast<size_t>(Place::QueueReady)], broker->ready_messages()) << "step " << step;
    ASSERT_EQ(t.remaining[static_cast<size_t>(Place::QueueUnacked)], broker->unacked_messages()) << "step " << step;
    ASSERT_EQ(t.remaining[static_cast<size_t>(Place::Broker)], broker->unrouted_messages()) << "step " << step;
    // FIFO: ready messages stay in the order they were enqueued, requeued ones back in their place.
    for (const auto& name : queues) {
      const std::vector<uint64_t> order = broker->ready_order(name);
      ASSERT_TRUE(std::is_sorted(order.begin(), order.end())) << "queue " << name << " at step " << step;
    }
  }
  EXPECT_GT(world.ledger.totals().consumed, 100u);
  EXPECT_GT(world.metrics.queues().at("mq/a").redelivered, 0u);
  EXPECT_GT(world.metrics.brokers().at("mq").crashes, 10u);
}

}  // namespace buslab
