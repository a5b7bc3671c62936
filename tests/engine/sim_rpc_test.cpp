// oslo.messaging semantics and the direct RPC families, driven by scenarios: each test checks counts and
// timings that follow from the model's rules.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>

#include "tests/support/sim_support.hpp"
#include "tests/support/temp_dir.hpp"

namespace buslab {

namespace {

using Json = nlohmann::ordered_json;

const Json& method_stats(const Json& m, const std::string& client, const std::string& method) {
  return testing::client_method(m, client, method);
}

uint64_t handled(const Json& m, const std::string& server) {
  return testing::named(m["servers"], server)["handled"].get<uint64_t>();
}

nlohmann::json read_trace(const std::string& dir) {
  std::ifstream in(dir + "/trace.json");
  return nlohmann::json::parse(in);
}

// One server, `clients` closed-loop clients, a 20 ms method: the shape of docs/semantics.md teaching point 9. The
// clients start together ("stagger": "0s"): a herd at the server's accept queue, as the teaching point has it.
std::string one_server(const std::string& transport, int clients, const std::string& extra_faults = "[]",
                       const std::string& timeout = "60s") {
  // The ideal profile: no software cost, so that the oracles below are service times, cores and queues alone.
  return R"({"duration": "30s", "drain": "60s", "profile": "ideal",
    "platform": {"hosts": [{"name": "client", "cores": 4}, {"name": "server", "cores": 4}, {"name": "mq", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [{"name": "calc", "transport": ")" +
         transport + R"(", "hosts": ["server"], "methods": {"add": {"service_time": "20ms"}}}],
    "clients": [{"name": "c", "host": "client", "count": )" +
         std::to_string(clients) + R"(, "service": "calc", "method": "add", "timeout": ")" + timeout + R"(",
                 "arrival": {"kind": "closed", "outstanding": 1, "stagger": "0s"}}],
    "faults": )" +
         extra_faults + "}";
}

}  // namespace

TEST(OsloRpc, TheSeedsClientSeesWhatTheRealLibraryWouldDo) {
  const testing::TempDir dir("seeds");
  const auto m = testing::run_json(R"({"duration": "1s",
    "platform": {"hosts": [{"name": "controller", "cores": 2}]},
    "brokers": [{"name": "rabbit", "host": "controller"}],
    "services": [{"name": "server", "topic": "test", "transport": "broker:rabbit", "hosts": ["controller"],
      "replica_names": ["server1"], "executor": {"kind": "blocking"},
      "methods": {"test": {"service_time": "1ms"}, "add": {"service_time": "1ms"}},
      "endpoints": [{"namespace": "control", "version": "2.0", "methods": {"stop": {"service_time": "1ms"}}}]}],
    "clients": [{"name": "client", "host": "controller", "timeout": "5s", "arrival": {"kind": "fixed", "count": 1, "interval": "1s"},
      "steps": [
        {"service": "server", "method": "test"},
        {"service": "server", "method": "add", "version": "1.0"},
        {"service": "server", "method": "stop", "mode": "cast", "namespace": "control", "version": "2.0"},
        {"service": "server", "method": "stop"},
        {"service": "server", "method": "test", "version": "2.0"},
        {"service": "server", "method": "add", "fanout": true},
        {"service": "server", "method": "add", "server": "server1"}]}]})",
                                   dir.path());
  EXPECT_EQ(method_stats(m, "client", "test")["completed"], 1);
  EXPECT_EQ(method_stats(m, "client", "test")["failures"]["UnsupportedVersion"], 1);  // version 2.0 on a 1.0 endpoint
  EXPECT_EQ(method_stats(m, "client", "stop")["completed"], 1);                       // the cast, to namespace control
  EXPECT_EQ(method_stats(m, "client", "stop")["failures"]["NoSuchMethod"], 1);        // no namespace: not there
  EXPECT_EQ(method_stats(m, "client", "add")["failures"]["InvalidTarget"], 1);        // a fanout call is refused
  EXPECT_EQ(method_stats(m, "client", "add")["completed"], 2);
  // The server ran six of the seven: the fanout call never left the client.
  EXPECT_EQ(handled(m, "server1"), 6u);
  // The server-directed call went through the queue named after the server, as oslo names it.
  EXPECT_EQ(testing::named(m["queues"], "rabbit/test.server1")["published"], 1);
  const auto trace = read_trace(dir.path());
  EXPECT_EQ(trace["calls"][5][6], "error:InvalidTarget");
}

