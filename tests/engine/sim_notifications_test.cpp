// oslo.messaging notifications (docs/semantics.md 2.12), driven by scenarios: where notifications go with and without
// listeners, and how pools each get their own copy.
#include <gtest/gtest.h>

#include "tests/support/sim_support.hpp"

namespace buslab {
namespace {

using Json = nlohmann::ordered_json;

std::string scenario(const std::string& listeners) {
  return R"({"duration": "1s",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "notifiers": [{"name": "compute", "host": "h", "broker": "mq", "priority": "info",
                   "arrival": {"kind": "fixed", "count": 10, "interval": "50ms"}}],
    "listeners": )" +
         listeners + "}";
}

uint64_t handled(const Json& m, const std::string& consumer) {
  return testing::named(m["consumers"], consumer)["handled"].get<uint64_t>();
}

}  // namespace

TEST(Notifications, WithoutListenersTheyWaitInTheQueueTheNotifierDeclared) {
  const auto m = testing::run_json(scenario("[]"));
  const auto& queue = testing::named(m["queues"], "mq/notifications.info");
  EXPECT_EQ(queue["published"], 10);
  EXPECT_EQ(queue["remaining"], 10);
  EXPECT_EQ(m["conservation"]["remaining"]["queued"], 10);
  EXPECT_TRUE(m["conservation"]["balanced"].get<bool>());
}

TEST(Notifications, ListenersShareTheirQueueAndEachPoolGetsACopy) {
  const auto m = testing::run_json(scenario(R"([
      {"name": "ceilometer", "host": "h", "broker": "mq", "count": 2, "processing_time": "1ms"},
      {"name": "audit", "host": "h", "broker": "mq", "pool": "audit-pool", "processing_time": "1ms"},
      {"name": "errors", "host": "h", "broker": "mq", "priority": "error"}])"));
  // The two non-pooled listeners deal the ten round-robin; the pool sees all ten again.
  EXPECT_EQ(handled(m, "ceilometer-1"), 5u);
  EXPECT_EQ(handled(m, "ceilometer-2"), 5u);
  EXPECT_EQ(handled(m, "audit-1"), 10u);
  // Another priority is another routing key: nothing of "info" reaches it.
  EXPECT_EQ(handled(m, "errors-1"), 0u);
  EXPECT_EQ(testing::named(m["queues"], "mq/audit-pool")["published"], 10);
  EXPECT_EQ(m["conservation"]["created"], 20);  // one copy per queue
  EXPECT_EQ(m["conservation"]["consumed"], 20);
}

}  // namespace buslab
