// The oslo rabbit driver's topology and addressing against docs/semantics.md 2.2 (what an RPC server declares),
// 2.3 (where a client publishes) and 2.5 (reply queues), then end to end through the broker's router: a request
// addressed as oslo addresses it reaches the queues oslo's servers consume, and only those.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "models/broker/router.hpp"
#include "models/rpc/oslo_topology.hpp"

namespace buslab {
namespace {

using broker::ExchangeType;

oslo::ServerQueues compute_server(const std::string& server, const std::string& reply_queue = "") {
  return oslo::ServerQueues{"nova", "compute", server, 4, reply_queue};
}

TEST(OsloTopology, AServerConsumesTheTopicQueueItsOwnQueueAndAFanoutQueue) {
  const auto consumes = oslo::server_consumes(compute_server("host1"), 0);
  ASSERT_EQ(consumes.size(), 3u);  // 2.2: three consumers on one channel
  // T bound to E under T, shared by every server of the topic; no x-expires, not durable.
  EXPECT_EQ(consumes[0]->queue.name, "compute");
  ASSERT_EQ(consumes[0]->queue.bindings.size(), 1u);
  EXPECT_EQ(consumes[0]->queue.bindings[0].exchange, "nova");
  EXPECT_EQ(consumes[0]->queue.bindings[0].key, "compute");
  EXPECT_EQ(consumes[0]->queue.options.expires, kNever);
  EXPECT_FALSE(consumes[0]->queue.options.durable);
  EXPECT_FALSE(consumes[0]->queue.options.auto_delete);
  // T.S bound to E under T.S.
  EXPECT_EQ(consumes[1]->queue.name, "compute.host1");
  ASSERT_EQ(consumes[1]->queue.bindings.size(), 1u);
  EXPECT_EQ(consumes[1]->queue.bindings[0].exchange, "nova");
  EXPECT_EQ(consumes[1]->queue.bindings[0].key, "compute.host1");
  EXPECT_EQ(consumes[1]->queue.options.expires, kNever);
  // T_fanout_<uuid hex> bound to T_fanout, x-expires 1800 s.
  const std::string& fanout = consumes[2]->queue.name;
  EXPECT_EQ(fanout.rfind("compute_fanout_", 0), 0u) << fanout;
  EXPECT_EQ(fanout.size(), std::string("compute_fanout_").size() + 12) << fanout;
  ASSERT_EQ(consumes[2]->queue.bindings.size(), 1u);
  EXPECT_EQ(consumes[2]->queue.bindings[0].exchange, "compute_fanout");
  EXPECT_EQ(consumes[2]->queue.options.expires, 1800.0);
  // The prefetch applies to each consumer.
  for (const auto& c : consumes) EXPECT_EQ(c->prefetch, 4) << c->queue.name;
}

TEST(OsloTopology, EachStartOfAServerHasAFanoutQueueOfItsOwn) {
  std::set<std::string> names;
  for (const char* server : {"host1", "host2"})
    for (int start = 0; start < 3; ++start) {
      const std::string name = oslo::server_consumes(compute_server(server), start)[2]->queue.name;
      EXPECT_EQ(name, oslo::fanout_queue_name("compute", server, start)) << "the same start gives the same name";
      names.insert(name);
    }
  EXPECT_EQ(names.size(), 6u) << "a new name at each start, and none shared between servers";
}

TEST(OsloTopology, ACallingServerAlsoConsumesItsReplyQueue) {
  const auto consumes = oslo::server_consumes(compute_server("host1", oslo::reply_queue_name("host1")), 0);
  ASSERT_EQ(consumes.size(), 4u);
  EXPECT_EQ(consumes[3]->queue.name, "reply_host1");
}

TEST(OsloTopology, ExchangesAreDeclaredAsTheDriverDeclaresThem) {
  const broker::ExchangeDecl topic = oslo::topic_exchange("openstack");
  EXPECT_EQ(topic.name, "openstack");
  EXPECT_EQ(topic.type, ExchangeType::Topic);
  EXPECT_FALSE(topic.options.durable);  // amqp_durable_queues = False
  EXPECT_FALSE(topic.options.auto_delete);
  const broker::ExchangeDecl fanout = oslo::fanout_exchange("compute");
  EXPECT_EQ(fanout.name, "compute_fanout");
  EXPECT_EQ(fanout.type, ExchangeType::Fanout);
  EXPECT_TRUE(fanout.options.auto_delete);
  EXPECT_FALSE(fanout.options.durable);
}

TEST(OsloTopology, AReplyQueueExpiresAndHasNoBindingOfItsOwn) {
  const auto reply = oslo::reply_consume(oslo::reply_queue_name("api-3"));
  EXPECT_EQ(reply->queue.name, "reply_api-3");
  EXPECT_EQ(reply->queue.options.expires, 1800.0);
  EXPECT_FALSE(reply->queue.options.durable);
  EXPECT_TRUE(reply->queue.bindings.empty()) << "the default exchange routes to it by name";
  EXPECT_EQ(reply->prefetch, 0);
}

TEST(OsloTopology, RequestsAreAddressedAsTheDriverSendsThem) {
  RpcTarget target{"", "compute", "", false, "", ""};
  auto address = oslo::request_address(target, "", "openstack");
  EXPECT_EQ(address.exchange, "openstack") << "no Target.exchange: the control exchange";
  EXPECT_EQ(address.routing_key, "compute");
  address = oslo::request_address(target, "host2", "openstack");
  EXPECT_EQ(address.routing_key, "compute.host2");
  target.exchange = "nova";
  EXPECT_EQ(oslo::request_address(target, "", "openstack").exchange, "nova");
  target.fanout = true;
  address = oslo::request_address(target, "", "openstack");
  EXPECT_EQ(address.exchange, "compute_fanout");
  const oslo::Address reply = oslo::reply_address("reply_api-1");
  EXPECT_EQ(reply.exchange, "") << "replies go through the default exchange";
  EXPECT_EQ(reply.routing_key, "reply_api-1");
}

TEST(OsloTopology, ReplyQueuesAreToldApartByName) {
  EXPECT_TRUE(oslo::is_reply_queue("reply_api-1"));
  EXPECT_TRUE(oslo::is_reply_queue("rabbit/reply_api-1")) << "metrics.json names queues <broker>/<queue>";
  EXPECT_FALSE(oslo::is_reply_queue("rabbit/compute"));
  EXPECT_FALSE(oslo::is_reply_queue("rabbit/compute.reply_x"));
  EXPECT_FALSE(oslo::is_reply_queue("replies"));
}

// Two servers of topic compute and a caller, declared on a router as the broker would: every address reaches the
// queues 2.3 says.
TEST(OsloTopology, AddressedRequestsReachTheQueuesTheServersConsume) {
  broker::Router router;
  for (const auto& e : {oslo::topic_exchange("nova"), oslo::fanout_exchange("compute")})
    ASSERT_TRUE(router.declare_exchange(e.name, e.type, e.options).ok());
  for (const char* server : {"host1", "host2"})
    for (const auto& spec : oslo::server_consumes(compute_server(server), 0)) {
      const broker::QueueId q = router.declare_queue(spec->queue.name).value();
      for (const auto& b : spec->queue.bindings) ASSERT_TRUE(router.bind_queue(b.exchange, q, b.key).ok());
    }
  ASSERT_TRUE(router.declare_queue(oslo::reply_queue_name("api-1")).ok());
  const auto reached = [&](const oslo::Address& a) {
    std::vector<broker::QueueId> out;
    EXPECT_EQ(router.route(a.exchange, a.routing_key, {}, out), broker::RouteOutcome::Routed);
    std::multiset<std::string> names;
    for (broker::QueueId id : out) names.insert(router.queue_name(id).value());
    return names;
  };
  RpcTarget target{"nova", "compute", "", false, "", ""};
  EXPECT_EQ(reached(oslo::request_address(target, "", "openstack")), std::multiset<std::string>{"compute"});
  EXPECT_EQ(reached(oslo::request_address(target, "host2", "openstack")), std::multiset<std::string>{"compute.host2"});
  target.fanout = true;
  EXPECT_EQ(reached(oslo::request_address(target, "", "openstack")),
            (std::multiset<std::string>{oslo::fanout_queue_name("compute", "host1", 0),
                                        oslo::fanout_queue_name("compute", "host2", 0)}));
  const auto replies = reached(oslo::reply_address(oslo::reply_queue_name("api-1")));
  EXPECT_EQ(replies, std::multiset<std::string>{"reply_api-1"});
}

}  // namespace
}  // namespace buslab