TEST(DirectRpc, ASingleThreadedXmlRpcServerServesOneAtATimeAndItsBacklogOverflows) {
  const auto m = testing::run_json(one_server("xmlrpc", 10));
  const auto& s = method_stats(m, "c", "add");
  // Throughput is one call per service time: 30 s / 20 ms.
  EXPECT_NEAR(s["completed"].get<double>(), 1500, 15);
  // One running and six in the accept queue (Linux lets listen(5)'s backlog + 1 wait): a call admitted waits for
  // the one running and the six ahead of it, then runs: 7 x 20 ms...
  EXPECT_NEAR(s["latency_s"]["p50"].get<double>(), 0.140, 0.002);
  // ...and the other clients' SYNs are dropped: they retry after 1, 2, 4, ... s.
  EXPECT_GT(s["latency_s"]["max"].get<double>(), 1.0);
  // One core of 4 at most; the run goes on after the load while locked-out clients' retransmissions come in.
  EXPECT_LE(testing::named(m["servers"], "calc-1")["cpu_utilisation"].get<double>(), 0.25 + 1e-9);
}

TEST(DirectRpc, AThreadedXmlRpcServerSharesItsCores) {
  const auto m = testing::run_json(one_server("xmlrpc-threaded", 10));
  // Ten concurrent 20 ms requests on 4 cores: 50 ms each, plus the network and the connection set-up.
  EXPECT_NEAR(method_stats(m, "c", "add")["latency_s"]["p50"].get<double>(), 0.0505, 0.001);
  EXPECT_GT(testing::named(m["servers"], "calc-1")["cpu_utilisation"].get<double>(), 0.98);
}

TEST(DirectRpc, GreenThreadsSerialiseCpuWorkThreadsShareTheCores) {
  auto scenario = [](const std::string& kind) {
    return R"({"duration": "10s", "platform": {"hosts": [{"name": "c", "cores": 4}, {"name": "s", "cores": 4}]},
      "services": [{"name": "svc", "transport": "direct", "hosts": ["s"], "executor": {"kind": ")" +
           kind + R"(", "workers": 64},
                    "methods": {"m": {"service_time": "10ms"}}}],
      "clients": [{"name": "c", "host": "c", "count": 8, "service": "svc", "method": "m",
                   "arrival": {"kind": "closed", "outstanding": 1}}]})";
  };
  const double green =
      method_stats(testing::run_json(scenario("eventlet")), "c", "m")["latency_s"]["p50"].get<double>();
  EXPECT_NEAR(green, 0.080, 0.002);  // 8 requests, one core's worth of CPU at a time
}

TEST(DirectRpc, ThreadsOfTheSameShapeShareFourCores) {
  const auto m = testing::run_json(
      R"({"duration": "10s", "platform": {"hosts": [{"name": "c", "cores": 4}, {"name": "s", "cores": 4}]},
      "services": [{"name": "svc", "transport": "direct", "hosts": ["s"], "executor": {"kind": "threading", "workers": 64},
                    "methods": {"m": {"service_time": "10ms"}}}],
      "clients": [{"name": "c", "host": "c", "count": 8, "service": "svc", "method": "m",
                   "arrival": {"kind": "closed", "outstanding": 1}}]})");
  EXPECT_NEAR(method_stats(m, "c", "m")["latency_s"]["p50"].get<double>(), 0.020, 0.001);
}

