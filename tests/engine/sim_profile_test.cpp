// Cost profiles and the model features that came with them, through whole runs: a call and a cast at zero load
// take the sum of their parts computed here from the shipped measured profile's costs; a profile override moves a
// call by what it adds; replicas that start late, servers no replica has, oslo's call monitor, one slow replica
// and XML-RPC's listen backlog behave as the real stack does.
#include <gtest/gtest.h>

#include "models/core/envelope.hpp"
#include "sim/scenario/profile_reader.hpp"
#include "tests/support/sim_support.hpp"

namespace buslab {

namespace {

constexpr double kLatency = 1e-3;  // per host link; a transfer crosses two
constexpr double kBandwidth = 1e8;
constexpr uint64_t kPayload = 1000, kReply = 500;

// `profile` "": the scenario names none.
std::string scenario(const std::string& profile, const std::string& mode) {
  return R"({
    "duration": "1s",)" +
         (profile.empty() ? std::string() : R"("profile": )" + profile + ",") + R"(
    "platform": {
      "network": {"latency": "1ms", "bandwidth": "100MBps"},
      "hosts": [{"name": "client", "speed": "2Gf"}, {"name": "server", "speed": "1Gf"}, {"name": "broker"}]
    },
    "brokers": [{"name": "mq", "host": "broker"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["server"], "executor": {"kind": "blocking"},
                  "methods": {"m": {"service_time": "10ms", "reply_bytes": 500}}}],
    "clients": [{"name": "c", "host": "client", "service": "svc", "method": "m", "payload": 1000, "mode": ")" +
         mode + R"(", "arrival": {"kind": "fixed", "count": 1, "interval": "1s"}}]
  })";
}

double transfer(uint64_t bytes) {
  return 2 * kLatency + static_cast<double>(bytes) / kBandwidth;
}

// Seconds a host of `speed` flop/s takes for `cost` of a `bytes`-byte message, per the profile's scaling rule.
double on(const CostProfile& p, const SoftwareCost& cost, double bytes, double speed) {
  return cost.seconds(bytes) * p.speed_flops / speed;
}

double broker_publish(const CostProfile& p, uint64_t wire) {
  const BrokerCosts& b = p.broker;
  const double w = static_cast<double>(wire);
  return on(p, b.publish, w, 1e9) + on(p, b.route, w, 1e9) + on(p, b.confirm, w, 1e9) + on(p, b.oslo_extra, w, 1e9);
}

TEST(ProfileRun, ABrokeredCallAtZeroLoadIsTheSumOfTheProfilesCosts) {
  const CostProfile p = builtin_profile("oslo14-rabbitmq310-epyc2600");
  const Codec& env = p.codecs.at("oslo_envelope");
  const double client = 2e9, server = 1e9;  // the client's host is twice as fast: its costs take half as long
  const uint64_t request_wire = env.wire_bytes(kPayload), reply_wire = env.wire_bytes(kReply);
  const double expected =
      on(p, env.encode, kPayload, client) + on(p, p.client.send_call, kPayload, client)  // client sends
      + transfer(request_wire) + broker_publish(p, request_wire) +
      on(p, p.broker.deliver, static_cast<double>(request_wire), 1e9) + transfer(request_wire)  // broker
      + on(p, env.decode, kPayload, server) + on(p, p.server.receive, kPayload, server) +
      on(p, p.server.dispatch, kPayload, server) + 10e-3 + on(p, env.encode, kReply, server) +
      on(p, p.server.reply, kReply, server)  // server
      + transfer(reply_wire) + broker_publish(p, reply_wire) +
      on(p, p.broker.deliver, static_cast<double>(reply_wire), 1e9) + transfer(reply_wire)  // broker
      + on(p, env.decode, kReply, client) + on(p, p.client.receive_reply, kReply, client);  // client receives
  const auto metrics = testing::run_json(scenario(R"("oslo14-rabbitmq310-epyc2600")", "call"));
  const auto& m = testing::client_method(metrics, "c", "m");
  ASSERT_EQ(m["completed"], 1);
  EXPECT_NEAR(m["latency_s"]["mean"].get<double>(), expected, 1e-9);
}

TEST(ProfileRun, AConfirmedCastTakesARoundTripThroughTheBroker) {
  const CostProfile p = builtin_profile("oslo14-rabbitmq310-epyc2600");
  const Codec& env = p.codecs.at("oslo_envelope");
  const uint64_t wire = env.wire_bytes(kPayload);
  const double expected = (env.encode.seconds(kPayload) + p.client.send_cast.seconds(kPayload)) * p.speed_flops / 2e9 +
                          transfer(wire) + broker_publish(p, wire) + transfer(kFrameBytes);
  const auto metrics = testing::run_json(scenario(R"("oslo14-rabbitmq310-epyc2600")", "cast"));
  const auto& m = testing::client_method(metrics, "c", "m");
  ASSERT_EQ(m["completed"], 1);
  EXPECT_NEAR(m["latency_s"]["mean"].get<double>(), expected, 1e-9);
}

