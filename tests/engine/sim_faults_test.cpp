// Faults and what each transport does with them; after every run the engine's conservation check has passed
// (a violation throws), and the totals are checked here too.
#include <gtest/gtest.h>

#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"
#include "tracefile/trace_reader.hpp"

namespace buslab {

namespace {

// Two replicas with one worker each and a 100 ms method, a client keeping 4 calls outstanding.
std::string two_servers(const std::string& transport, const std::string& extra_service, const std::string& faults,
                        const std::string& client_extra = "") {
  return R"({
    "duration": "3s",
    "drain": "10s",
    "platform": {"hosts": [{"name": "api"}, {"name": "mq", "cores": 2}, {"name": "node", "count": 2}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "svc", "transport": ")" +
         transport + R"(", "replicas": 2, "hosts": ["node"], "executor": {"kind": "blocking"})" + extra_service + R"(,
                  "methods": {"m": {"service_time": "100ms"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "timeout": "2s")" +
         client_extra + R"(,
                 "arrival": {"kind": "closed", "outstanding": 4}}],
    "faults": )" +
         faults + "}";
}

// `balanced` is the end-of-run check's verdict (the ledger against a census of what the processes and the network
// hold; a run that fails it exits 3 instead), and the breakdown adds up to what was created.
void expect_balanced(const nlohmann::ordered_json& metrics) {
  const auto& c = metrics["conservation"];
  EXPECT_TRUE(c["balanced"].get<bool>());
  EXPECT_EQ(c["created"].get<uint64_t>(), c["consumed"].get<uint64_t>() + testing::sum_of(c["dropped"]) +
                                              c["expired"].get<uint64_t>() + testing::sum_of(c["lost"]) +
                                              testing::sum_of(c["remaining"]));
}

const char* kKillOne = R"([{"at": "1.05s", "action": "kill", "target": "svc-1"}])";

}  // namespace

TEST(Faults, AckBeforeProcessingLosesWhatTheKilledServerHeld) {
  const auto m = testing::run_json(two_servers("broker:mq", R"(, "ack": "before")", kKillOne));
  expect_balanced(m);
  const auto& server = testing::named(m["servers"], "svc-1");
  const uint64_t lost = server["lost_in_crash"].get<uint64_t>();
  EXPECT_GT(lost, 0u);  // round-robin had dealt it half of the outstanding calls
  EXPECT_EQ(m["conservation"]["lost"]["process_crash"].get<uint64_t>(), lost);
  const auto& calls = testing::client_method(m, "c", "m");
  EXPECT_EQ(calls["timed_out"].get<uint64_t>(), lost);  // nobody answers those callers
  EXPECT_EQ(testing::named(m["queues"], "mq/svc")["redelivered"].get<uint64_t>(), 0u);
}

TEST(Faults, AckAfterProcessingRedeliversToTheSurvivor) {
  const auto m = testing::run_json(two_servers("broker:mq", R"(, "ack": "after")", kKillOne));
  expect_balanced(m);
  EXPECT_EQ(testing::named(m["servers"], "svc-1")["lost_in_crash"].get<uint64_t>(), 0u);
  EXPECT_GT(testing::named(m["queues"], "mq/svc")["redelivered"].get<uint64_t>(), 0u);
  const auto& calls = testing::client_method(m, "c", "m");
  EXPECT_EQ(calls["timed_out"].get<uint64_t>(), 0u);
  EXPECT_EQ(calls["sent"].get<uint64_t>(), calls["completed"].get<uint64_t>());
  EXPECT_EQ(m["conservation"]["lost"]["process_crash"].get<uint64_t>(), 0u);
}

TEST(Faults, ADirectCallToAKilledServerIsRefusedAtOnce) {
  const auto m = testing::run_json(two_servers("direct", "", kKillOne, R"(, "server": "svc-1")"));
  expect_balanced(m);
  const auto& calls = testing::client_method(m, "c", "m");
  EXPECT_GT(calls["failures"]["refused"].get<uint64_t>(), 10u);
  EXPECT_EQ(calls["failed"], calls["failures"]["refused"]);
  // The four calls the server held when it died are lost; no other call waits for its timeout.
  EXPECT_EQ(calls["timed_out"].get<uint64_t>(), testing::named(m["servers"], "svc-1")["lost_in_crash"].get<uint64_t>());
  EXPECT_EQ(m["conservation"]["dropped"]["refused"], calls["failures"]["refused"]);
}

TEST(Faults, ADirectCallToADownHostWaitsForItsTimeout) {
  const auto m = testing::run_json(two_servers(
      "direct", "", R"([{"at": "1.05s", "action": "host_down", "target": "node1"}])", R"(, "server": "svc-1")"));
  expect_balanced(m);
  const auto& calls = testing::client_method(m, "c", "m");
  EXPECT_EQ(calls["failed"].get<uint64_t>(), 0u);  // no reset comes back from a dead host
  EXPECT_GT(calls["timed_out"].get<uint64_t>(), 4u);
  EXPECT_GT(m["conservation"]["lost"]["network"].get<uint64_t>(), 0u);
}

TEST(Faults, TheBrokerBuffersCastsWhileEveryServerIsDown) {
  const std::string scenario = R"({
    "duration": "4s",
    "drain": "30s",
    "platform": {"hosts": [{"name": "api"}, {"name": "mq"}, {"name": "node", "count": 2}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "svc", "transport": "broker:mq", "replicas": 2, "hosts": ["node"],
                  "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": 40, "interval": "100ms"}}],
    "faults": [{"at": "0.95s", "action": "kill", "target": "svc-1"}, {"at": "0.95s", "action": "kill", "target": "svc-2"},
               {"at": "3s", "action": "restart", "target": "svc-1"}]
  })";
  const auto m = testing::run_json(scenario);
  expect_balanced(m);
  // Casts sent from 1.0 s to 2.9 s (20 of them) wait in the queue, then svc-1 runs them all after its restart.
  EXPECT_GE(testing::named(m["queues"], "mq/svc")["max_depth"].get<uint64_t>(), 20u);
  uint64_t handled = 0;
  for (const auto& s : m["servers"]) handled += s["handled"].get<uint64_t>();
  EXPECT_EQ(handled, 40u);
  EXPECT_EQ(m["conservation"]["consumed"].get<uint64_t>(), 40u);
  EXPECT_EQ(testing::sum_of(m["conservation"]["remaining"]), 0u);
}