TEST(DirectRpc, ZerorpcNoticesADeadServerByItsMissingHeartbeats) {
  const testing::TempDir dir("zerorpc");
  const auto m = testing::run_json(
      one_server("zerorpc", 1, R"([{"at": "5s", "action": "kill", "target": "calc-1"}])", "30s"), dir.path());
  const auto& s = method_stats(m, "c", "add");
  // Every call made to the dead server ends so: ZeroMQ never reports the reset connection.
  EXPECT_GE(s["failures"]["LostRemote"].get<uint64_t>(), 1u);
  EXPECT_EQ(s["failures"].size(), 1u);
  EXPECT_EQ(s["timed_out"], 0);
  // The call in flight at 5 s fails about four heartbeat periods (20 s) later, not at its 30 s timeout.
  const auto trace = read_trace(dir.path());  // kept alive: the loop below walks a part of it
  size_t lost_remote = 0;
  for (const auto& call : trace["calls"])
    if (call[6] == "error:LostRemote") {
      ++lost_remote;
      const double waited = call[5].get<double>() - call[4].get<double>();
      EXPECT_GT(waited, 14.0);
      EXPECT_LT(waited, 21.0);
    }
  EXPECT_EQ(lost_remote, s["failures"]["LostRemote"].get<size_t>());
}

TEST(DirectRpc, AHungServerMakesItsCallersWaitOutTheirTimeout) {
  const testing::TempDir dir("hang");
  const auto m = testing::run_json(one_server("xmlrpc-threaded", 4,
                                              R"([{"at": "2s", "action": "hang", "target": "calc-1"},
                                                  {"at": "12s", "action": "resume", "target": "calc-1"}])",
                                              "3s"),
                                   dir.path());
  const auto& s = method_stats(m, "c", "add");
  EXPECT_GE(s["timed_out"].get<uint64_t>(), 4u);  // the four in flight, and those sent while it hung
  EXPECT_EQ(s["failed"], 0);                      // nothing refuses: the process is alive
  EXPECT_GT(s["late_replies"].get<uint64_t>(), 0u);
  // The trace marks the freeze and the resumption on the server's lane, for the visualizer.
  std::vector<std::pair<double, std::string>> marks;
  const auto trace = read_trace(dir.path());
  for (const auto& e : trace["events"])
    if (e[2] == "hang" || e[2] == "resume") marks.emplace_back(e[0].get<double>(), e[2].get<std::string>());
  ASSERT_EQ(marks.size(), 2u);
  EXPECT_DOUBLE_EQ(marks[0].first, 2.0);
  EXPECT_EQ(marks[0].second, "hang");
  // The resumption is posted at 12 s. It may wait a tenth of a millisecond: the clients' SYN retries fire at 12 s
  // too (a multiple of the kernel timer wheel's 32 ms tick), and SimGrid's mailbox matches the process's one
  // receive with the first frame posted, which is then on the wire for the network's latency.
  EXPECT_NEAR(marks[1].first, 12.0, 1e-3);
  EXPECT_EQ(marks[1].second, "resume");
}

TEST(OsloRpc, AServiceWithItsOwnExchangeIsReachedThroughIt) {
  const testing::TempDir dir("exchange");
  const auto m = testing::run_json(R"({"duration": "1s",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "sched", "transport": "broker:mq", "exchange": "nova", "hosts": ["h"],
                  "methods": {"select": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "sched", "method": "select",
                 "arrival": {"kind": "fixed", "count": 5, "interval": "50ms"}}]})",
                                   dir.path());
  EXPECT_EQ(method_stats(m, "c", "select")["completed"], 5);
  const auto trace = read_trace(dir.path());
  std::map<int, std::string> lane_names;
  for (const auto& lane : trace["lanes"]) lane_names[lane["id"].get<int>()] = lane["name"].get<std::string>();
  std::map<std::string, int> requests_to;
  for (const auto& hop : trace["hops"])
    if (hop[2] == "request") ++requests_to[lane_names[hop[4].get<int>()]];
  EXPECT_EQ(requests_to, (std::map<std::string, int>{{"mq/x/nova", 5}}));
}