TEST(ProfileRun, AScenarioThatNamesNoProfileRunsTheShippedMeasuredOne) {
  EXPECT_STREQ(default_profile_name(), "oslo14-rabbitmq310-epyc2600");
  const CostProfile p = builtin_profile(default_profile_name());
  EXPECT_FALSE(p.uncalibrated);
  EXPECT_EQ(p.origin, "data/profiles/oslo14-rabbitmq310-epyc2600.json (built in)");
  EXPECT_GT(p.client.send_call.fixed_s, 0.0);  // measured, not the ideal profile's zeros
  for (const char* mode : {"call", "cast"}) {
    const auto unnamed = testing::run_json(scenario("", mode));
    const auto named = testing::run_json(scenario(R"("oslo14-rabbitmq310-epyc2600")", mode));
    const auto uncalibrated = testing::run_json(scenario(R"("uncalibrated")", mode));
    const auto latency = [](const nlohmann::ordered_json& m) {
      return testing::client_method(m, "c", "m")["latency_s"]["mean"].get<double>();
    };
    EXPECT_EQ(latency(unnamed), latency(named)) << mode;
    if (std::string(mode) == "call") {
      EXPECT_NE(latency(unnamed), latency(uncalibrated));
    }
  }
}

TEST(ProfileRun, AnOverrideMovesACallByWhatItAdds) {
  const auto ideal = testing::run_json(scenario(R"("ideal")", "call"));
  const auto slower =
      testing::run_json(scenario(R"({"name": "ideal", "costs": {"client": {"send_call": {"fixed": "3ms"}}}})", "call"));
  const double a = testing::client_method(ideal, "c", "m")["latency_s"]["mean"].get<double>();
  const double b = testing::client_method(slower, "c", "m")["latency_s"]["mean"].get<double>();
  // 3 ms on the reference core is 1.5 ms on the client's 2 Gf host.
  EXPECT_NEAR(b - a, 1.5e-3, 1e-9);
  // ideal: the wire and the method only. The broker's confirm of each publish (80 bytes) leaves on the broker's link
  // with the delivery (the ideal broker takes no time between them) and shares its bandwidth for its 80 bytes.
  EXPECT_NEAR(a, 2 * transfer(kPayload) + 2 * transfer(kReply) + 10e-3 + 2 * kFrameBytes / kBandwidth, 1e-9);
}

std::string casts_to(const std::string& service_extra, const std::string& client_extra, int count,
                     const std::string& interval) {
  return R"({"duration": "2s", "profile": "ideal",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["h"], "replicas": 2,
                  "executor": {"kind": "blocking"}, "methods": {"m": {"service_time": "10ms"}})" +
         service_extra + R"(}],
    "clients": [{"name": "c", "host": "h", "service": "svc", "method": "m", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": )" +
         std::to_string(count) + R"(, "interval": ")" + interval + "\"}" + client_extra + "}]}";
}

TEST(ProfileRun, CastsBeforeTheServersStartAreUnroutable) {
  // 10 casts every 100 ms; the service's replicas start at 0.45 s: the 5 sent before find no queue.
  const auto metrics = testing::run_json(casts_to(R"(, "start": "0.45s")", "", 10, "100ms"));
  EXPECT_EQ(testing::named(metrics["servers"], "svc-1")["handled"].get<int>() +
                testing::named(metrics["servers"], "svc-2")["handled"].get<int>(),
            5);
  EXPECT_EQ(testing::client_method(metrics, "c", "m")["completed"], 10);  // oslo's casts are confirmed all the same
}

TEST(ProfileRun, ASlowReplicaTakesLongerForTheSameWork) {
  // Prefetch 0 deals 10 casts each; replica 2 computes at a quarter of its host's speed.
  const auto speeds = testing::run_json(casts_to(R"(, "replica_speeds": ["1Gf", "250Mf"])", "", 20, "1ms"));
  EXPECT_NEAR(testing::named(speeds["servers"], "svc-1")["cpu_time_s"].get<double>(), 0.1, 1e-9);
  EXPECT_NEAR(testing::named(speeds["servers"], "svc-2")["cpu_time_s"].get<double>(), 0.4, 1e-9);
  const auto times = testing::run_json(
      R"({"duration": "2s", "profile": "ideal", "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["h"], "replicas": 2,
                  "executor": {"kind": "blocking"},
                  "methods": {"m": {"service_time": "10ms", "replica_service_time": {"svc-2": "30ms"}}}}],
    "clients": [{"name": "c", "host": "h", "service": "svc", "method": "m", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": 20, "interval": "1ms"}}]})");
  EXPECT_NEAR(testing::named(times["servers"], "svc-1")["cpu_time_s"].get<double>(), 0.1, 1e-9);
  EXPECT_NEAR(testing::named(times["servers"], "svc-2")["cpu_time_s"].get<double>(), 0.3, 1e-9);
}