TEST(Faults, ScaleOutHelpsOnlyBehindTheBroker) {
  auto scenario = [](const std::string& transport) {
    return R"({
      "duration": "4s",
      "platform": {"hosts": [{"name": "api"}, {"name": "mq"}, {"name": "node", "count": 3}]},
      "brokers": [{"name": "mq", "host": "mq"}],
      "services": [{"name": "svc", "transport": ")" +
           transport + R"(", "replicas": 2, "hosts": ["node"],
                    "methods": {"m": {"service_time": "5ms"}}}],
      "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m",
                   "arrival": {"kind": "poisson", "rate": 100}}],
      "faults": [{"at": "2s", "action": "add_replicas", "target": "svc", "hosts": ["node3"]}]
    })";
  };
  const auto brokered = testing::run_json(scenario("broker:mq"));
  expect_balanced(brokered);
  EXPECT_GT(testing::named(brokered["servers"], "svc-3")["handled"].get<uint64_t>(), 30u);
}

// Issue 8's reproducer: a scale-out that comes last, after the load has ended, was applied half-way (one lane of two
// in the trace, no scale-out event, neither replica in metrics.json). Both replicas start, idle, and are reported.
TEST(Faults, AScaleOutAfterTheLoadHasEndedAddsEveryReplica) {
  const std::string scenario = R"({
    "duration": "2s", "drain": "10s",
    "platform": {"hosts": [{"name": "api"}, {"name": "mq"}, {"name": "node", "count": 3}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "svc", "transport": "broker:mq", "replicas": 2, "hosts": ["node"],
                  "methods": {"m": {"service_time": "5ms"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "arrival": {"kind": "poisson", "rate": 100}}],
    "faults": [{"at": "5s", "action": "add_replicas", "target": "svc", "count": 2, "hosts": ["node3"]}]
  })";
  const testing::TempDir out("late-scale-out");
  const auto m = testing::run_json(scenario, out.path());
  expect_balanced(m);
  for (const char* replica : {"svc-3", "svc-4"})
    EXPECT_EQ(testing::named(m["servers"], replica)["handled"].get<uint64_t>(), 0u) << replica;
  const tracefile::Trace trace = tracefile::read_trace(out.file("trace.json"));
  size_t replica_lanes = 0, scale_outs = 0;
  for (const auto& lane : trace.lanes) replica_lanes += lane.name == "svc-3" || lane.name == "svc-4";
  for (size_t i = 0; i < trace.events.size(); ++i) {
    if (trace.event_type(i) != tracefile::EventType::ScaleOut) continue;
    ++scale_outs;
    EXPECT_DOUBLE_EQ(trace.events.t[i], 5.0);
  }
  EXPECT_EQ(replica_lanes, 2u);
  EXPECT_GE(scale_outs, 1u);
}