TEST(OsloRpc, ATraceNamesTheServerThatRanACast) {
  const testing::TempDir dir("cast-server");
  testing::run_json(R"({"duration": "1s",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "sched", "transport": "broker:mq", "replicas": 2, "hosts": ["h"],
                  "methods": {"update": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "sched", "method": "update", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": 10, "interval": "50ms"}}]})",
                    dir.path());
  const auto trace = read_trace(dir.path());
  std::map<int, std::string> lane_names;
  for (const auto& lane : trace["lanes"]) lane_names[lane["id"].get<int>()] = lane["name"].get<std::string>();
  std::map<std::string, int> ran;
  for (const auto& call : trace["calls"]) {
    EXPECT_EQ(call[6], "confirmed");        // the default profile's oslo waits for the broker's publisher confirm
    ++ran[lane_names[call[7].get<int>()]];  // -1 (no server) would name no lane
  }
  // Round-robin over the two replicas of the topic queue.
  EXPECT_EQ(ran, (std::map<std::string, int>{{"sched-1", 5}, {"sched-2", 5}}));
}

TEST(OsloRpc, AFanoutCastReachesEveryServer) {
  const auto m = testing::run_json(R"({"duration": "1s",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "sched", "transport": "broker:mq", "replicas": 3, "hosts": ["h"],
                  "methods": {"update": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "sched", "method": "update", "mode": "cast", "fanout": true,
                 "arrival": {"kind": "fixed", "count": 10, "interval": "50ms"}}]})");
  for (const char* server : {"sched-1", "sched-2", "sched-3"}) EXPECT_EQ(handled(m, server), 10u) << server;
  EXPECT_EQ(m["conservation"]["created"], 30);  // one publish, three queue copies, each
}

TEST(OsloRpc, ARetriedCallMayRunTwice) {
  const auto m = testing::run_json(R"({"duration": "1s", "drain": "30s",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "slow", "transport": "broker:mq", "hosts": ["h"], "methods": {"m": {"service_time": "3s"}}}],
    "clients": [{"name": "c", "host": "h", "service": "slow", "method": "m", "timeout": "2s", "retries": 1,
                 "arrival": {"kind": "fixed", "count": 1, "interval": "1s"}}]})");
  const auto& s = method_stats(m, "c", "m");
  EXPECT_EQ(s["retried"], 1);
  EXPECT_EQ(s["timed_out"], 1);         // the retry also took longer than 2 s
  EXPECT_EQ(handled(m, "slow-1"), 2u);  // but the method ran twice
  EXPECT_EQ(s["late_replies"], 2);
}

TEST(OsloRpc, ACallToATopicNobodyDeclaredTimesOutAndACastVanishes) {
  const auto m = testing::run_json(R"({"duration": "1s",
    "platform": {"hosts": [{"name": "h", "cores": 4}]},
    "brokers": [{"name": "mq", "host": "h"}],
    "services": [{"name": "svc", "transport": "broker:mq", "hosts": ["h"], "methods": {"m": {"service_time": "1ms"}}}],
    "clients": [{"name": "c", "host": "h", "timeout": "2s", "arrival": {"kind": "fixed", "count": 1, "interval": "1s"},
                 "steps": [{"service": "svc", "method": "m", "server": "svc-1"}]}],
    "faults": [{"at": "0s", "action": "kill", "target": "svc-1"}]})");
  // The server's own queue exists (declared before the run) but nobody consumes it: the call expires there.
  EXPECT_EQ(method_stats(m, "c", "m")["timed_out"], 1);
  EXPECT_EQ(m["conservation"]["expired"], 1);
}