std::string calls(const std::string& client_extra, const std::string& faults) {
  return R"({"duration": "1s", "drain": "100s", "profile": "ideal",
    "platform": {"hosts": [{"name": "h", "cores": 2}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["h"], "methods": {"m": {"service_time": "2s"}}}],
    "clients": [{"name": "c", "host": "h", "service": "svc", "method": "m",
                 "arrival": {"kind": "fixed", "count": 1, "interval": "1s"})" +
         client_extra + R"(}],
    "faults": [)" +
         faults + "]}";
}

TEST(ProfileRun, ACallToAServerNoReplicaHasTimesOut) {
  const auto metrics = testing::run_json(calls(R"(, "server": "nobody", "timeout": "5s")", ""));
  const auto& m = testing::client_method(metrics, "c", "m");
  EXPECT_EQ(m["timed_out"], 1);
  EXPECT_EQ(testing::named(metrics["servers"], "svc-1")["handled"], 0);
}

TEST(ProfileRun, TheCallMonitorNoticesAKilledServerLongBeforeTheTimeout) {
  // The server dies 0.5 s into a 2 s call: with call_monitor_timeout 4 s the caller gives up at 4 s, not 60 s.
  const std::string kill = R"({"at": "0.5s", "action": "kill", "target": "svc-1"})";
  const auto monitored = testing::run_json(calls(R"(, "call_monitor_timeout": "4s")", kill));
  EXPECT_EQ(testing::client_method(monitored, "c", "m")["timed_out"], 1);
  EXPECT_NEAR(monitored["sim_time_s"].get<double>(), 4.0, 1e-6);
  const auto plain = testing::run_json(calls("", kill));
  EXPECT_NEAR(plain["sim_time_s"].get<double>(), 60.0, 1e-6);
  // A live server heartbeats every 2 s: a 2 s call under a 3 s monitor (heartbeat floor(3)/2 = 1.5 s) completes.
  const auto alive = testing::run_json(calls(R"(, "call_monitor_timeout": "3s")", ""));
  EXPECT_EQ(testing::client_method(alive, "c", "m")["completed"], 1);
}

std::string burst(int listen_backlog) {
  return R"({"duration": "1s", "drain": "120s", "profile": "ideal",
    "platform": {"hosts": [{"name": "s"}, {"name": "c"}]},
    "services": [{"name": "svc", "transport": "xmlrpc", "hosts": ["s"], "listen_backlog": )" +
         std::to_string(listen_backlog) + R"(, "methods": {"m": {"service_time": "0s", "io_time": "200ms"}}}],
    "clients": [{"name": "c", "host": "c", "count": 20, "service": "svc", "method": "m",
                 "arrival": {"kind": "fixed", "count": 1, "interval": "1s"}}]})";
}

TEST(ProfileRun, ListenBacklogLetsBacklogPlusOneConnectionsWait) {
  // 20 clients at once on a single-threaded server whose method waits 0.2 s. With listen(19), 20 wait and are
  // served back to back: 4 s.
  const auto all_in = testing::run_json(burst(19));
  const auto& a = testing::client_method(all_in, "c", "m");
  ASSERT_EQ(a["completed"], 20);
  EXPECT_NEAR(a["latency_s"]["max"].get<double>(), 4.0, 0.01);
  // With listen(5), by hand (models/rpc/listen_queue.hpp, linux_timers.hpp): all 20 SYNs arrive together and are
  // answered; one request runs, six wait, and 13 handshakes complete into the full queue and stay half-open. Their
  // retransmissions, on the timer wheel, find: at 0.204 s one place (one done at 0.2 s); at 0.608 s two; at 1.024 s
  // (the SYN-ACK's) two; at 1.44 s two; then none until 3.04 s, by which time the server has been idle since 2.8 s
  // (14 done): the last six get in at 3.04 s and the last reply comes at 3.04 + 6 x 0.2 = 4.24 s.
  const auto six = testing::run_json(burst(5));
  const auto& b = testing::client_method(six, "c", "m");
  ASSERT_EQ(b["completed"], 20);
  EXPECT_NEAR(b["latency_s"]["max"].get<double>(), 4.24, 0.005);
  // The sixth reply is still one of the first burst (6 waited): 6 x 0.2 s.
  EXPECT_LT(b["latency_s"]["p50"].get<double>(), a["latency_s"]["max"].get<double>());
}

}  // namespace

}  // namespace buslab