TEST(Faults, ADirectClientNeverHearsOfANewReplica) {
  const std::string scenario = R"({
    "duration": "4s",
    "platform": {"hosts": [{"name": "api"}, {"name": "node", "count": 3}]},
    "services": [{"name": "svc", "transport": "direct", "replicas": 2, "hosts": ["node"],
                  "methods": {"m": {"service_time": "5ms"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "arrival": {"kind": "poisson", "rate": 100}}],
    "faults": [{"at": "2s", "action": "add_replicas", "target": "svc", "hosts": ["node3"]}]
  })";
  const auto m = testing::run_json(scenario);
  expect_balanced(m);
  EXPECT_EQ(testing::named(m["servers"], "svc-3")["handled"].get<uint64_t>(), 0u);
  EXPECT_GT(testing::named(m["servers"], "svc-1")["handled"].get<uint64_t>(), 100u);
}

TEST(Faults, SlowCallsTimeOutAndTheirLateRepliesAreCounted) {
  const std::string scenario = R"({
    "duration": "2s",
    "platform": {"hosts": [{"name": "api"}, {"name": "node"}]},
    "services": [{"name": "svc", "transport": "direct", "hosts": ["node"], "methods": {"m": {"service_time": "1.5s"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "timeout": "1s",
                 "arrival": {"kind": "fixed", "count": 2, "interval": "500ms"}}]
  })";
  const auto m = testing::run_json(scenario);
  expect_balanced(m);
  const auto& calls = testing::client_method(m, "c", "m");
  EXPECT_EQ(calls["timed_out"].get<uint64_t>(), 2u);
  EXPECT_EQ(calls["late_replies"].get<uint64_t>(), 2u);
  EXPECT_EQ(m["conservation"]["dropped"]["late_reply"].get<uint64_t>(), 2u);
  EXPECT_TRUE(m["drained"].get<bool>());
}

TEST(Faults, ACallToATopicWithNoLiveServerExpiresInTheQueue) {
  const std::string scenario = R"({
    "duration": "2s",
    "platform": {"hosts": [{"name": "api"}, {"name": "mq"}, {"name": "node"}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["node"], "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "timeout": "500ms",
                 "arrival": {"kind": "fixed", "count": 3, "interval": "100ms"}, "start": "1s"}],
    "faults": [{"at": "0.5s", "action": "kill", "target": "svc-1"}]
  })";
  const auto m = testing::run_json(scenario);
  expect_balanced(m);
  const auto& calls = testing::client_method(m, "c", "m");
  EXPECT_EQ(calls["timed_out"].get<uint64_t>(), 3u);
  // The requests carry the call timeout as their TTL: nobody consumes them, so they expire (docs/semantics.md 2.3).
  EXPECT_EQ(m["conservation"]["expired"].get<uint64_t>(), 3u);
}