TEST(OsloRpc, NovaBootCastsToTheComputeTheSchedulerChose) {
  const auto m = testing::run_json(R"({"duration": "20s", "drain": "60s",
    "platform": {"hosts": [{"name": "ctl", "cores": 8}, {"name": "mq", "cores": 4}, {"name": "cpu", "count": 4, "cores": 8}]},
    "brokers": [{"name": "mq", "host": "mq"}],
    "services": [
      {"name": "conductor", "transport": "broker:mq", "hosts": ["ctl"], "methods": {
         "build": {"service_time": "2ms", "steps": [
           {"service": "scheduler", "method": "select_destinations"},
           {"service": "compute", "method": "build_and_run_instance", "mode": "cast", "server": "@selected"}]}}},
      {"name": "scheduler", "transport": "broker:mq", "hosts": ["ctl"],
       "methods": {"select_destinations": {"service_time": "20ms", "select": "compute"}}},
      {"name": "compute", "transport": "broker:mq", "replicas": 4, "hosts": ["cpu"],
       "methods": {"build_and_run_instance": {"service_time": "10ms", "io_time": "2s"}}}],
    "clients": [{"name": "api", "host": "ctl", "service": "conductor", "method": "build", "mode": "cast",
                 "arrival": {"kind": "fixed", "count": 40, "interval": "250ms"}}]})");
  EXPECT_EQ(handled(m, "conductor-1"), 40u);
  EXPECT_EQ(handled(m, "scheduler-1"), 40u);
  for (int i = 1; i <= 4; ++i) {
    const std::string compute = "compute-" + std::to_string(i);
    // The scheduler picks in turn; each build went to the chosen compute's own queue.
    EXPECT_EQ(handled(m, compute), 10u) << compute;
    EXPECT_EQ(testing::named(m["queues"], "mq/compute." + compute)["published"], 10) << compute;
  }
  EXPECT_EQ(testing::named(m["queues"], "mq/compute")["published"], 0);
}

TEST(OsloRpc, ClientsAndServersFailOverToTheNextBroker) {
  const auto m = testing::run_json(R"({"duration": "20s", "drain": "60s",
    "platform": {"hosts": [{"name": "h", "cores": 4}, {"name": "mq", "count": 2, "cores": 4}]},
    "brokers": [{"name": "rabbit1", "host": "mq1"}, {"name": "rabbit2", "host": "mq2"}],
    "services": [{"name": "svc", "transport": "broker:rabbit1,rabbit2", "replicas": 2, "hosts": ["h"],
                  "methods": {"m": {"service_time": "5ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "svc", "method": "m", "timeout": "30s",
                 "arrival": {"kind": "poisson", "rate": 20}}],
    "faults": [{"at": "5s", "action": "kill", "target": "rabbit1"}]})");
  const auto& s = method_stats(m, "c", "m");
  // Requests made while every process reconnects wait (retry forever) and then go to rabbit2.
  EXPECT_EQ(s["completed"], s["sent"]);
  EXPECT_GT(testing::named(m["brokers"], "rabbit2")["connections"].get<uint64_t>(), 2u);
  EXPECT_GT(testing::named(m["brokers"], "rabbit2")["publishes"].get<uint64_t>(), 100u);
  EXPECT_GT(s["latency_s"]["max"].get<double>(), 1.0);  // the back-off shows in the tail
}

TEST(OsloRpc, WithRetryZeroARequestFailsAtOnceWhileTheBrokerIsAway) {
  const auto m = testing::run_json(R"({"duration": "10s", "drain": "60s",
    "platform": {"hosts": [{"name": "h", "cores": 4}, {"name": "mq", "cores": 4}]},
    "brokers": [{"name": "rabbit", "host": "mq"}],
    "services": [{"name": "svc", "transport": "broker:rabbit", "hosts": ["h"], "methods": {"m": {"service_time": "5ms"}}}],
    "clients": [{"name": "c", "host": "h", "service": "svc", "method": "m", "retry": 0,
                 "arrival": {"kind": "fixed", "count": 100, "interval": "100ms"}}],
    "faults": [{"at": "3s", "action": "kill", "target": "rabbit"}, {"at": "6s", "action": "restart", "target": "rabbit"}]})");
  const auto& s = method_stats(m, "c", "m");
  EXPECT_GT(s["failures"]["delivery_failure"].get<uint64_t>(), 20u);
  EXPECT_EQ(m["conservation"]["dropped"]["failed"], s["failures"]["delivery_failure"]);
}

}  // namespace buslab