// Issue 8's reproducer: a broker host going down and a server killed at the same instant, in either order. The
// server held deliveries it had not acknowledged (round-robin had dealt it half of the outstanding calls).
// - When the server learns of its death after the broker's, the broker that kept their copies is gone, so the
//   server's copies were the last ones: lost with it, not handed back to a broker that no longer holds them.
// - Which of the two processes handles its fault first at one instant is a tie between them, not the order of the
//   fault list: when the server goes first, the broker still holds the copies, the server hands them back, and the
//   broker's crash loses them.
// Either way each is lost once, and nothing is left unacknowledged.
TEST(Faults, AServerKilledAsItsBrokerHostGoesDownLosesWhatItHeld) {
  size_t lost_with_the_server = 0;
  for (const char* faults : {R"([{"at": "1.05s", "action": "host_down", "target": "mq"},
                                 {"at": "1.05s", "action": "kill", "target": "svc-1"}])",
                             R"([{"at": "1.05s", "action": "kill", "target": "svc-1"},
                                 {"at": "1.05s", "action": "host_down", "target": "mq"}])"}) {
    SCOPED_TRACE(faults);
    const auto m = testing::run_json(two_servers("broker:mq", R"(, "ack": "after")", faults));
    expect_balanced(m);
    const uint64_t server = testing::named(m["servers"], "svc-1")["lost_in_crash"].get<uint64_t>();
    const uint64_t process = m["conservation"]["lost"]["process_crash"].get<uint64_t>();
    const uint64_t broker = m["conservation"]["lost"]["broker_crash"].get<uint64_t>();
    EXPECT_EQ(server, process);  // svc-1 is the only process killed
    // svc-1's two (one running, one waiting) and svc-2's, lost with svc-1 or with the broker.
    EXPECT_GE(process + broker, 4u);
    EXPECT_EQ(m["conservation"]["remaining"]["unacked"].get<uint64_t>(), 0u);
    if (server > 0) ++lost_with_the_server;
  }
  EXPECT_GE(lost_with_the_server, 1u);  // the path of the reproducer ran
}

// A server's reply is published mandatory; when its caller's reply queue is gone (the client died, then the broker
// restarted without that transient queue) the broker returns it, and the server gives it up: a returned reply.
TEST(Faults, AReplyWithNoReplyQueueLeftIsReturnedToItsServer) {
  const std::string scenario = R"({
    "duration": "2s",
    "drain": "30s",
    "platform": {"hosts": [{"name": "api"}, {"name": "mq"}, {"name": "node"}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["node"], "methods": {"m": {"service_time": "5s"}}}],
    "clients": [{"name": "c", "host": "api", "service": "svc", "method": "m", "timeout": "60s",
                 "arrival": {"kind": "fixed", "count": 1, "interval": "1s"}}],
    "faults": [{"at": "0.5s", "action": "kill", "target": "c-1"}, {"at": "1s", "action": "kill", "target": "mq"},
               {"at": "1.5s", "action": "restart", "target": "mq"}]
  })";
  const auto m = testing::run_json(scenario);
  expect_balanced(m);
  EXPECT_EQ(testing::named(m["servers"], "svc-1")["handled"].get<uint64_t>(), 1u);
  EXPECT_EQ(testing::named(m["servers"], "svc-1")["replies_returned"].get<uint64_t>(), 1u);
  EXPECT_EQ(m["conservation"]["dropped"]["returned"].get<uint64_t>(), 1u);
  EXPECT_EQ(testing::sum_of(m["conservation"]["remaining"]), 0u);
}

}  // namespace buslab
